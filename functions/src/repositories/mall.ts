/**
 * The points mall (items and keys in entities/mall.ts). A redemption is ONE transaction: the key,
 * stock ≥ qty at the price and limit read (an edit in between cancels it), the member's count within the limit, balance ≥ cost (the guarded ledger posting), the
 * order, the pickup code and the queue entries — all or nothing.
 */
import { BatchGetItemCommand, GetItemCommand, QueryCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { OrderStatus } from '@union/shared/mall';
import { dynamo, tableName } from '../lib/dynamo';
import { filteredPage } from './query-pages';
import { tagOnCreate } from '../entities/tags';
import type { Mall } from '../usecases/ports';
import { pathIds } from '../entities/org';
import {
  goodsInScopePk, goodsKey, goodsOfOrgPk, offerPosition, idempotencyKey, orderKey, orderQueuePk, ordersOfUserPk, pickupKey, splitStock, stockShardKey, strip,
  type StockShard, type StoredGoods, type StoredOrder,
} from '../entities/mall';
import { goodsCountSk, userItemKey } from '../entities/user';
import { AppError } from '../lib/errors';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { step, transact, type Step } from '../lib/transact';
import { AGAIN, retrying } from '../lib/retry';
import { auditItems, type AuditRecord } from './audit';
import { ledgerPostingItems, type PointsState } from './points';
import { statsItems } from './stats';
import { chinaDay } from '@union/shared/china-day';

export type { StoredGoods, StoredOrder } from '../entities/mall';
export { newPickupCode } from '../entities/mall';

const countKey = (userId: string, goodsId: string) => userItemKey(userId, goodsCountSk(goodsId));
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
const goodsCountTag = tagOnCreate('GoodsCount');

function orderQueue(op: 'put' | 'delete', status: OrderStatus, o: Pick<StoredOrder, 'orgPath' | 'id'>, sortAt: string): TransactWriteItem[] {
  return pathIds(o.orgPath).map((orgId) => {
    const key = { PK: orderQueuePk(status, orgId), SK: `${sortAt}#${o.id}` };
    return op === 'put'
      ? { Put: { TableName: tableName(), Item: marshall({ ...key, entity: 'OrderQueueEntry', version: 1, orderId: o.id }) } }
      : { Delete: { TableName: tableName(), Key: marshall(key) } };
  });
}

export type RedeemOutcome = { outcome: 'ok' } | { outcome: 'replay' } | { outcome: 'stale' } | { outcome: 'shard empty'; left: number };

/** What a redemption's stock condition checks, copied onto every shard of hot goods. */
const SHARD_COPIED = ['status', 'pointsPrice', 'perMemberLimit'] as const;
const shardKeys = (g: Pick<StoredGoods, 'id' | 'stockShards'>) => Array.from({ length: g.stockShards ?? 0 }, (_, n) => stockShardKey(g.id, n));

export class MallRepository implements Mall {
  /**
   * Goods with the stock a person sees (hot goods: the sum of their shards). A redemption reads
   * `{ eventual: true, shardStock: false }`: half the read units, none on the shards — its transaction
   * decides, and an edit it missed only sends it round again.
   */
  async goods(id: string, read: { eventual?: boolean; shardStock?: boolean } = {}): Promise<StoredGoods | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: goodsKey(id), ConsistentRead: !read.eventual }));
    if (!out.Item) return undefined;
    const goods = strip<StoredGoods>(unmarshall(out.Item));
    return read.shardStock === false ? goods : (await this.withShardStock([goods]))[0];
  }

  /** The shards of hot goods, as they are now. */
  async stockShards(g: Pick<StoredGoods, 'id' | 'stockShards'>): Promise<StockShard[]> {
    const keys = shardKeys(g);
    if (keys.length === 0) return [];
    const got = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true } } }));
    return (got.Responses?.[tableName()] ?? []).map((i) => strip<StockShard>(unmarshall(i))).sort((a, b) => a.shard - b.shard);
  }

  /** Hot goods show the sum of their shards' stock. */
  private async withShardStock(goods: StoredGoods[]): Promise<StoredGoods[]> {
    const sharded = goods.filter((g) => g.stockShards);
    if (sharded.length === 0) return goods;
    const shards = (await Promise.all(sharded.map((g) => this.stockShards(g)))).flat();
    const sums = new Map<string, number>();
    for (const sh of shards) sums.set(sh.goodsId, (sums.get(sh.goodsId) ?? 0) + sh.stock);
    return goods.map((g) => (g.stockShards ? { ...g, stock: sums.get(g.id) ?? 0 } : g));
  }

  async order(id: string): Promise<StoredOrder | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: orderKey(id), ConsistentRead: true }));
    return out.Item ? strip<StoredOrder>(unmarshall(out.Item)) : undefined;
  }

  async orderIdByPickupCode(code: string): Promise<string | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: pickupKey(code), ConsistentRead: true }));
    return out.Item ? (unmarshall(out.Item).orderId as string) : undefined;
  }

  /** The order an Idempotency-Key already produced, with the fingerprint of the request that made it. */
  async idempotentResult(userId: string, key: string): Promise<{ orderId: string; fingerprint: string } | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: idempotencyKey(userId, key), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const item = unmarshall(out.Item);
    return { orderId: item.orderId, fingerprint: item.fingerprint };
  }

  /** Puts new goods and its scope entries; `audit` is absent only for the demo seed. */
  async createGoods(g: StoredGoods, audit?: AuditRecord): Promise<void> {
    const shards = g.stockShards ? splitStock(g.stock, g.stockShards) : [];
    await transact([
      step('new goods', {
        Put: {
          TableName: tableName(),
          Item: marshall({ ...unmarshall(goodsKey(g.id)), GSI1PK: goodsOfOrgPk(g.orgId), GSI1SK: offerPosition(g), entity: 'Goods', version: 1, ...g, ...(shards.length ? { stock: 0 } : {}) }, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      }),
      ...shards.map((stock, shard) => ({
        Put: { TableName: tableName(), Item: marshall({ ...unmarshall(stockShardKey(g.id, shard)), entity: 'StockShard', version: 1, goodsId: g.id, shard, stock, status: g.status, pointsPrice: g.pointsPrice, perMemberLimit: g.perMemberLimit }) },
      })),
      ...pathIds(g.orgPath).map((orgId) => ({
        Put: { TableName: tableName(), Item: marshall({ PK: goodsInScopePk(orgId), SK: `${g.createdAt}#${g.id}`, entity: 'GoodsScopeEntry', version: 1, goodsId: g.id }) },
      })),
      ...(audit ? auditItems(audit) : []),
    ]);
  }

  /**
   * Edits goods. A stock delta is applied atomically (`stock + delta`), and a decrease is conditioned
   * on enough stock remaining, so concurrent redemptions and edits never make stock negative.
   */
  async updateGoods(id: string, fields: Record<string, unknown>, stockDelta: number | undefined, audit: AuditRecord): Promise<void> {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    const goods = await this.goods(id, { shardStock: false });
    if (goods?.stockShards) return this.updateShardedGoods(goods, entries, stockDelta, audit);
    const sets = entries.map((_, i) => `#f${i} = :f${i}`);
    if (stockDelta) sets.push('stock = stock + :delta');
    await transact([
      step(
        'goods',
        {
          Update: {
            TableName: tableName(),
            Key: goodsKey(id),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: stockDelta && stockDelta < 0 ? 'attribute_exists(PK) AND stock >= :need' : 'attribute_exists(PK)',
            ...(entries.length ? { ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])) } : {}),
            ExpressionAttributeValues: marshall({
              ...Object.fromEntries(entries.map(([, v], i) => [`:f${i}`, v])),
              ...(stockDelta ? { ':delta': stockDelta } : {}),
              ...(stockDelta && stockDelta < 0 ? { ':need': -stockDelta } : {}),
            }),
          },
        },
        (old) => (old ? new AppError('OUT_OF_STOCK', '库存不足，无法减少这么多') : new AppError('NOT_FOUND', '商品不存在')),
      ),
      ...auditItems(audit),
    ]);
  }

  /**
   * Edits hot goods: the fields on the goods item and, in the same transaction, the copies a redemption
   * checks on every shard; the stock delta spread over the shards — an increase evenly, a decrease taken
   * from the shards that hold stock, each conditioned on what it holds. A redemption taking from a shard
   * in between fails that condition: read again and spread anew (within the one retry budget).
   */
  private async updateShardedGoods(goods: StoredGoods, entries: [string, unknown][], stockDelta: number | undefined, audit: AuditRecord): Promise<void> {
    const copied = entries.filter(([k]) => (SHARD_COPIED as readonly string[]).includes(k));
    await retrying(async () => {
      const shards = await this.stockShards(goods);
      const total = shards.reduce((sum, sh) => sum + sh.stock, 0);
      if (stockDelta && total + stockDelta < 0) throw new AppError('OUT_OF_STOCK', '库存不足，无法减少这么多');
      const deltas = stockDelta ? spreadDelta(shards.map((sh) => sh.stock), stockDelta) : shards.map(() => 0);
      const shardSteps: Step[] = shards.flatMap((sh, n) => {
        if (!deltas[n] && copied.length === 0) return [];
        const sets = copied.map((_, i) => `#f${i} = :f${i}`);
        if (deltas[n]) sets.push('stock = stock + :delta');
        return [step(`stock shard ${sh.shard}`, {
          Update: {
            TableName: tableName(),
            Key: stockShardKey(goods.id, sh.shard),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: 'stock >= :need',
            ...(copied.length ? { ExpressionAttributeNames: Object.fromEntries(copied.map(([k], i) => [`#f${i}`, k])) } : {}),
            ExpressionAttributeValues: marshall({ ...Object.fromEntries(copied.map(([, v], i) => [`:f${i}`, v])), ...(deltas[n] ? { ':delta': deltas[n] } : {}), ':need': Math.max(0, -deltas[n]) }),
          },
        }, 'answer')];
      });
      const sets = entries.map((_, i) => `#f${i} = :f${i}`);
      const failed = await transact([
        ...(sets.length ? [step('goods', {
          Update: {
            TableName: tableName(),
            Key: goodsKey(goods.id),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
            ExpressionAttributeValues: marshall(Object.fromEntries(entries.map(([, v], i) => [`:f${i}`, v]))),
          },
        }, new AppError('NOT_FOUND', '商品不存在'))] : []),
        ...shardSteps,
        ...auditItems(audit),
      ]);
      return failed ? AGAIN : undefined;
    });
  }

  /** Goods a union offers itself (not its subtree), newest first. */
  /**
   * One page of the on-shelf goods of several unions (a member's chain), merged newest first. The cursor
   * is the offer position of the page's last item, bound to `owner`: each union is read from just below
   * it, at most `limit + 1` items, so an item is never lost or repeated between pages.
   */
  async onShelfOfOrgs(orgIds: string[], limit: number, cursor: string | undefined, owner: string): Promise<{ items: StoredGoods[]; nextCursor: string | null }> {
    const partition = `GOODSOFFER#${owner}`;
    const before = decodeCursor(cursor, partition)?.at?.S;
    // Each union's next `limit + 1` on-shelf goods, however many off-shelf ones lie between (no read bound:
    // a union cut short would let older goods of another fill the page and skip its own).
    const perOrg = await Promise.all(orgIds.map(async (orgId) => {
      const { items } = await filteredPage({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: before ? 'GSI1PK = :pk AND GSI1SK < :before' : 'GSI1PK = :pk',
        FilterExpression: '#status = :onShelf',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':pk': goodsOfOrgPk(orgId), ':onShelf': 'on_shelf', ...(before ? { ':before': before } : {}) }),
        ScanIndexForward: false,
      }, { limit: limit + 1, keyNames: ['PK', 'SK', 'GSI1PK', 'GSI1SK'], maxReads: Infinity });
      return items.map((i) => strip<StoredGoods>(unmarshall(i)));
    }));
    const merged = perOrg.flat().sort((a, b) => offerPosition(b).localeCompare(offerPosition(a)));
    const page = merged.slice(0, limit);
    const last = page.at(-1);
    return {
      items: await this.withShardStock(page),
      nextCursor: merged.length > limit && last ? encodeCursor({ at: { S: offerPosition(last) } }, partition) : null,
    };
  }

  /** Goods of a union and every union below it, newest first. */
  async goodsInScope(orgId: string, limit: number, cursor?: string): Promise<{ items: StoredGoods[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': goodsInScopePk(orgId) }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, goodsInScopePk(orgId)),
      }),
    );
    const ids = (out.Items ?? []).map((i) => unmarshall(i).goodsId as string);
    return { items: await this.withShardStock(await this.batch<StoredGoods>(ids.map(goodsKey))), nextCursor: encodeCursor(out.LastEvaluatedKey, goodsInScopePk(orgId)) };
  }

  private async batch<T>(keys: ReturnType<typeof goodsKey>[]): Promise<T[]> {
    if (keys.length === 0) return [];
    const got = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true } } }));
    const byKey = new Map((got.Responses?.[tableName()] ?? []).map((i) => [i.PK.S, strip<T>(unmarshall(i))]));
    return keys.map((k) => byKey.get(k.PK.S)).filter((x): x is T => Boolean(x));
  }

  /**
   * The redemption transaction. `state` is the balance as read; the guard pins the membership the
   * scope check used. Outcomes: ok; `replay` (the Idempotency-Key was used — read its order);
   * `stale` (the balance moved, or the pickup code collided — read again and retry); `shard empty`
   * (hot goods: the order's stock shard, `order.stockShard`, has too little — try another shard).
   */
  async redeem(
    r: { state: PointsState; order: StoredOrder; goods: StoredGoods; idempotencyKey: string; fingerprint: string; memberOrgPath: string; at: Date },
  ): Promise<RedeemOutcome> {
    const { order, goods } = r;
    const { steps: posting, lots } = ledgerPostingItems(
      r.state,
      { delta: -order.pointsSpent, reason: `兑换「${goods.name}」×${order.quantity}`, refType: 'order', refId: order.id, at: r.at },
      {},
      { expression: 'membership.#mstatus = :active AND membership.orgPath = :memberPath', names: { '#mstatus': 'status' }, values: { ':active': 'active', ':memberPath': r.memberOrgPath } },
    );
    const failed = await transact([
      // Taken: this Idempotency-Key made an order before — the caller answers with that order.
      step('idempotency key', {
        Put: {
          TableName: tableName(),
          Item: marshall({ ...unmarshall(idempotencyKey(order.userId, r.idempotencyKey)), entity: 'Idempotency', version: 1, orderId: order.id, fingerprint: r.fingerprint, expiresAt: Math.floor(r.at.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      }, 'answer'),
      // Hot goods take their stock from one shard (its copies of status, price and limit are checked).
      step('goods stock', {
        Update: {
          TableName: tableName(),
          Key: order.stockShard === undefined ? goodsKey(goods.id) : stockShardKey(goods.id, order.stockShard),
          UpdateExpression: 'SET stock = stock - :qty',
          // The price charged is the price now: an edit committed since the read cancels this.
          ConditionExpression: 'stock >= :qty AND #status = :on AND pointsPrice = :price AND perMemberLimit = :limit',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':qty': order.quantity, ':on': 'on_shelf', ':price': goods.pointsPrice, ':limit': goods.perMemberLimit }),
        },
      }, (old) => (!old ? new AppError('NOT_FOUND', '商品不存在')
        : old.status !== 'on_shelf' ? new AppError('INVALID_STATE', '商品已下架')
        : Number(old.stock) < order.quantity ? (order.stockShard === undefined ? new AppError('OUT_OF_STOCK') : 'answer')
        // Price or limit edited since the read: the caller reads the goods again and charges what it costs now.
        : 'answer')),
      step('member limit', {
        Update: {
          TableName: tableName(),
          Key: countKey(order.userId, goods.id),
          UpdateExpression: `ADD #n :qty SET ${goodsCountTag.set}`,
          ConditionExpression: 'attribute_not_exists(#n) OR #n <= :room',
          ExpressionAttributeNames: { '#n': 'count' },
          ExpressionAttributeValues: marshall({ ':qty': order.quantity, ':room': goods.perMemberLimit - order.quantity, ...goodsCountTag.values }),
        },
      }, new AppError('LIMIT_REACHED')),
      // Balance moved or too low, membership changed: 'answer' — the caller reads again and decides.
      ...posting,
      step('order', {
        Put: {
          TableName: tableName(),
          Item: marshall({ ...unmarshall(orderKey(order.id)), GSI1PK: ordersOfUserPk(order.userId), GSI1SK: order.createdAt, entity: 'Order', version: 1, ...order, pointsLots: lots }, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      }, 'answer'),
      // A pickup code already taken: try again with a new one.
      step('pickup code', {
        Put: {
          TableName: tableName(),
          Item: marshall({ ...unmarshall(pickupKey(order.pickupCode)), entity: 'PickupCode', version: 1, orderId: order.id }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      }, 'answer'),
      ...orderQueue('put', 'awaiting_pickup', order, order.sortAt),
      ...statsItems(r.memberOrgPath, chinaDay(r.at), { redemptions: 1, pointsSpent: order.pointsSpent }),
    ]);
    if (!failed) return { outcome: 'ok' };
    if (failed.step === 'idempotency key') return { outcome: 'replay' };
    return failed.step === 'goods stock' && Number(failed.old?.stock) < order.quantity ? { outcome: 'shard empty', left: Number(failed.old?.stock) } : { outcome: 'stale' };
  }

  /** awaiting_pickup → cancelled by its member: points and stock come back, the count goes down. */
  async cancel(order: StoredOrder, state: PointsState, at: Date, cancelledAt: string): Promise<'ok' | 'stale'> {
    const { steps: refund } = ledgerPostingItems(state, { delta: order.pointsSpent, reason: `取消兑换退回积分`, refType: 'order', refId: order.id, at, returns: order.pointsLots });
    const failed = await transact([
      step(
        'order awaiting pickup',
        {
          Update: {
            TableName: tableName(),
            Key: orderKey(order.id),
            UpdateExpression: 'SET #status = :cancelled, cancelledAt = :at',
            ConditionExpression: '#status = :awaiting AND userId = :uid',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':cancelled': 'cancelled', ':awaiting': 'awaiting_pickup', ':uid': order.userId, ':at': cancelledAt }),
          },
        },
        new AppError('INVALID_STATE', '订单已核销或已取消'),
      ),
      // Back where it came from: the goods item, or the shard of hot goods the order took it from.
      { Update: { TableName: tableName(), Key: order.stockShard === undefined ? goodsKey(order.goodsId) : stockShardKey(order.goodsId, order.stockShard), UpdateExpression: 'SET stock = stock + :qty', ExpressionAttributeValues: marshall({ ':qty': order.quantity }) } },
      step('member count', {
        Update: {
          TableName: tableName(),
          Key: countKey(order.userId, order.goodsId),
          UpdateExpression: 'ADD #n :minus',
          ConditionExpression: '#n >= :qty',
          ExpressionAttributeNames: { '#n': 'count' },
          ExpressionAttributeValues: marshall({ ':minus': -order.quantity, ':qty': order.quantity }),
        },
      }, 'answer'),
      ...refund,
      ...orderQueue('delete', 'awaiting_pickup', order, order.sortAt),
      ...orderQueue('put', 'cancelled', order, cancelledAt),
      ...statsItems(order.memberOrgPath, chinaDay(at), { cancellations: 1, pointsSpent: -order.pointsSpent }),
    ]);
    return failed ? 'stale' : 'ok';
  }

  /** 核销: awaiting_pickup → fulfilled, once, with its audit record. */
  async verify(order: StoredOrder, fulfilledAt: string, audit: AuditRecord): Promise<void> {
    await transact([
      step(
        'order awaiting pickup',
        {
          Update: {
            TableName: tableName(),
            Key: orderKey(order.id),
            UpdateExpression: 'SET #status = :fulfilled, fulfilledAt = :at',
            ConditionExpression: '#status = :awaiting',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':fulfilled': 'fulfilled', ':awaiting': 'awaiting_pickup', ':at': fulfilledAt }),
          },
        },
        new AppError('INVALID_STATE', '该订单已核销或已取消'),
      ),
      ...orderQueue('delete', 'awaiting_pickup', order, order.sortAt),
      ...orderQueue('put', 'fulfilled', order, fulfilledAt),
      ...auditItems(audit),
    ]);
  }

  async ordersOfUser(userId: string, limit: number, cursor?: string): Promise<{ items: StoredOrder[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': ordersOfUserPk(userId) }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, ordersOfUserPk(userId)),
      }),
    );
    return { items: (out.Items ?? []).map((i) => strip<StoredOrder>(unmarshall(i))), nextCursor: encodeCursor(out.LastEvaluatedKey, ordersOfUserPk(userId)) };
  }

  async ordersInScope(status: OrderStatus, orgId: string, limit: number, cursor?: string): Promise<{ items: StoredOrder[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': orderQueuePk(status, orgId) }),
        ScanIndexForward: status === 'awaiting_pickup',
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, orderQueuePk(status, orgId)),
      }),
    );
    const ids = (out.Items ?? []).map((i) => unmarshall(i).orderId as string);
    return { items: await this.batch<StoredOrder>(ids.map(orderKey)), nextCursor: encodeCursor(out.LastEvaluatedKey, orderQueuePk(status, orgId)) };
  }
}


/**
 * A stock delta spread over shards: an increase as evenly as it goes; a decrease in proportion to what
 * each shard holds, never more than it holds (the caller checked the total suffices).
 */
export function spreadDelta(stocks: number[], delta: number): number[] {
  if (delta >= 0) return splitStock(delta, stocks.length);
  const total = stocks.reduce((a, b) => a + b, 0);
  const take = stocks.map((stock) => (total ? Math.floor((stock * -delta) / total) : 0));
  let left = -delta - take.reduce((a, b) => a + b, 0);
  for (let n = 0; left > 0 && n < stocks.length; n++) {
    const more = Math.min(left, stocks[n] - take[n]);
    take[n] += more;
    left -= more;
  }
  return take.map((t) => -t);
}
