/**
 * The points mall.
 *
 *   GOODS#<id>          GOODS                 goods (GSI1: GOODSBYORG#<orgId> / <createdAt>#<id>)
 *   GOODSINSCOPE#<org>  <createdAt>#<id>      one per union on the goods' path: a cadre's subtree listing
 *   ORDER#<id>          ORDER                 an order (GSI1: USERORDERS#<userId> / <createdAt>)
 *   PICKUP#<code>       PICKUP                pickup code → order (the code is the 核销 key)
 *   ORDERQ#<status>#<org>  <time>#<orderId>   orders by status for every union above the goods
 *   USER#<id>           GOODSCOUNT#<goodsId>  how many of a goods item the member holds (per-member limit)
 *   IDEMP#<userId>#<key>  IDEMP               Idempotency-Key → order (TTL 24 h)
 *
 * A redemption is ONE transaction: the key, stock ≥ qty at the price and limit read (an edit in between
 * cancels it), the member's count within the limit, balance ≥ cost (the guarded ledger posting), the
 * order, the pickup code and the queue entries — all or nothing.
 */
import { randomInt } from 'node:crypto';
import { BatchGetItemCommand, GetItemCommand, QueryCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { PICKUP_ALPHABET, type Goods, type Order, type OrderStatus } from '@union/shared/mall';
import { dynamo, tableName } from '../lib/dynamo';
import { AppError } from '../lib/errors';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { failedAt, transact } from '../lib/transact';
import { auditItems, type AuditRecord } from './audit';
import { ledgerPostingItems, type PointsState } from './points';
import { statsItems } from './stats';
import { chinaDay } from '@union/shared/china-day';

export interface StoredGoods extends Goods {
  orgPath: string;
  createdAt: string;
}

export interface StoredOrder extends Order {
  userId: string;
  /** The member's union at redemption (statistics). */
  memberOrgPath?: string;
  orgId: string;
  orgPath: string;
  sortAt: string;
}

const goodsKey = (id: string) => marshall({ PK: `GOODS#${id}`, SK: 'GOODS' });
const orderKey = (id: string) => marshall({ PK: `ORDER#${id}`, SK: 'ORDER' });
const pickupKey = (code: string) => marshall({ PK: `PICKUP#${code}`, SK: 'PICKUP' });
const countKey = (userId: string, goodsId: string) => marshall({ PK: `USER#${userId}`, SK: `GOODSCOUNT#${goodsId}` });
const idempotencyKey = (userId: string, key: string) => marshall({ PK: `IDEMP#${userId}#${key}`, SK: 'IDEMP' });
const pathIds = (path: string) => path.split('/').filter(Boolean);
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/** 8 characters of an alphabet without 0/O/1/I: 32⁸ ≈ 10¹² codes, short enough to type. */
export function newPickupCode(): string {
  return Array.from({ length: 8 }, () => PICKUP_ALPHABET[randomInt(PICKUP_ALPHABET.length)]).join('');
}

const strip = <T>(item: Record<string, unknown>): T => {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _gs, entity: _e, version: _v, ...rest } = item;
  return rest as T;
};

function orderQueue(op: 'put' | 'delete', status: OrderStatus, o: Pick<StoredOrder, 'orgPath' | 'id'>, sortAt: string): TransactWriteItem[] {
  return pathIds(o.orgPath).map((orgId) => {
    const key = { PK: `ORDERQ#${status}#${orgId}`, SK: `${sortAt}#${o.id}` };
    return op === 'put'
      ? { Put: { TableName: tableName(), Item: marshall({ ...key, entity: 'OrderQueueEntry', orderId: o.id }) } }
      : { Delete: { TableName: tableName(), Key: marshall(key) } };
  });
}

export type RedeemOutcome = { outcome: 'ok' } | { outcome: 'replay' } | { outcome: 'stale' };

