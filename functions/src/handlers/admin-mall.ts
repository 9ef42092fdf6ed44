import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { adminMallRoutes } from '@union/shared/routes/adminMall';
import { mallDeps } from '../wiring/mall';
import { edgeStores } from '../wiring/edge';
import { editGoods, listGoodsInScope, listOrdersInScope, publishGoods, verifyPickup } from '../usecases/mall';
import { adjustPoints } from '../usecases/points-adjustment';

/** The composition root: this function's use cases, wired by the domain's builder in wiring.ts. */
export const deps = mallDeps();

export const handler = routes(adminMallRoutes, {
  'GET /v1/admin/goods': async ({ userId, query }) => ok(await listGoodsInScope(deps, userId, query)),
  'POST /v1/admin/goods': async ({ userId, body, now }) => created(await publishGoods(deps, userId, body, now)),
  'PATCH /v1/admin/goods/{id}': async ({ userId, params, body, now }) =>
    ok(await editGoods(deps, userId, params.id, body, now)),
  'POST /v1/admin/redemptions/verify': async ({ userId, body, now }) => ok(await verifyPickup(deps, userId, body.pickupCode, now)),
  'GET /v1/admin/redemptions': async ({ userId, query }) => ok(await listOrdersInScope(deps, userId, query)),
  'POST /v1/admin/points-adjustments': async ({ userId, body, now }) => created(await adjustPoints(deps, userId, body, now)),
}, edgeStores());
