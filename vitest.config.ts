import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { TEST_DYNAMO, TEST_TABLE } from './tests/setup/ports.ts';

/** The test stage's keyring, as serverless.yml gives it to the functions (scripts/stage-guard.cjs). */
const { LITERALS } = createRequire(import.meta.url)('./scripts/stage-guard.cjs') as { LITERALS: { test: { piiKey: string } } };

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'functions/src/**/*.test.ts', 'shared/src/**/*.test.ts'],
    globalSetup: ['tests/setup/global.ts'],
    // Integration tests import the functions' code directly; it reads the same configuration as Lambda.
    env: {
      STAGE: 'test',
      TABLE_NAME: TEST_TABLE,
      DYNAMODB_ENDPOINT: TEST_DYNAMO,
      TOKEN_SECRET: 'test-token-secret-not-for-production-00001',
      PII_KEY: LITERALS.test.piiKey,
      AWS_REGION: 'cn-northwest-1',
      // As the test stage in serverless.yml: DynamoDB Local queues bursts for seconds on a loaded machine.
      DYNAMODB_REQUEST_TIMEOUT_MS: '20000',
      DYNAMODB_CONNECT_TIMEOUT_MS: '10000',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
