/**
 * `npm run bench:redeem`: a flash sale through the real mall handler, in process (one warm instance),
 * against DynamoDB Local: 300 redemption requests at once by 30 members for 10 items — statuses, wall
 * time, p50/p99, stock left and orders written (oversell must be 0) — then 300 more after the sell-out,
 * as a stream (20 at a time), counting the reads of the goods item each request makes (target: 0
 * strongly consistent reads).
 * Handler overhead: `npm run bench:overhead`. Writes bench/results/redeem.json and the `figures:flash-sale`
 * block of docs/design.md. Figures, not assertions.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { benchDatabase, ctx, event } from './harness';
import { writeFigures } from '../scripts/lib/doc-figures';

const db = await benchDatabase(Number(process.env.TEST_PORT_BASE ?? 3300) + 5130);
const { dynamo } = await import('../functions/src/lib/dynamo');
const { issueToken } = await import('../functions/src/lib/tokens');
const { seedPopulation } = await import('./population');
const { handler } = await import('../functions/src/handlers/mall');
const { MallRepository } = await import('../functions/src/repositories/mall');

// Reads of one goods item, by consistency (GetItem and BatchGetItem both count).
let watched = '';
const reads = { strong: 0, eventual: 0 };
dynamo().middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input as { Key?: { PK?: { S?: string } }; ConsistentRead?: boolean; RequestItems?: Record<string, { Keys: { PK?: { S?: string } }[]; ConsistentRead?: boolean }> };
    if (watched) {
      const hits = context.commandName === 'GetItemCommand' ? (input.Key?.PK?.S === watched ? 1 : 0) : 0;
      if (hits) reads[input.ConsistentRead ? 'strong' : 'eventual'] += hits;
      for (const r of Object.values(context.commandName === 'BatchGetItemCommand' ? input.RequestItems ?? {} : {})) {
        const n = r.Keys.filter((k) => k.PK?.S === watched).length;
        reads[r.ConsistentRead ? 'strong' : 'eventual'] += n;
      }
    }
    return next(args);
  },
  { step: 'initialize', name: 'goodsReadCounter' },
);

const population = await seedPopulation({ members: 30, unions: 5, points: 1000, prefix: 'sale', goods: [{ stock: 10, perMemberLimit: 1 }], activities: 0 });
const saleId = population.goodsIds[0];
const tokens = await Promise.all(population.userIds.map(async (id) => (await issueToken(id, new Date())).token));
const redeem = (token: string) => handler(event('POST /v1/redemptions', token, { body: { goodsId: saleId, quantity: 1 }, headers: { 'idempotency-key': randomUUID() } }), ctx);

/** 300 requests, 10 per member: all at once (`width` 300), or as a stream of `width` at a time. */
async function wave(width: number) {
  const latencies: number[] = [];
  const statuses: number[] = [];
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < 300) {
      const token = tokens[next++ % tokens.length];
      const s = performance.now();
      const res = await redeem(token);
      latencies.push(performance.now() - s);
      statuses.push(res.statusCode ?? 0);
    }
  }));
  const wallMs = performance.now() - t0;
  const pct = (p: number) => latencies.slice().sort((a, b) => a - b)[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  const byStatus = statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
  return { requests: statuses.length, wallMs: Math.round(wallMs), byStatus, p50Ms: Math.round(pct(50)), p99Ms: Math.round(pct(99)) };
}

// 1. The sale.
const sale = await wave(300);
const repo = new MallRepository();
const stockLeft = (await repo.goods(saleId))!.stock;
const orders = (await Promise.all(population.userIds.map((id) => repo.ordersOfUser(id, 10)))).flatMap((p) => p.items).filter((o) => o.goodsId === saleId).length;
// 2. After the sell-out: what each request still reads of the goods item.
watched = `GOODS#${saleId}`;
const after = await wave(20);
watched = '';
const perRequest = (n: number) => Math.round((n / after.requests) * 1000) / 1000;
const results = {
  at: new Date().toISOString(), cores: availableParallelism(),
  sale: { ...sale, stockLeft, orders, oversold: Math.max(0, orders - 10) },
  afterSellOut: { ...after, strongReadsOfGoodsPerRequest: perRequest(reads.strong), eventualReadsOfGoodsPerRequest: perRequest(reads.eventual) },
};
console.log(JSON.stringify(results, null, 2));
writeFileSync(join(import.meta.dirname, 'results', 'redeem.json'), JSON.stringify(results, null, 2));
const statuses = (b: Record<number, number>) => Object.entries(b).map(([s, n]) => `${n} × ${s}`).join(', ');
writeFigures('flash-sale', [
  `Measured by \`npm run bench:redeem\` on ${results.at.slice(0, 10)} (${results.cores} cores, load average ${loadavg()[0].toFixed(1)}, one warm instance of the mall handler in process, DynamoDB Local):`,
  `- the sale, 300 requests at once by 30 members for 10 items: ${statuses(sale.byStatus)} in ${sale.wallMs} ms, p50 ${sale.p50Ms} ms, p99 ${sale.p99Ms} ms; ${orders} orders, stock left ${stockLeft}, oversold ${results.sale.oversold};`,
  `- after the sell-out, 300 more (20 at a time): ${statuses(after.byStatus)} in ${after.wallMs} ms, p99 ${after.p99Ms} ms; reads of the goods item per request: **${results.afterSellOut.strongReadsOfGoodsPerRequest} strongly consistent**, ${results.afterSellOut.eventualReadsOfGoodsPerRequest} eventually consistent (target 0 strong; each instance reads again once its memory of the sell-out lapses, every ${Number(process.env.SOLD_OUT_MEMORY_MS ?? 3000) / 1000} s).`,
].join('\n'));
await db.stop();
process.exit(0);
