/** One Lambda serves one route group: dispatch on API Gateway's `routeKey` (e.g. `GET /v1/orgs/{id}`). */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export function routes(table: Record<string, Handler>): Handler {
  return async (event, context) => {
    // WeChat's wx.request has no PATCH: every PATCH route also answers PUT with the same meaning.
    const handler = table[event.routeKey] ?? table[event.routeKey.replace(/^PUT /, 'PATCH ')];
    if (handler) return handler(event, context);
    return {
      statusCode: 404,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ error: { code: 'NOT_FOUND', message: '接口不存在' } }),
    };
  };
}