export class MallRepository {
  async goods(id: string): Promise<StoredGoods | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: goodsKey(id), ConsistentRead: true }));
    return out.Item ? strip<StoredGoods>(unmarshall(out.Item)) : undefined;
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
    await transact(
      [
        {
          Put: {
            TableName: tableName(),
            Item: marshall({ ...unmarshall(goodsKey(g.id)), GSI1PK: `GOODSBYORG#${g.orgId}`, GSI1SK: `${g.createdAt}#${g.id}`, entity: 'Goods', version: 1, ...g }, { removeUndefinedValues: true }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        ...pathIds(g.orgPath).map((orgId) => ({
          Put: { TableName: tableName(), Item: marshall({ PK: `GOODSINSCOPE#${orgId}`, SK: `${g.createdAt}#${g.id}`, entity: 'GoodsScopeEntry', goodsId: g.id }) },
        })),
        ...(audit ? auditItems(audit) : []),
      ],
      () => new AppError('BUSY'),
    );
  }

  /**
   * Edits goods. A stock delta is applied atomically (`stock + delta`), and a decrease is conditioned
   * on enough stock remaining, so concurrent redemptions and edits never make stock negative.
   */
  async updateGoods(id: string, fields: Record<string, unknown>, stockDelta: number | undefined, audit: AuditRecord): Promise<void> {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    const sets = entries.map((_, i) => `#f${i} = :f${i}`);
    if (stockDelta) sets.push('stock = stock + :delta');
    await transact(
      [
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
        ...auditItems(audit),
      ],
      (reasons) => (failedAt(reasons, 0) ? new AppError('OUT_OF_STOCK', '库存不足，无法减少这么多') : new AppError('BUSY')),
    );
  }

  /** Goods a union offers itself (not its subtree), newest first. */
  async goodsOfOrg(orgId: string, limit: number): Promise<StoredGoods[]> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': `GOODSBYORG#${orgId}` }),
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => strip<StoredGoods>(unmarshall(i)));
  }

  /** Goods of a union and every union below it, newest first. */
  async goodsInScope(orgId: string, limit: number, cursor?: string): Promise<{ items: StoredGoods[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': `GOODSINSCOPE#${orgId}` }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, `GOODSINSCOPE#${orgId}`),
      }),
    );
    const ids = (out.Items ?? []).map((i) => unmarshall(i).goodsId as string);
    return { items: await this.batch<StoredGoods>(ids.map(goodsKey)), nextCursor: encodeCursor(out.LastEvaluatedKey, `GOODSINSCOPE#${orgId}`) };
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
   * `stale` (the balance moved, or the pickup code collided — read again and retry).
   */
  async redeem(
    r: { state: PointsState; order: StoredOrder; goods: StoredGoods; idempotencyKey: string; fingerprint: string; memberOrgPath: string; at: Date },
  ): Promise<RedeemOutcome> {
    const { order, goods } = r;
    const { items: posting } = ledgerPostingItems(
      r.state,
      { delta: -order.pointsSpent, reason: `兑换「${goods.name}」×${order.quantity}`, refType: 'order', refId: order.id, at: r.at },
      {},
      { expression: 'membership.#mstatus = :active AND membership.orgPath = :memberPath', names: { '#mstatus': 'status' }, values: { ':active': 'active', ':memberPath': r.memberOrgPath } },
    );
    const items: TransactWriteItem[] = [
      {
        Put: {
          TableName: tableName(),
          Item: marshall({ ...unmarshall(idempotencyKey(order.userId, r.idempotencyKey)), entity: 'Idempotency', orderId: order.id, fingerprint: r.fingerprint, expiresAt: Math.floor(r.at.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: goodsKey(goods.id),
          UpdateExpression: 'SET stock = stock - :qty',
          // The price charged is the price now: an edit committed since the read cancels this.
          ConditionExpression: 'stock >= :qty AND #status = :on AND pointsPrice = :price AND perMemberLimit = :limit',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':qty': order.quantity, ':on': 'on_shelf', ':price': goods.pointsPrice, ':limit': goods.perMemberLimit }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: countKey(order.userId, goods.id),
          UpdateExpression: 'ADD #n :qty',
          ConditionExpression: 'attribute_not_exists(#n) OR #n <= :room',
          ExpressionAttributeNames: { '#n': 'count' },
          ExpressionAttributeValues: marshall({ ':qty': order.quantity, ':room': goods.perMemberLimit - order.quantity }),
        },
      },
      ...posting,
      {
        Put: {
          TableName: tableName(),
          Item: marshall({ ...unmarshall(orderKey(order.id)), GSI1PK: `USERORDERS#${order.userId}`, GSI1SK: order.createdAt, entity: 'Order', version: 1, ...order }, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Put: {
          TableName: tableName(),
          Item: marshall({ ...unmarshall(pickupKey(order.pickupCode)), entity: 'PickupCode', orderId: order.id }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...orderQueue('put', 'awaiting_pickup', order, order.sortAt),
      ...statsItems(r.memberOrgPath, chinaDay(r.at), { redemptions: 1, pointsSpent: order.pointsSpent }),
    ];
    let replay = false;
    const done = await transact(items, (reasons) => {
      if (failedAt(reasons, 0)) {
        replay = true;
        return undefined;
      }
      if (failedAt(reasons, 1)) {
        // Sold out or taken off the shelf is an answer; a changed price or limit means read again.
        const now = reasons[1].Item ? unmarshall(reasons[1].Item) : undefined;
        if (!now || now.stock < order.quantity) return new AppError('OUT_OF_STOCK');
        if (now.status !== 'on_shelf') return new AppError('INVALID_STATE', '商品已下架');
        return undefined;
      }
      if (failedAt(reasons, 2)) return new AppError('LIMIT_REACHED');
      return undefined; // balance moved or too low, membership changed, pickup code taken: re-read
    });
    return done ? { outcome: 'ok' } : replay ? { outcome: 'replay' } : { outcome: 'stale' };
  }

  /** awaiting_pickup → cancelled by its member: points and stock come back, the count goes down. */
  async cancel(order: StoredOrder, state: PointsState, at: Date, cancelledAt: string): Promise<'ok' | 'stale'> {
    const { items: refund } = ledgerPostingItems(state, { delta: order.pointsSpent, reason: `取消兑换退回积分`, refType: 'order', refId: order.id, at });
    let stale = false;
    await transact(
      [
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
        { Update: { TableName: tableName(), Key: goodsKey(order.goodsId), UpdateExpression: 'SET stock = stock + :qty', ExpressionAttributeValues: marshall({ ':qty': order.quantity }) } },
        {
          Update: {
            TableName: tableName(),
            Key: countKey(order.userId, order.goodsId),
            UpdateExpression: 'ADD #n :minus',
            ConditionExpression: '#n >= :qty',
            ExpressionAttributeNames: { '#n': 'count' },
            ExpressionAttributeValues: marshall({ ':minus': -order.quantity, ':qty': order.quantity }),
          },
        },
        ...refund,
        ...orderQueue('delete', 'awaiting_pickup', order, order.sortAt),
        ...orderQueue('put', 'cancelled', order, cancelledAt),
        ...statsItems(order.memberOrgPath, chinaDay(at), { cancellations: 1, pointsSpent: -order.pointsSpent }),
      ],
      (reasons) => {
        if (failedAt(reasons, 0)) return new AppError('INVALID_STATE', '订单已核销或已取消');
        stale = true;
        return undefined;
      },
    );
    return stale ? 'stale' : 'ok';
  }

  /** 核销: awaiting_pickup → fulfilled, once, with its audit record. */
  async verify(order: StoredOrder, fulfilledAt: string, audit: AuditRecord): Promise<void> {
    await transact(
      [
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
        ...orderQueue('delete', 'awaiting_pickup', order, order.sortAt),
        ...orderQueue('put', 'fulfilled', order, fulfilledAt),
        ...auditItems(audit),
      ],
      (reasons) => (failedAt(reasons, 0) ? new AppError('INVALID_STATE', '该订单已核销或已取消') : new AppError('BUSY')),
    );
  }

  async ordersOfUser(userId: string, limit: number, cursor?: string): Promise<{ items: StoredOrder[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': `USERORDERS#${userId}` }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, `USERORDERS#${userId}`),
      }),
    );
    return { items: (out.Items ?? []).map((i) => strip<StoredOrder>(unmarshall(i))), nextCursor: encodeCursor(out.LastEvaluatedKey, `USERORDERS#${userId}`) };
  }

  async ordersInScope(status: OrderStatus, orgId: string, limit: number, cursor?: string): Promise<{ items: StoredOrder[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': `ORDERQ#${status}#${orgId}` }),
        ScanIndexForward: status === 'awaiting_pickup',
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, `ORDERQ#${status}#${orgId}`),
      }),
    );
    const ids = (out.Items ?? []).map((i) => unmarshall(i).orderId as string);
    return { items: await this.batch<StoredOrder>(ids.map(orderKey)), nextCursor: encodeCursor(out.LastEvaluatedKey, `ORDERQ#${status}#${orgId}`) };
  }
}

