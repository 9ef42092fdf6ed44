/**
 * Starts the real parts once for the whole run: DynamoDB Local (in memory) with the table from
 * serverless.yml and the demo seed, the API under serverless-offline (stage test), and — when the H5
 * build exists — a static server for it. Unit tests ignore all of this.
 */
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { startDynamoLocal } from '../../scripts/lib/dynamodb-local';
import { describeExit } from '../../scripts/lib/processes';
import { ensureTable } from '../../scripts/lib/table';
import { startOffline } from '../../scripts/lib/offline';
import { serveStatic } from '../../scripts/lib/static-server';
import { h5Output } from '../../scripts/lib/build';
import { OFFLINE_LOG, TEST_H5, TEST_PORTS, TEST_TABLE } from './ports.ts';
import { untaggedItems } from './entity-tags.ts';

const { LITERALS } = createRequire(import.meta.url)('../../scripts/stage-guard.cjs') as { LITERALS: { test: { piiKey: string } } };

export default async function setup() {
  mkdirSync(join(OFFLINE_LOG, '..'), { recursive: true });
  writeFileSync(OFFLINE_LOG, '');
  const dynamo = await startDynamoLocal({ port: TEST_PORTS.dynamo, quiet: true });
  await ensureTable(dynamo.endpoint, TEST_TABLE);
  // If the database dies mid-run every later test fails with ECONNREFUSED: say once, loudly, why.
  let stopping = false;
  void dynamo.part.exited.then((exit) => {
    if (!stopping) console.error(`\n✖ the test stack's DynamoDB Local stopped (${describeExit(exit)}); its last lines:\n${dynamo.part.lastLines().slice(-15).join('\n')}\n`);
  });
  // The seed uses the functions' own key layout and reads the same configuration they do.
  Object.assign(process.env, {
    STAGE: 'test',
    TABLE_NAME: TEST_TABLE,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    TOKEN_SECRET: 'test-token-secret-not-for-production-00001',
    PII_KEY: LITERALS.test.piiKey,
  });
  const { seedDemo } = await import('../../scripts/lib/seed');
  await seedDemo();
  const offline = await startOffline({
    stage: 'test',
    httpPort: TEST_PORTS.api,
    lambdaPort: TEST_PORTS.lambda,
    dynamoEndpoint: dynamo.endpoint,
    env: { CORS_ORIGINS: TEST_H5 },
    log: (line) => {
      // Everything the functions log is kept: a test checks that no personal data ever reaches it.
      appendFileSync(OFFLINE_LOG, `${line}\n`);
      if (process.env.DEBUG_OFFLINE || /"level":"(error|ERROR)"|Error:/.test(line)) console.log(`  api | ${line}`);
    },
  });
  const h5Dir = h5Output('test');
  let web: Server | undefined;
  if (existsSync(join(h5Dir, 'index.html'))) web = await serveStatic(h5Dir, TEST_PORTS.h5);
  return async () => {
    web?.close();
    await offline.stop();
    // After every suite has written what it writes: each item must carry its entity and version.
    const untagged = await untaggedItems(dynamo.endpoint, TEST_TABLE).catch((error) => [`scan failed: ${error}`]);
    stopping = true;
    await dynamo.stop();
    if (untagged.length) throw new Error(`items without entity/version tags:\n  ${[...new Set(untagged)].slice(0, 20).join('\n  ')}`);
  };
}
