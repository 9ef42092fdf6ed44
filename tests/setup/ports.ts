/**
 * Loopback ports of the test stack (apart from `npm start`'s 8000/3000/10086). `TEST_PORT_BASE` moves
 * them all, so two checkouts can run their suites side by side.
 */
const base = Number(process.env.TEST_PORT_BASE ?? 3300);
export const TEST_PORTS = { dynamo: base + 5000, api: base, h5: base + 1, lambda: base + 2 } as const;
export const TEST_API = `http://127.0.0.1:${TEST_PORTS.api}`;
export const TEST_H5 = `http://127.0.0.1:${TEST_PORTS.h5}`;
export const TEST_DYNAMO = `http://127.0.0.1:${TEST_PORTS.dynamo}`;
export const TEST_TABLE = 'zhgh-test';
/** Everything serverless-offline printed during the run (the functions' logs). */
export const OFFLINE_LOG = new URL('../../test-results/offline.log', import.meta.url).pathname;
/** The fault test's own DynamoDB Local (it kills it), the proxy in front of it, and its own API. */
export const FAULT_PORTS = { dynamo: base + 5020, proxy: base + 5021, api: base + 20, lambda: base + 22 } as const;
/** `npm start` as the supervisor test runs it, on ports of its own. */
export const START_PORTS = { dynamo: base + 5030, api: base + 30, h5: base + 31, lambda: base + 32 } as const;
