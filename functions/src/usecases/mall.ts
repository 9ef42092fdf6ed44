import { createHash, randomUUID } from 'node:crypto';
import type { CadreOrder, Goods, GoodsInput, GoodsPatch, Order, OrderStatus, RedemptionInput } from '@union/shared/mall';
import { chinaIso } from '@union/shared/china-day';
import { AppError } from '../lib/errors';
import { AGAIN, retrying } from '../lib/retry';
import { newPickupCode, type StoredGoods, type StoredOrder } from '../entities/mall';
import type { Ledger, Mall, Members, Unions } from './ports';
import { assertOffered, cadreRoles, notSelf, offerChain, roleCovering, scopedOpenOrg, scopedOrg } from './scope';
import { notifyMember, type Notifier } from './notify';
import type { SoldOutMemory } from './sold-out';

export interface MallDeps {
  mall: Mall;
  orgs: Unions;
  users: Members;
  points: Ledger;
  notifier: Notifier;
  /** This instance's memory of sold-out goods and empty stock shards. */
  soldOut?: SoldOutMemory;
  /** Goods published with at least `from` stock get `shards` stock shards. */
  hotStock?: { from: number; shards: number };
}

export const goodsView = ({ orgPath: _p, createdAt: _c, stockShards: _n, ...g }: StoredGoods): Goods => g;
export const orderView = ({ userId: _u, orgPath: _p, sortAt: _s, memberOrgPath: _m, stockShard: _n, pointsLots: _l, ...o }: StoredOrder): Order => o;
/** A cadre's view of an order: never the pickup code. */
export const cadreOrderView = (stored: StoredOrder): CadreOrder => {
  const { pickupCode: _code, ...o } = orderView(stored);
  return o;
};

/** Goods a member may redeem: those of every union on their own chain (their union and its ancestors). */
export async function listGoodsForMember(deps: MallDeps, userId: string, page: { limit: number; cursor?: string }): Promise<{ items: Goods[]; nextCursor: string | null }> {
  // Non-members see the province's offer so the mall is not empty; redeeming still needs membership.
  const chain = await offerChain(deps, userId);
  const out = await deps.mall.onShelfOfOrgs(chain, page.limit, page.cursor, userId);
  return { items: out.items.map(goodsView), nextCursor: out.nextCursor };
}

/** One goods item, when it is offered to this user (or in their cadre scope); 404 otherwise. */
export async function getGoods(deps: MallDeps, userId: string, goodsId: string): Promise<Goods> {
  const goods = await deps.mall.goods(goodsId);
  if (!goods) throw new AppError('NOT_FOUND', '商品不存在');
  await assertOffered(deps, userId, goods, '商品');
  return goodsView(goods);
}

/**
 * Redeems goods, exactly once per Idempotency-Key:
 * 1. a key seen before returns the order it made (a different body with the same key is refused);
 * 2. the member must be active and the goods offered on their union chain;
 * 3. one transaction takes the points (ledger entry), the stock and the per-member allowance and puts
 *    the order with its pickup code — conditions decide, and the failed one is named;
 * 4. if the balance moved between read and write, read again (within the one retry budget).
 * Sold out (seen by this instance within `soldOut`'s lifetime) is answered without reading the goods.
 * Hot goods take their stock from one shard: a random one first, the next when it is empty.
 */
