/**
 * `npm run bench:hot-sale`: a sale past one item's write limit, on the simulator (bench/dynamo-limits.ts:
 * DynamoDB's 1,000 WCU/s per item, 2 WCU per transactional item write, enforced on DynamoDB Local),
 * through the real mall handler in process (one warm instance), in one run: the same sale without
 * stock shards, then with them. The sale of the issue — 1,000 items, 100,000 requests from 20,000
 * members within 10 s — is compressed as this machine allows, and the compression is stated:
 *  - SCALE (size, default 20): items, requests, members and the per-item limit all divided by SCALE
 *    (every ratio kept: requests per item, arrival rate per unit of item capacity); shards stay SHARDS;
 *  - TIME_SCALE (time, default 12): 1 simulated second lasts TIME_SCALE real seconds, and the limit is
 *    divided by it too. Backoff between retries is not compressed, so retries come back sooner in
 *    simulated time than they would: pessimistic for both variants.
 * Reports the share of 503 BUSY, the time to sell out (simulated), oversell (must be 0) and p99 (real
 * ms). Writes bench/results/hot-sale.json and the `figures:hot-sale` block of docs/design.md.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { benchDatabase, ctx, event } from './harness';
import { writeFigures } from '../scripts/lib/doc-figures';
import { perItemLimitSender } from './dynamo-limits';

const SCALE = Number(process.env.SCALE ?? 20);
const TIME_SCALE = Number(process.env.TIME_SCALE ?? 12);
const SHARDS = Number(process.env.SHARDS ?? 10);
const ITEMS = Math.round(1000 / SCALE);
const REQUESTS = Math.round(100_000 / SCALE);
const MEMBERS = Math.round(20_000 / SCALE);
const WINDOW_S = 10;
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 100);

const db = await benchDatabase(Number(process.env.TEST_PORT_BASE ?? 3300) + 5140);
const { setTransactionSender } = await import('../functions/src/lib/transact');
const { issueToken } = await import('../functions/src/lib/tokens');
const { seedPopulation } = await import('./population');
const { handler, deps } = await import('../functions/src/handlers/mall');
const { publishGoods } = await import('../functions/src/usecases/mall');
const { MallRepository } = await import('../functions/src/repositories/mall');

const population = await seedPopulation({ members: MEMBERS, unions: 50, points: 1000, prefix: 'hot', directBalance: true, goods: [], activities: 0 });
const tokens = await Promise.all(population.userIds.map(async (id) => (await issueToken(id, new Date())).token));
const repo = new MallRepository();

async function sale(shards: number) {
  const goods = await publishGoods({ ...deps, hotStock: { from: 1, shards } }, 'u-cadre-province', { name: `抢购${shards}`, description: '', pointsPrice: 10, stock: ITEMS, perMemberLimit: 1, orgId: 'sx', fulfilment: 'pickup' }, new Date());
  const limits = perItemLimitSender({ wcuPerSecond: 1000 / SCALE, timeScale: TIME_SCALE });
  setTransactionSender(limits.send);
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let sold = 0;
  let lastSaleMs = 0;
  let next = 0;
  const started = performance.now();
  const windowMs = WINDOW_S * 1000 * TIME_SCALE;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < REQUESTS) {
      const j = next++;
      // Arrivals spread evenly over the window; a request never starts before its time.
      const due = started + (j / REQUESTS) * windowMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const t0 = performance.now();
      const res = await handler(event('POST /v1/redemptions', tokens[j % MEMBERS], { body: { goodsId: goods.id, quantity: 1 }, headers: { 'idempotency-key': randomUUID() } }), ctx);
      latencies.push(performance.now() - t0);
      statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
      if (res.statusCode === 201) {
        sold++;
        lastSaleMs = performance.now() - started;
      }
    }
  }));
  const realS = (performance.now() - started) / 1000;
  setTransactionSender();
  const left = (await repo.goods(goods.id))!.stock;
  const pct = (p: number) => latencies.sort((a, b) => a - b)[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return {
    shards: shards > 1 ? shards : 0,
    byStatus: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
    sold, left, oversold: Math.max(0, sold - ITEMS, -left), stockAccounted: sold + left === ITEMS,
    busyPercent: Math.round(((statuses.get(503) ?? 0) / REQUESTS) * 10000) / 100,
    sellOutSimulatedS: sold === ITEMS ? Math.round((lastSaleMs / 1000 / TIME_SCALE) * 100) / 100 : null,
    p99RealMs: Math.round(pct(99)), p50RealMs: Math.round(pct(50)),
    achievedRequestsPerSimulatedS: Math.round(REQUESTS / (realS / TIME_SCALE)),
    transactionsSent: limits.stats.sent, transactionsThrottled: limits.stats.throttled,
  };
}

const without = await sale(1);
console.log('without shards', JSON.stringify(without));
const withShards = await sale(SHARDS);
console.log(`with ${SHARDS} shards`, JSON.stringify(withShards));

const at = new Date().toISOString();
const results = { at, cores: availableParallelism(), scale: SCALE, timeScale: TIME_SCALE, items: ITEMS, requests: REQUESTS, members: MEMBERS, windowS: WINDOW_S, without, withShards };
writeFileSync(join(import.meta.dirname, 'results', 'hot-sale.json'), JSON.stringify(results, null, 2));
const row = (name: string, r: typeof without) =>
  `| ${name} | ${Object.entries(r.byStatus).map(([s, n]) => `${s}×${n}`).join(' ')} | ${r.busyPercent} % | ${r.sold} / ${ITEMS} | ${r.sellOutSimulatedS ?? 'not sold out'}${r.sellOutSimulatedS === null ? '' : ' s'} | ${r.oversold}${r.stockAccounted ? '' : ' (stock unaccounted!)'} | ${r.p99RealMs} | ${r.transactionsThrottled} / ${r.transactionsSent + r.transactionsThrottled} | ${r.achievedRequestsPerSimulatedS} |`;
writeFigures('hot-sale', [
  `Measured by \`npm run bench:hot-sale\` on ${at.slice(0, 10)} (${results.cores} cores, load average ${loadavg()[0].toFixed(1)}, one warm instance of the mall handler in process, DynamoDB Local behind the per-item limit simulator): the sale of 1,000 items to 100,000 requests from 20,000 members within 10 s, compressed ${SCALE}× in size (${ITEMS} items, ${REQUESTS} requests from ${MEMBERS} members, ${1000 / SCALE} WCU/s per item) and ${TIME_SCALE}× in time (the 10 s last ${WINDOW_S * TIME_SCALE} s). Goal with shards: all sold, BUSY ≤ 1 %, oversold 0.`,
  '',
  '| stock | statuses | BUSY | sold | sold out after (simulated) | oversold | p99 ms (real) | transactions throttled / tried | arrivals per simulated s, achieved (planned ' + REQUESTS / WINDOW_S + ') |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  row('one goods item', without),
  row(`${SHARDS} shards`, withShards),
].join('\n'));
await db.stop();
process.exit(0);
