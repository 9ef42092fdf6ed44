/** Fixed loopback ports of the test stack (apart from `npm start`'s 8000/3000/10086). */
export const TEST_PORTS = { dynamo: 8300, api: 3300, h5: 3301, lambda: 3302 } as const;
export const TEST_API = `http://127.0.0.1:${TEST_PORTS.api}`;
export const TEST_H5 = `http://127.0.0.1:${TEST_PORTS.h5}`;
export const TEST_DYNAMO = `http://127.0.0.1:${TEST_PORTS.dynamo}`;
export const TEST_TABLE = 'zhgh-test';
/** Everything serverless-offline printed during the run (the functions' logs). */
export const OFFLINE_LOG = new URL('../../test-results/offline.log', import.meta.url).pathname;