export async function redeemGoods(
  deps: { mall: Pick<Mall, 'idempotentResult' | 'order' | 'goods' | 'redeem'>; users: Pick<Members, 'profile'>; points: Pick<Ledger, 'lots'>; soldOut?: SoldOutMemory },
  userId: string, input: RedemptionInput, key: string, now: Date): Promise<Order> {
  const fingerprint = createHash('sha256').update(`${input.goodsId}:${input.quantity}`).digest('base64url');
  const replay = async () => {
    const seen = await deps.mall.idempotentResult(userId, key);
    if (!seen) return undefined;
    if (seen.fingerprint !== fingerprint) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    const order = await deps.mall.order(seen.orderId);
    return order && orderView(order);
  };
  const earlier = await replay();
  if (earlier) return earlier;

  return retrying(async (attempt) => {
    // Read each attempt: the transaction is conditioned on the price read here, so an edit committed
    // meanwhile sends us round again to charge what the goods cost now. The first read is eventually
    // consistent (half the units on a hot item); a read after a lost race is strong. Goods this instance
    // saw sold out a moment ago are not read at all: the same checks run on them as they were read.
    const remembered = attempt === 0 ? deps.soldOut?.soldOut(input.goodsId) : undefined;
    const goods = remembered ?? await deps.mall.goods(input.goodsId, { eventual: attempt === 0, shardStock: false });
    if (!goods) throw new AppError('NOT_FOUND', '商品不存在');
    if (goods.status !== 'on_shelf') throw new AppError('INVALID_STATE', '商品已下架');
    if (input.quantity > goods.perMemberLimit) throw new AppError('LIMIT_REACHED', `每人限兑 ${goods.perMemberLimit} 件`);
    const cost = goods.pointsPrice * input.quantity;
    const profile = await deps.users.profile(userId);
    if (!profile) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
    const m = profile.membership;
    if (m.status !== 'active' || !m.orgPath) throw new AppError('NOT_A_MEMBER');
    if (!m.orgPath.startsWith(goods.orgPath)) throw new AppError('OUT_OF_SCOPE', '该商品不面向您所在的工会');
    // Fail fast once sold out: in a flash sale this keeps the losers' requests off the hot goods item
    // (a read, not a write). The transaction's condition still decides every sale.
    if (remembered) throw new AppError('OUT_OF_STOCK');
    if (attempt === 0 && !goods.stockShards && goods.stock < input.quantity) {
      if (goods.stock <= 0) deps.soldOut?.remember(goods.id, goods);
      throw new AppError('OUT_OF_STOCK');
    }
    if (profile.balance < cost) throw new AppError('INSUFFICIENT_POINTS', `积分不足：需要 ${cost} 分，当前 ${profile.balance} 分`);
    const createdAt = chinaIso(now);
    const order: StoredOrder = {
      id: randomUUID(), userId, goodsId: goods.id, goodsName: goods.name, goodsImageUrl: goods.imageUrl, quantity: input.quantity,
      pointsSpent: cost, status: 'awaiting_pickup', pickupCode: newPickupCode(), orgId: goods.orgId, orgName: goods.orgName,
      orgPath: goods.orgPath, memberName: profile.nickname, memberOrgPath: m.orgPath, createdAt, sortAt: now.toISOString(),
    };
    // The lots are read after the profile: the spend takes the oldest first (repositories/points.ts).
    const state = { ...profile, lots: await deps.points.lots(userId) };
    for (const stockShard of shardsToTry(goods, deps.soldOut)) {
      const result = await deps.mall.redeem({ state, order: { ...order, stockShard }, goods, idempotencyKey: key, fingerprint, memberOrgPath: m.orgPath, at: now })
        .catch((error: unknown) => {
          // The last item sold (one at a time): remember it, so the next requests read nothing.
          if (error instanceof AppError && error.code === 'OUT_OF_STOCK' && input.quantity === 1) deps.soldOut?.remember(goods.id, goods);
          throw error;
        });
      if (result.outcome === 'ok') return orderView(order);
      if (result.outcome === 'shard empty') {
        if (result.left === 0) deps.soldOut?.remember(`${goods.id}#${stockShard}`);
        continue;
      }
      if (result.outcome === 'replay') {
        const first = await replay();
        if (first) return first;
      }
      return AGAIN;
    }
    // Hot goods whose every shard is empty (or seen empty a moment ago).
    deps.soldOut?.remember(goods.id, goods);
    throw new AppError('OUT_OF_STOCK');
  });
}

/** The stock shards to try, a random one first, skipping those seen empty; `[undefined]`: the goods item's own stock. */
function shardsToTry(goods: StoredGoods, soldOut: SoldOutMemory | undefined): Array<number | undefined> {
  if (!goods.stockShards) return [undefined];
  const first = Math.floor(Math.random() * goods.stockShards);
  return Array.from({ length: goods.stockShards }, (_, i) => (first + i) % goods.stockShards!).filter((n) => !soldOut?.has(`${goods.id}#${n}`));
}

export async function myOrders(deps: MallDeps, userId: string, page: { limit: number; cursor?: string }) {
  const out = await deps.mall.ordersOfUser(userId, page.limit, page.cursor);
  return { items: out.items.map(orderView), nextCursor: out.nextCursor };
}

export async function myOrder(deps: MallDeps, userId: string, orderId: string): Promise<Order> {
  const order = await deps.mall.order(orderId);
  // Another member's order is as good as absent.
  if (!order || order.userId !== userId) throw new AppError('NOT_FOUND', '订单不存在');
  return orderView(order);
}

/** A member cancels an order not yet picked up: points and stock come back in one transaction. */
export async function cancelMyOrder(deps: MallDeps, userId: string, orderId: string, now: Date): Promise<Order> {
  return retrying(async () => {
    const order = await deps.mall.order(orderId);
    if (!order || order.userId !== userId) throw new AppError('NOT_FOUND', '订单不存在');
    if (order.status !== 'awaiting_pickup') throw new AppError('INVALID_STATE', '订单已核销或已取消，不能再取消');
    const state = await deps.points.state(userId);
    if (!state) throw new AppError('UNAUTHENTICATED');
    const cancelledAt = chinaIso(now);
    if ((await deps.mall.cancel(order, state, now, cancelledAt)) === 'ok') {
      deps.soldOut?.forget(order.goodsId);
      await notifyMember(deps.notifier, { userId, openid: '', consented: false }, {
        kind: 'order', title: '兑换已取消', body: `您已取消「${order.goodsName}」的兑换，${order.pointsSpent} 积分已退回。`, link: `/packages/mall/order/index?id=${order.id}`,
      }, undefined, now);
      return orderView({ ...order, status: 'cancelled', cancelledAt });
    }
    return AGAIN;
  });
}

