/**
 * The points mall's items and keys:
 *
 *   GOODS#<id>          GOODS                 goods (GSI1: GOODSBYORG#<orgId> / <createdAt>#<id>)
 *   GOODS#<id>#STOCK#<n>  STOCK               hot goods: shard n of the stock (see StockShard)
 *   GOODSINSCOPE#<org>  <createdAt>#<id>      one per union on the goods' path: a cadre's subtree listing
 *   ORDER#<id>          ORDER                 an order (GSI1: USERORDERS#<userId> / <createdAt>)
 *   PICKUP#<code>       PICKUP                pickup code → order (the code is the 核销 key)
 *   ORDERQ#<status>#<org>  <time>#<orderId>   orders by status for every union above the goods
 *   IDEMP#<userId>#<key>  IDEMP               Idempotency-Key → order (TTL 24 h)
 *   (user partition)    GOODSCOUNT#<goodsId>  how many of a goods item the member holds (entities/user.ts)
 */
import { randomInt } from 'node:crypto';
import type { LotMoves } from './lot';
import { marshall } from '@aws-sdk/util-dynamodb';
import { PICKUP_ALPHABET, type Goods, type Order, type OrderStatus } from '@union/shared/mall';

export interface StoredGoods extends Goods {
  orgPath: string;
  createdAt: string;
  /**
   * Hot goods: the stock is split over this many shard items (each its own partition key, so a sale
   * is not bounded by one item's 1,000 WCU/s); the goods item's own `stock` is then unused (0) and the
   * stock shown is the sum of the shards. Fixed at publication. Absent: the stock is on the goods item.
   */
  stockShards?: number;
}

/** One shard of hot goods' stock, with copies of what a redemption's condition checks. */
export interface StockShard {
  goodsId: string;
  shard: number;
  stock: number;
  status: Goods['status'];
  pointsPrice: number;
  perMemberLimit: number;
}

export interface StoredOrder extends Order {
  userId: string;
  /** The member's union at redemption (statistics). */
  memberOrgPath?: string;
  orgId: string;
  orgPath: string;
  sortAt: string;
  /** The lots the points came from (entities/lot.ts): a cancellation returns them there. */
  pointsLots?: LotMoves;
  /** The stock shard the order took its items from (hot goods): a cancellation returns them there. */
  stockShard?: number;
}

export const goodsKey = (id: string) => marshall({ PK: `GOODS#${id}`, SK: 'GOODS' });
export const stockShardKey = (goodsId: string, shard: number) => marshall({ PK: `GOODS#${goodsId}#STOCK#${shard}`, SK: 'STOCK' });
/** How stock is split over shards: as evenly as it goes, the first ones taking the remainder. */
export const splitStock = (stock: number, shards: number) => Array.from({ length: shards }, (_, n) => Math.floor(stock / shards) + (n < stock % shards ? 1 : 0));
export const orderKey = (id: string) => marshall({ PK: `ORDER#${id}`, SK: 'ORDER' });
export const pickupKey = (code: string) => marshall({ PK: `PICKUP#${code}`, SK: 'PICKUP' });
export const idempotencyKey = (userId: string, key: string) => marshall({ PK: `IDEMP#${userId}#${key}`, SK: 'IDEMP' });
export const goodsOfOrgPk = (orgId: string) => `GOODSBYORG#${orgId}`;
/** A goods item's place in its union's offer (GSI1SK): newest first is descending order of this. */
export const offerPosition = (g: { createdAt: string; id: string }) => `${g.createdAt}#${g.id}`;
export const goodsInScopePk = (orgId: string) => `GOODSINSCOPE#${orgId}`;
export const ordersOfUserPk = (userId: string) => `USERORDERS#${userId}`;
export const orderQueuePk = (status: OrderStatus, orgId: string) => `ORDERQ#${status}#${orgId}`;

/** 8 characters of an alphabet without 0/O/1/I: 32⁸ ≈ 10¹² codes, short enough to type. */
export function newPickupCode(): string {
  return Array.from({ length: 8 }, () => PICKUP_ALPHABET[randomInt(PICKUP_ALPHABET.length)]).join('');
}

/** An item without its keys and tags: the goods or order as the use cases see it. */
export const strip = <T>(item: Record<string, unknown>): T => {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _gs, entity: _e, version: _v, ...rest } = item;
  return rest as T;
};
