/**
 * The environment a workstation command (import, key rotation) needs to act on a stage's table as its
 * functions do: `local` (npm start's DynamoDB Local), `test` (the test stack's, TEST_PORT_BASE), any other
 * name: the cloud table `zhgh-<stage>` with the AWS credentials of the environment and PII_KEY set (from SSM:
 * `aws ssm get-parameter --with-decryption --name /zhgh/<stage>/pii-key`). `endpoint`/`table` override.
 */
import { createRequire } from 'node:module';

export function stageEnv(stage: string, opts: { endpoint?: string; table?: string } = {}): Record<string, string> {
  // The local and test stages' throwaway keys live in scripts/stage-guard.cjs (serverless.yml reads them there).
  const { LITERALS } = createRequire(import.meta.url)('../stage-guard.cjs') as { LITERALS: Record<string, { piiKey: string }> };
  const local: Record<string, string> = {
    local: `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`,
    test: `http://127.0.0.1:${Number(process.env.TEST_PORT_BASE ?? 3300) + 5000}`,
  };
  const piiKey = (stage in local ? LITERALS[stage]?.piiKey : undefined) ?? process.env.PII_KEY;
  if (!piiKey) {
    console.error(`PII_KEY is not set: for stage ${stage} read it with \`aws ssm get-parameter --with-decryption --name /zhgh/${stage}/pii-key\``);
    process.exit(2);
  }
  return {
    STAGE: stage,
    TABLE_NAME: opts.table ?? `zhgh-${stage}`,
    DYNAMODB_ENDPOINT: opts.endpoint ?? local[stage] ?? process.env.DYNAMODB_ENDPOINT ?? '',
    PII_KEY: piiKey,
    // Not used by these commands; the configuration insists on one.
    TOKEN_SECRET: process.env.TOKEN_SECRET ?? 'import-command-signs-no-tokens-000000000',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
