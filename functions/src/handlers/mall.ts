import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { config } from '../config';
import { edgeStores, notifierFor } from '../wiring';
import { MallRepository } from '../repositories/mall';
import { OrgsRepository } from '../repositories/orgs';
import { PointsRepository } from '../repositories/points';
import { UsersRepository } from '../repositories/users';
import { cancelMyOrder, getGoods, listGoodsForMember, myOrder, myOrders, redeemGoods, type MallDeps } from '../usecases/mall';

/** The composition root of the mall: the repositories and adapters its use cases ask for. */
export const deps: MallDeps = {
  mall: new MallRepository(),
  points: new PointsRepository(),
  orgs: new OrgsRepository(),
  users: new UsersRepository(),
  notifier: notifierFor(config()),
};

export const handler = routes({
  'GET /v1/goods': async ({ userId }) => ok(await listGoodsForMember(deps, userId)),
  'GET /v1/goods/{id}': async ({ params }) => ok(await getGoods(deps, params.id)),
  'POST /v1/redemptions': async ({ userId, body, headers, now }) =>
    created(await redeemGoods(deps, userId, body, headers['idempotency-key'] as string /* required by ROUTES */, now)),
  'GET /v1/me/redemptions': async ({ userId, query }) => ok(await myOrders(deps, userId, query)),
  'GET /v1/redemptions/{id}': async ({ userId, params }) => ok(await myOrder(deps, userId, params.id)),
  'POST /v1/redemptions/{id}/cancel': async ({ userId, params, now }) => ok(await cancelMyOrder(deps, userId, params.id, now)),
}, edgeStores());
