/**
 * The `$default` route of API Gateway (cloud): CORS preflight for the stage's origins, and the api.md error
 * body for unknown routes. (serverless-offline answers preflight itself, so this is tested on the handler.)
 */
import { describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

const eventOf = (method: string, origin?: string) =>
  ({ routeKey: '$default', rawPath: '/v1/x', headers: origin ? { origin } : {}, requestContext: { http: { method } } }) as unknown as APIGatewayProxyEventV2;

describe('the $default route', () => {
  it('answers preflight for an allowed origin with the methods and headers the API uses, refuses others', async () => {
    vi.stubEnv('CORS_ORIGIN', 'https://h5.example,https://servicewechat.com');
    vi.resetModules();
    const { handler } = await import('../../functions/src/handlers/not-found');
    const ours = await handler(eventOf('OPTIONS', 'https://h5.example'));
    expect(ours.statusCode).toBe(204);
    expect(ours.headers?.['access-control-allow-origin']).toBe('https://h5.example');
    expect(String(ours.headers?.['access-control-allow-headers'])).toContain('idempotency-key');
    expect(String(ours.headers?.['access-control-allow-methods'])).toContain('PATCH');
    const theirs = await handler(eventOf('OPTIONS', 'https://evil.example'));
    expect(theirs.statusCode).toBe(403);
    expect(theirs.headers?.['access-control-allow-origin']).toBeUndefined();
    vi.unstubAllEnvs();
  });

  it('every operation names only an allowed origin (serverless-offline echoes any origin, so this is the function itself)', async () => {
    vi.stubEnv('CORS_ORIGIN', 'https://h5.example');
    vi.resetModules();
    const { handler } = await import('../../functions/src/handlers/me');
    const from = async (origin: string) => {
      const event = { ...eventOf('GET', origin), routeKey: 'GET /v1/me', rawPath: '/v1/me' } as APIGatewayProxyEventV2;
      return (await (handler as unknown as (e: APIGatewayProxyEventV2, c: object) => Promise<{ statusCode: number; headers?: Record<string, string> }>)(event, {}));
    };
    const ours = await from('https://h5.example');
    expect(ours.statusCode).toBe(401);
    expect(ours.headers?.['access-control-allow-origin'] ?? ours.headers?.['Access-Control-Allow-Origin']).toBe('https://h5.example');
    const theirs = await from('https://evil.example');
    expect(theirs.headers?.['access-control-allow-origin'] ?? theirs.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
    vi.unstubAllEnvs();
  });

  it('answers an unknown route with the error body', async () => {
    const { handler } = await import('../../functions/src/handlers/not-found');
    const answer = await handler(eventOf('GET'));
    expect(answer.statusCode).toBe(404);
    expect(JSON.parse(String(answer.body))).toEqual({ error: { code: 'NOT_FOUND', message: '接口不存在', details: [] } });
  });
});
