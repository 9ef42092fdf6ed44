import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { config } from '../config';
import { edgeStores, notifierFor } from '../wiring';
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
  'GET /v1/admin/goods': async ({ userId, query }) => ok(await listGoodsInScope(deps, userId, query)),
  'POST /v1/admin/goods': async ({ userId, body, now }) => created(await publishGoods(deps, userId, body, now)),
  'PATCH /v1/admin/goods/{id}': async ({ userId, params, body, now }) =>
    ok(await editGoods(deps, userId, params.id, body, now)),
  'POST /v1/admin/redemptions/verify': async ({ userId, body, now }) => ok(await verifyPickup(deps, userId, body.pickupCode, now)),
  'GET /v1/admin/redemptions': async ({ userId, query }) => ok(await listOrdersInScope(deps, userId, query)),
  'POST /v1/admin/points-adjustments': async ({ userId, body, now }) => created(await adjustPoints(deps, userId, body, now)),
}, edgeStores());
