/**
 * Hot goods (stock split over shard items) and the sold-out memory, against DynamoDB Local through the
 * use cases: many redemptions at once never oversell a sharded stock; cancellations return stock to
 * the shard it came from; cadre edits spread over the shards; and the memory of a sold-out goods never
 * refuses it once its lifetime has passed after a restock.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { UsersRepository, newProfile } from '../../functions/src/repositories/users';
import { ledgerPostingItems } from '../../functions/src/repositories/points';
import { setTransactionSender, transact } from '../../functions/src/lib/transact';
import { perItemLimitSender } from '../../bench/dynamo-limits';
import { AppError } from '../../functions/src/lib/errors';
import { MallRepository } from '../../functions/src/repositories/mall';
import { cancelMyOrder, editGoods, getGoods, publishGoods, redeemGoods, type MallDeps } from '../../functions/src/usecases/mall';
import { SoldOutMemory } from '../../functions/src/usecases/sold-out';
import { deps as adminDeps } from '../../functions/src/handlers/admin-mall';

const users = new UsersRepository();
const repo = new MallRepository();
const CADRE = 'u-cadre-province';
const SHARDS = 4;

async function member(balance: number) {
  const id = randomUUID();
  await users.createForOpenid({ ...newProfile(id, `hot-${id}`, undefined, new Date()), membership: { status: 'active', orgId: 'xa-yt-qy', orgName: '陕西秦云软件有限公司工会', orgPath: '/sx/xa/xa-yt/xa-yt-qy/', memberNo: 'HOT' } });
  await transact(ledgerPostingItems({ id, balance: 0, ledgerSeq: 0, signInStreak: 0 }, { delta: balance, reason: 'test', refType: 'adjustment', refId: 'hot', at: new Date() }).steps);
  return id;
}

/** An instance of the mall function: its own memory of sold-out goods. */
const instance = (lifetimeMs = 3000): MallDeps => ({ ...adminDeps, soldOut: new SoldOutMemory(lifetimeMs), hotStock: { from: 100, shards: SHARDS } });
const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));
const shardStocks = async (id: string) => (await repo.stockShards({ id, stockShards: SHARDS })).map((s) => s.stock);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('hot goods: stock split over shards', () => {
  it('many redemptions at once never oversell; cancellations and cadre edits keep the sum right', { timeout: 120_000 }, async () => {
    const deps = instance();
    const goods = await publishGoods(deps, CADRE, { name: '秒杀保温杯', description: '', pointsPrice: 10, stock: 1000, perMemberLimit: 1, orgId: 'sx', fulfilment: 'pickup' }, new Date());
    expect(await shardStocks(goods.id)).toEqual([250, 250, 250, 250]);
    expect((await getGoods(deps, CADRE, goods.id)).stock).toBe(1000);

    // A cadre takes 990 back: spread over the shards, each keeps what it can.
    await editGoods(deps, CADRE, goods.id, { stockDelta: -990 }, new Date());
    expect(sum(await shardStocks(goods.id))).toBe(10);
    expect(Math.min(...(await shardStocks(goods.id)))).toBeGreaterThanOrEqual(0);
    await expect(editGoods(deps, CADRE, goods.id, { stockDelta: -11 }, new Date())).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });

    // 60 members at once (three instances) for the 10 left.
    const buyers = await Promise.all(Array.from({ length: 60 }, () => member(100)));
    const instances = [deps, instance(), instance()];
    const results = await Promise.all(buyers.map((b, i) => outcome(redeemGoods(instances[i % 3], b, { goodsId: goods.id, quantity: 1 }, randomUUID(), new Date()))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(10);
    expect(results.filter((r) => r !== 'ok').every((r) => r === 'OUT_OF_STOCK')).toBe(true);
    expect(await shardStocks(goods.id)).toEqual([0, 0, 0, 0]);
    expect((await getGoods(deps, CADRE, goods.id)).stock).toBe(0);

    // Three cancellations: each item goes back to the shard its order took it from.
    const winners = buyers.filter((_, i) => results[i] === 'ok');
    const orders = await Promise.all(winners.map(async (b) => (await repo.ordersOfUser(b, 1)).items[0]));
    expect(orders.every((o) => o.stockShard !== undefined && o.stockShard >= 0 && o.stockShard < SHARDS)).toBe(true);
    const back = orders.slice(0, 3);
    await Promise.all(back.map((o) => cancelMyOrder(deps, o.userId, o.id, new Date())));
    const expected = [0, 0, 0, 0];
    for (const o of back) expected[o.stockShard!]++;
    expect(await shardStocks(goods.id)).toEqual(expected);

    // A cadre restocks 7 and reprices, racing redemptions: the copies on every shard follow, the sum is right.
    await editGoods(deps, CADRE, goods.id, { stockDelta: 7, pointsPrice: 20 }, new Date());
    expect(sum(await shardStocks(goods.id))).toBe(10);
    expect((await repo.stockShards({ id: goods.id, stockShards: SHARDS })).every((s) => s.pointsPrice === 20)).toBe(true);
    const late = await Promise.all(Array.from({ length: 12 }, () => member(100)));
    const [lateResults] = await Promise.all([
      Promise.all(late.map((b, i) => outcome(redeemGoods(instance(), b, { goodsId: goods.id, quantity: 1 }, randomUUID(), new Date())).then((r) => [r, i] as const))),
      editGoods(deps, CADRE, goods.id, { stockDelta: -2 }, new Date()).catch(() => undefined),
    ]);
    const sold = lateResults.filter(([r]) => r === 'ok').length;
    const left = sum(await shardStocks(goods.id));
    expect(Math.min(...(await shardStocks(goods.id)))).toBeGreaterThanOrEqual(0);
    // Every item is either sold, still on a shard, or taken back by the cadre (2, if that edit won).
    expect([10, 8]).toContain(sold + left);
    for (const [r, i] of lateResults) if (r === 'ok') expect((await repo.ordersOfUser(late[i], 1)).items[0].pointsSpent).toBe(20);
  });
});

