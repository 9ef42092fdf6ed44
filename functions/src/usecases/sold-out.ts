/**
 * What this instance saw sold out, remembered for a few seconds: in a flash sale the requests that come
 * after the stock is gone are answered OUT_OF_STOCK without reading the goods item (10,000 reads/s of
 * one item would exceed its 3,000 RCU/s). Only ever a refusal, never a sale: the redemption transaction
 * stays the judge of every sale, so the memory cannot oversell. Stock that comes back (a cancellation,
 * a cadre's restock) is seen by this instance at once and by the others when their memory lapses.
 * Keys: a goods id (all its stock gone; with the goods as read, so a refusal still names what the
 * caller got wrong first — not a member, out of scope — exactly as a read would), or
 * `<goods id>#<shard>` (one stock shard of hot goods empty).
 */
import type { StoredGoods } from '../entities/mall';

export class SoldOutMemory {
  private readonly until = new Map<string, { until: number; goods?: StoredGoods }>();

  constructor(readonly lifetimeMs: number, private readonly clock: () => number = Date.now) {}

  has(key: string): boolean {
    const seen = this.until.get(key);
    if (seen === undefined) return false;
    if (seen.until > this.clock()) return true;
    this.until.delete(key);
    return false;
  }

  /** The goods as read when they were seen sold out, while that is remembered. */
  soldOut(goodsId: string): StoredGoods | undefined {
    return this.has(goodsId) ? this.until.get(goodsId)!.goods : undefined;
  }

  remember(key: string, goods?: StoredGoods): void {
    if (this.lifetimeMs <= 0) return;
    // Bounded: a warm instance sees few sold-out goods; forget the oldest beyond that.
    if (this.until.size >= 10_000) this.until.delete(this.until.keys().next().value!);
    this.until.set(key, { until: this.clock() + this.lifetimeMs, goods });
  }

  /** Stock came back through this instance: forget the goods and all its shards. */
  forget(goodsId: string): void {
    for (const key of this.until.keys()) if (key === goodsId || key.startsWith(`${goodsId}#`)) this.until.delete(key);
  }
}
