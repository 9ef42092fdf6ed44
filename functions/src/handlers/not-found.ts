/**
 * API Gateway's `$default` route: whatever no operation of ROUTES matches. Answers CORS preflight for the
 * H5 app (the allowed origins of the stage, the methods and headers the API uses) and the api.md error
 * body for every other unknown route — never the local server's route list.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { config } from '../config';
import { notFound } from '../lib/not-found';

/** `CORS_ORIGIN` is `*` or a comma-separated list of origins; the answer names the caller's if allowed. */
function allowedOrigin(origin: string | undefined): string | undefined {
  const allowed = config().CORS_ORIGIN.split(',').map((o) => o.trim());
  if (allowed.includes('*')) return '*';
  return origin && allowed.includes(origin) ? origin : undefined;
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  if (event.requestContext?.http?.method === 'OPTIONS') {
    const origin = allowedOrigin(event.headers?.origin ?? event.headers?.Origin);
    if (!origin) return { statusCode: 403, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ error: { code: 'FORBIDDEN', message: '不允许的来源', details: [] } }) };
    return {
      statusCode: 204,
      headers: {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET,POST,PATCH,PUT,DELETE,OPTIONS',
        'access-control-allow-headers': 'authorization,content-type,idempotency-key',
        'access-control-max-age': '600',
        ...(origin === '*' ? {} : { vary: 'Origin' }),
      },
    };
  }
  return notFound();
};
