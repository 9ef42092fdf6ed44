/**
 * The api.md error body for a route that does not exist — its own module, so the `$default` function
 * (handlers/not-found.ts) does not carry the route stack, its logger and metrics.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** The error body of api.md for a route that does not exist. */
export function notFound(): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 404,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff' },
    body: JSON.stringify({ error: { code: 'NOT_FOUND', message: '接口不存在', details: [] } }),
  };
}
