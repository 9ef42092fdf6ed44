import { GoodsParams, IdempotencyKey, RedemptionInput } from '@union/shared/mall';
import { PageQuery } from '@union/shared/common';
import { created, ok, route } from '../lib/http';
import { routes } from '../lib/router';
import { validationFailed } from '../lib/errors';
import { mallDeps } from '../usecases/deps';
import { cancelMyOrder, getGoods, listGoodsForMember, myOrder, myOrders, redeemGoods } from '../usecases/mall';

const deps = mallDeps();

function idempotencyKeyOf(headers: Record<string, string | undefined>): string {
  const parsed = IdempotencyKey.safeParse(headers['idempotency-key']);
  if (!parsed.success) throw validationFailed([{ path: 'Idempotency-Key', message: headers['idempotency-key'] ? parsed.error.issues[0].message : '兑换请求缺少 Idempotency-Key' }]);
  return parsed.data;
}

export const handler = routes({
  'GET /v1/goods': route({ auth: true }, async ({ userId }) => ok(await listGoodsForMember(deps, userId))),
  'GET /v1/goods/{id}': route({ auth: true, params: GoodsParams }, async ({ userId, params }) => ok(await getGoods(deps, userId, params.id))),
  'POST /v1/redemptions': route({ auth: true, body: RedemptionInput }, async ({ userId, body, headers, now }) =>
    created(await redeemGoods(deps, userId, body, idempotencyKeyOf(headers), now)),
  ),
  'GET /v1/me/redemptions': route({ auth: true, query: PageQuery }, async ({ userId, query }) => ok(await myOrders(deps, userId, query))),
  'GET /v1/redemptions/{id}': route({ auth: true, params: GoodsParams }, async ({ userId, params }) => ok(await myOrder(deps, userId, params.id))),
  'POST /v1/redemptions/{id}/cancel': route({ auth: true, params: GoodsParams }, async ({ userId, params, now }) => ok(await cancelMyOrder(deps, userId, params.id, now))),
});
