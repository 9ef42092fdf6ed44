/**
 * The local stack's literal secrets, and the guard that keeps them there. serverless.yml resolves
 * `${file(./scripts/stage-guard.cjs):localSecrets.<name>}` for the `local` and `test` stages:
 * - a local/test stage against DynamoDB Local (127.0.0.1/localhost) gets the literals below;
 * - a local/test stage anywhere else (a cloud deploy named `test`) fails here, before any template;
 * - every other stage gets '' — its secrets come from SSM — so no literal enters its package or state.
 * The functions apply the same rule at cold start (functions/src/config.ts#isLocalStack).
 */
const LOCAL_STAGES = ['local', 'test'];

/** Throwaway values of the local stack: never valid anywhere else. */
const LITERALS = {
  local: {
    tokenSecret: 'local-token-secret-not-for-production-0001',
    piiKey: 'bG9jYWwtcGlpLWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=',
    oaToken: 'local-oa-token',
    reviewTemplate: 'local-review-result',
    rootCadreOpenids: 'dev-cadre-province',
  },
  test: {
    tokenSecret: 'test-token-secret-not-for-production-00001',
    // Mid-rotation on purpose (functions/src/lib/pii-keyring.ts): version 2 is current, version 1 (the key
    // before versions existed) still reads — so every test crosses key versions, and the rotation test has a 1 → 2 to do.
    piiKey: '2:dGVzdC1waWkta2V5LXYyLW5vdC1mb3ItcHJvZC11c2U=,1:dGVzdC1waWkta2V5LS1ub3QtZm9yLXByb2R1Y3Rpb24=',
    oaToken: 'local-oa-token',
    reviewTemplate: 'test-review-result',
    rootCadreOpenids: 'dev-cadre-province',
  },
};

function isLocalEndpoint(endpoint) {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

function localSecrets({ options }) {
  const stage = options.stage ?? 'dev';
  if (!LOCAL_STAGES.includes(stage)) return Object.fromEntries(Object.keys(LITERALS.local).map((k) => [k, '']));
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? '';
  if (!isLocalEndpoint(endpoint)) {
    throw new Error(`stage "${stage}" is for the local stack only (DynamoDB Local on 127.0.0.1): DYNAMODB_ENDPOINT is "${endpoint}". Deploy a cloud stage (e.g. --stage prod) with its secrets in SSM.`);
  }
  return LITERALS[stage];
}

module.exports = { localSecrets, isLocalEndpoint, LITERALS };
