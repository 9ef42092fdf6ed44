import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { mallRoutes } from '@union/shared/routes/mall';
import { mallDeps } from '../wiring/mall';
import { edgeStores } from '../wiring/edge';
import { cancelMyOrder, getGoods, listGoodsForMember, myOrder, myOrders, redeemGoods } from '../usecases/mall';

/** The composition root: this function's use cases, wired by the domain's builder in wiring.ts. */
export const deps = mallDeps();

export const handler = routes(mallRoutes, {
  'GET /v1/goods': async ({ userId, query }) => ok(await listGoodsForMember(deps, userId, query)),
  'GET /v1/goods/{id}': async ({ userId, params }) => ok(await getGoods(deps, userId, params.id)),
  'POST /v1/redemptions': async ({ userId, body, headers, now }) =>
    created(await redeemGoods(deps, userId, body, headers['idempotency-key'] as string /* required by ROUTES */, now)),
  'GET /v1/me/redemptions': async ({ userId, query }) => ok(await myOrders(deps, userId, query)),
  'GET /v1/redemptions/{id}': async ({ userId, params }) => ok(await myOrder(deps, userId, params.id)),
  'POST /v1/redemptions/{id}/cancel': async ({ userId, params, now }) => ok(await cancelMyOrder(deps, userId, params.id, now)),
}, edgeStores());
