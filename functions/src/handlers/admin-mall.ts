import { AdminGoodsQuery, AdminOrderQuery, GoodsInput, GoodsParams, GoodsPatch, PointsAdjustmentInput, VerifyInput } from '@union/shared/mall';
import { created, ok, route } from '../lib/http';
import { routes } from '../lib/router';
import { config } from '../config';
import { notifierFor } from '../wiring';
import { MallRepository } from '../repositories/mall';
import { OrgsRepository } from '../repositories/orgs';
import { PointsRepository } from '../repositories/points';
import { UsersRepository } from '../repositories/users';
import { editGoods, listGoodsInScope, listOrdersInScope, publishGoods, verifyPickup, type MallDeps } from '../usecases/mall';
import { adjustPoints } from '../usecases/points-adjustment';

/** The composition root of the mall's cadre tools: the repositories and adapters its use cases ask for. */
export const deps: MallDeps = {
  mall: new MallRepository(),
  points: new PointsRepository(),
  orgs: new OrgsRepository(),
  users: new UsersRepository(),
  notifier: notifierFor(config()),
};

export const handler = routes({
  'GET /v1/admin/goods': route({ auth: true, query: AdminGoodsQuery }, async ({ userId, query }) => ok(await listGoodsInScope(deps, userId, query))),
  'POST /v1/admin/goods': route({ auth: true, body: GoodsInput }, async ({ userId, body, now }) => created(await publishGoods(deps, userId, body, now))),
  'PATCH /v1/admin/goods/{id}': route({ auth: true, params: GoodsParams, body: GoodsPatch }, async ({ userId, params, body, now }) =>
    ok(await editGoods(deps, userId, params.id, body, now)),
  ),
  'POST /v1/admin/redemptions/verify': route({ auth: true, body: VerifyInput }, async ({ userId, body, now }) => ok(await verifyPickup(deps, userId, body.pickupCode, now))),
  'GET /v1/admin/redemptions': route({ auth: true, query: AdminOrderQuery }, async ({ userId, query }) => ok(await listOrdersInScope(deps, userId, query))),
  'POST /v1/admin/points-adjustments': route({ auth: true, body: PointsAdjustmentInput }, async ({ userId, body, now }) => created(await adjustPoints(deps, userId, body, now))),
});
