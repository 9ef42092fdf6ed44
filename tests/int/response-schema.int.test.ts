/**
 * The server never sends what its own schema rejects (issue 12 item 16): an answer that fails the route's
 * response schema in ROUTES becomes 500 INTERNAL (logged as our fault) instead of reaching the app, where
 * it would fail the client's parse and be blamed on the app's version.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { ok, route } from '../../functions/src/lib/http';
import { issueToken } from '../../functions/src/lib/tokens';
import { edgeStores } from '../../functions/src/wiring/edge';
import { ROUTES } from '@union/shared/routes';
import { UsersRepository, newProfile } from '../../functions/src/repositories/users';

// The edge refuses a token whose user does not exist (注销): the token names a real account.
beforeAll(async () => {
  await new UsersRepository().createForOpenid(newProfile('u-response-schema', 'response-schema-openid', undefined, new Date()));
});

async function invoke(body: unknown) {
  const { token } = await issueToken('u-response-schema', new Date());
  const handler = route('GET /v1/admin/overview', ROUTES['GET /v1/admin/overview'], async () => ok(body), edgeStores());
  const event = {
    routeKey: 'GET /v1/admin/overview', rawPath: '/v1/admin/overview', headers: { authorization: `Bearer ${token}` },
    requestContext: { http: { method: 'GET', sourceIp: '127.0.0.1' } }, isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  return handler(event, {} as Context);
}

describe('answers are checked against their schema', () => {
  it('a well-formed answer goes out as it is', async () => {
    const good = { orgId: 'xa', orgName: '西安市总工会', pendingJoinRequests: 1, pendingTransferRequests: 0, ordersAwaitingPickup: 2, activitiesToday: 0 };
    const res = await invoke(good);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(String(res.body))).toEqual(good);
  });

  it.each([
    ['a count that is NaN (null in JSON)', { orgId: 'xa', orgName: '西安市总工会', pendingJoinRequests: Number.NaN, pendingTransferRequests: 0, ordersAwaitingPickup: 0, activitiesToday: 0 }],
    ['a missing field', { orgId: 'xa', pendingJoinRequests: 0, pendingTransferRequests: 0, ordersAwaitingPickup: 0, activitiesToday: 0 }],
  ])('%s → 500 INTERNAL, not the malformed body', async (_what, bad) => {
    const res = await invoke(bad);
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(String(res.body)).error.code).toBe('INTERNAL');
  });
});