/** 核销: a cadre in scope of the goods' union verifies a pickup code, once. */
export async function verifyPickup(deps: MallDeps, cadreId: string, pickupCode: string, now: Date): Promise<CadreOrder> {
  const roles = await cadreRoles(deps.users, cadreId);
  const orderId = await deps.mall.orderIdByPickupCode(pickupCode);
  const order = orderId ? await deps.mall.order(orderId) : undefined;
  if (!order) throw new AppError('NOT_FOUND', '核销码无效，请核对');
  const role = roleCovering(roles, order.orgPath);
  notSelf(cadreId, order.userId);
  if (order.status !== 'awaiting_pickup') throw new AppError('INVALID_STATE', order.status === 'fulfilled' ? '该订单已核销' : '该订单已取消');
  const fulfilledAt = chinaIso(now);
  await deps.mall.verify(order, fulfilledAt, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'order.verify', objectType: 'order', objectId: order.id,
    orgId: order.orgId, orgPath: order.orgPath, before: { status: 'awaiting_pickup' }, after: { status: 'fulfilled' }, at: now,
  });
  await notifyMember(deps.notifier, { userId: order.userId, openid: '', consented: false }, {
    kind: 'order', title: '兑换已核销', body: `您兑换的「${order.goodsName}」已领取，感谢参与！`, link: `/packages/mall/order/index?id=${order.id}`,
  }, undefined, now);
  return cadreOrderView({ ...order, status: 'fulfilled', fulfilledAt });
}

export async function listOrdersInScope(deps: MallDeps, cadreId: string, q: { status: OrderStatus; orgId?: string; limit: number; cursor?: string }) {
  const { org } = await scopedOrg(deps, cadreId, q.orgId);
  const out = await deps.mall.ordersInScope(q.status, org.id, q.limit, q.cursor);
  return { items: out.items.map(cadreOrderView), nextCursor: out.nextCursor };
}

export async function listGoodsInScope(deps: MallDeps, cadreId: string, q: { orgId?: string; limit: number; cursor?: string }) {
  const { org } = await scopedOrg(deps, cadreId, q.orgId);
  const out = await deps.mall.goodsInScope(org.id, q.limit, q.cursor);
  return { items: out.items.map(goodsView), nextCursor: out.nextCursor };
}

/** A cadre publishes goods for their union or one below it. */
export async function publishGoods(deps: MallDeps, cadreId: string, input: GoodsInput, now: Date): Promise<Goods> {
  const { org, role } = await scopedOpenOrg(deps, cadreId, input.orgId);
  const goods: StoredGoods = {
    id: randomUUID(), name: input.name, description: input.description, imageUrl: input.imageUrl ?? '',
    pointsPrice: input.pointsPrice, stock: input.stock, perMemberLimit: input.perMemberLimit, orgId: org.id, orgName: org.name,
    orgPath: org.path, fulfilment: input.fulfilment, status: 'on_shelf', createdAt: chinaIso(now),
    // Hot goods (a flash sale past one item's write rate): the stock is split over shards.
    ...(deps.hotStock && deps.hotStock.shards > 1 && input.stock >= deps.hotStock.from ? { stockShards: deps.hotStock.shards } : {}),
  };
  await deps.mall.createGoods(goods, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'goods.create', objectType: 'goods', objectId: goods.id,
    orgId: goods.orgId, orgPath: goods.orgPath, after: goodsView(goods), at: now,
  });
  return goodsView(goods);
}

/** A cadre in scope edits goods; stock moves by a delta, atomically. */
export async function editGoods(deps: MallDeps, cadreId: string, goodsId: string, patch: GoodsPatch, now: Date): Promise<Goods> {
  const roles = await cadreRoles(deps.users, cadreId);
  const goods = await deps.mall.goods(goodsId);
  if (!goods) throw new AppError('NOT_FOUND', '商品不存在');
  const role = roleCovering(roles, goods.orgPath);
  const { stockDelta, ...fields } = patch;
  if (stockDelta && stockDelta > 0) deps.soldOut?.forget(goodsId);
  await deps.mall.updateGoods(goodsId, fields, stockDelta, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'goods.update', objectType: 'goods', objectId: goodsId,
    orgId: goods.orgId, orgPath: goods.orgPath, before: goodsView(goods), after: { ...fields, ...(stockDelta ? { stockDelta } : {}) }, at: now,
  });
  return goodsView((await deps.mall.goods(goodsId))!);
}