describe('sold-out memory', () => {
  it('answers sold out without reading the goods, and never refuses once its lifetime has passed after a restock', { timeout: 60_000 }, async () => {
    const lifetime = 400;
    const deps = instance(lifetime);
    const goods = await publishGoods(deps, CADRE, { name: '限量门票', description: '', pointsPrice: 10, stock: 1, perMemberLimit: 1, orgId: 'sx', fulfilment: 'pickup' }, new Date());
    const [a, b, c, d] = await Promise.all([member(100), member(100), member(100), member(100)]);
    let goodsReads = 0;
    const counting: MallDeps = { ...deps, mall: Object.assign(Object.create(MallRepository.prototype) as MallRepository, { goods: (id: string, read?: { eventual?: boolean; shardStock?: boolean }) => { goodsReads++; return repo.goods(id, read); } }) };

    expect(await outcome(redeemGoods(counting, a, { goodsId: goods.id, quantity: 1 }, randomUUID(), new Date()))).toBe('ok');
    expect(await outcome(redeemGoods(counting, b, { goodsId: goods.id, quantity: 1 }, randomUUID(), new Date()))).toBe('OUT_OF_STOCK');
    const readsWhenSoldOut = goodsReads;
    expect(await outcome(redeemGoods(counting, c, { goodsId: goods.id, quantity: 1 }, randomUUID(), new Date()))).toBe('OUT_OF_STOCK');
    expect(goodsReads).toBe(readsWhenSoldOut);

    // Restocked through another instance: this one may still refuse within the lifetime, never after it.
    await editGoods(instance(), CADRE, goods.id, { stockDelta: 1 }, new Date());
    await new Promise((r) => setTimeout(r, lifetime + 50));
    expect(await outcome(redeemGoods(counting, d, { goodsId: goods.id, quantity: 1 }, randomUUID(), new Date()))).toBe('ok');
    expect((await getGoods(deps, CADRE, goods.id)).stock).toBe(0);
  });

  it('a cancellation through the same instance is seen at once', async () => {
    const deps = instance(60_000);
    const goods = await publishGoods(deps, CADRE, { name: '限量手套', description: '', pointsPrice: 10, stock: 1, perMemberLimit: 1, orgId: 'sx', fulfilment: 'pickup' }, new Date());
    const [a, b] = await Promise.all([member(100), member(100)]);
    const order = await redeemGoods(deps, a, { goodsId: goods.id, quantity: 1 }, randomUUID(), new Date());
    expect(await outcome(redeemGoods(deps, b, { goodsId: goods.id, quantity: 1 }, randomUUID(), new Date()))).toBe('OUT_OF_STOCK');
    await cancelMyOrder(deps, a, order.id, new Date());
    expect(await outcome(redeemGoods(deps, b, { goodsId: goods.id, quantity: 1 }, randomUUID(), new Date()))).toBe('ok');
  });
});

describe('the per-item limit simulator (bench/dynamo-limits.ts)', () => {
  it('refuses writes to an item past its units as DynamoDB does: the redemption answers BUSY and writes nothing', { timeout: 60_000 }, async () => {
    const deps = instance();
    const goods = await publishGoods(deps, CADRE, { name: '限速商品', description: '', pointsPrice: 10, stock: 20, perMemberLimit: 1, orgId: 'sx', fulfilment: 'pickup' }, new Date());
    const buyers = await Promise.all(Array.from({ length: 6 }, () => member(100)));
    // Time stands still: each item has its burst of 10 WCU, five transactional writes.
    const limits = perItemLimitSender({ wcuPerSecond: 100, burstSeconds: 0.1, clock: () => 0 });
    setTransactionSender(limits.send);
    try {
      const results: string[] = [];
      for (const b of buyers) results.push(await outcome(redeemGoods(deps, b, { goodsId: goods.id, quantity: 1 }, randomUUID(), new Date())));
      expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'BUSY']);
      expect(limits.stats.throttled).toBeGreaterThan(0);
    } finally {
      setTransactionSender();
    }
    expect((await getGoods(deps, CADRE, goods.id)).stock).toBe(15);
    expect((await repo.ordersOfUser(buyers[5], 1)).items).toHaveLength(0);
  });
});
