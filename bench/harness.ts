/** Shared bench plumbing: a DynamoDB Local of its own on loopback, the table, the demo seed, and events for in-process handlers. */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { startDynamoLocal } from '../scripts/lib/dynamodb-local';
import { ensureTable } from '../scripts/lib/table';

export async function benchDatabase(port: number) {
  const dynamoLocal = await startDynamoLocal({ port, quiet: true });
  const table = 'zhgh-bench';
  await ensureTable(dynamoLocal.endpoint, table);
  Object.assign(process.env, {
    STAGE: 'test', TABLE_NAME: table, DYNAMODB_ENDPOINT: dynamoLocal.endpoint, TOKEN_SECRET: 'bench-token-secret-not-for-production-0000',
    PII_KEY: Buffer.alloc(32, 7).toString('base64'), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    RATE_WRITE_PER_MINUTE: '100000', RATE_LOGIN_PER_MINUTE: '100000', OA_TOKEN: 'bench',
    // Hundreds of requests at once in one process queue for the client's sockets to DynamoDB Local on a
    // shared machine: the cloud's 1 s connect bound would measure that queue, not the code.
    DYNAMODB_CONNECT_TIMEOUT_MS: '20000', DYNAMODB_REQUEST_TIMEOUT_MS: '30000',
  });
  const { seedDemo } = await import('../scripts/lib/seed');
  await seedDemo();
  return dynamoLocal;
}

export const ctx = {} as Context;

export function event(routeKey: string, token: string | undefined, opts: { body?: unknown; headers?: Record<string, string>; params?: Record<string, string>; query?: Record<string, string> } = {}): APIGatewayProxyEventV2 {
  const [method, rawPath] = routeKey.split(' ');
  return {
    version: '2.0', routeKey, rawPath, rawQueryString: '', isBase64Encoded: false,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    pathParameters: opts.params, queryStringParameters: opts.query,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers },
    requestContext: { http: { method, path: rawPath, sourceIp: '127.0.0.1' } } as APIGatewayProxyEventV2['requestContext'],
  } as APIGatewayProxyEventV2;
}
