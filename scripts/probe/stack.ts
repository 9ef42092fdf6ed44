/**
 * The probe's own stack: the test suite's global setup (DynamoDB Local in memory, table, demo seed,
 * serverless-offline stage `test`) on TEST_PORT_BASE's ports, kept up until SIGINT. Not part of npm test.
 *   TEST_PORT_BASE=7600 node --import tsx scripts/probe/stack.ts
 */
import setup from '../../tests/setup/global';
import { TEST_API } from '../../tests/setup/ports';

const teardown = await setup();
console.log(`probe stack up: ${TEST_API}`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await teardown().catch((error) => console.error(String(error)));
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
