/**
 * Stands in for `@aws-sdk/credential-provider-node` in the function bundles (serverless.yml, esbuild
 * `alias`). The DynamoDB client's default chain also tries SSO, ini files, credential processes, web
 * identity tokens and the instance metadata service, and pulls in the STS/SSO clients for them (≈ 130 KB
 * of every bundle, compiled at every cold start: docs/design.md "Cold start"). On Lambda the runtime puts
 * the execution role's credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN: the Lambda guide's "Defined runtime environment variables"), and the chain's first
 * link, `fromEnv`, is what answers there; the local stack and the tests pass explicit credentials
 * (lib/dynamo.ts). So the bundles carry that first link only. Scripts run with tsx keep the full chain.
 */
import { fromEnv, type FromEnvInit } from '@aws-sdk/credential-provider-env';

/** The runtime config calls `defaultProvider(clientConfig)`; only its logger matters to `fromEnv`. */
export const defaultProvider = (init: FromEnvInit = {}) => fromEnv(init);
