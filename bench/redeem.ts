/**
 * `npm run bench:redeem`: the redemption path against DynamoDB Local (started here, in memory, on
 * loopback). Two figures:
 *  1. handler overhead — N sequential redemptions through the real Lambda handler, in process, with
 *     every DynamoDB call timed by client middleware: time in the handler vs time inside DynamoDB calls
 *     (target: overhead ≤ 25 %);
 *  2. a flash sale — 300 redemption requests at once by 30 members for 10 items: wall time, successes,
 *     p50/p99 latency, and the invariants checked after.
 * Writes bench/results/redeem.json. Figures, not assertions.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { startDynamoLocal } from '../scripts/lib/dynamodb-local';
import { ensureTable } from '../scripts/lib/table';

const N = Math.min(Number(process.env.N ?? 300), 2000);
const dynamoLocal = await startDynamoLocal({ port: Number(process.env.BENCH_DYNAMO_PORT ?? 8400), quiet: true });
const TABLE = 'zhgh-bench';
await ensureTable(dynamoLocal.endpoint, TABLE);
Object.assign(process.env, {
  STAGE: 'test', TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: dynamoLocal.endpoint, TOKEN_SECRET: 'bench-token-secret-not-for-production-0000',
  PII_KEY: Buffer.alloc(32, 7).toString('base64'), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  // The bench measures the redemption path, not the per-user rate limit.
  RATE_WRITE_PER_MINUTE: '1000000',
});

const { dynamo } = await import('../functions/src/lib/dynamo');
const { issueToken } = await import('../functions/src/lib/tokens');
const { seedDemo } = await import('../scripts/lib/seed');
const { UsersRepository, newProfile } = await import('../functions/src/repositories/users');
const { ledgerPostingItems } = await import('../functions/src/repositories/points');
const { transact } = await import('../functions/src/lib/transact');
const { handler } = await import('../functions/src/handlers/mall');
const { handler: adminHandler } = await import('../functions/src/handlers/admin-mall');
await seedDemo();

// Time every DynamoDB call the handler makes.
let dbMs = 0;
dynamo().middlewareStack.add(
  (next) => async (args) => {
    const t0 = performance.now();
    try {
      return await next(args);
    } finally {
      dbMs += performance.now() - t0;
    }
  },
  // Outermost step: the SDK's own (de)serialisation counts as part of the bare database call.
  { step: 'initialize', priority: 'high', name: 'benchTimer' },
);

const users = new UsersRepository();
async function member(points: number) {
  const id = randomUUID();
  await users.createForOpenid({
    ...newProfile(id, `bench-${id}`, undefined, new Date()),
    membership: { status: 'active', orgId: 'xa-yt-qy', orgName: '陕西秦云软件有限公司工会', orgPath: '/sx/xa/xa-yt/xa-yt-qy/', memberNo: 'BENCH' },
  });
  await transact(ledgerPostingItems({ id, balance: 0, ledgerSeq: 0, signInStreak: 0 }, { delta: points, reason: 'bench', refType: 'adjustment', refId: 'bench', at: new Date() }).steps);
  return { id, token: (await issueToken(id, new Date())).token };
}

const ctx = {} as Context;
function event(routeKey: string, token: string, body: unknown, headers: Record<string, string> = {}, pathParameters?: Record<string, string>): APIGatewayProxyEventV2 {
  const [method, rawPath] = routeKey.split(' ');
  return {
    version: '2.0', routeKey, rawPath, rawQueryString: '', isBase64Encoded: false, body: body === undefined ? undefined : JSON.stringify(body), pathParameters,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    requestContext: { http: { method, path: rawPath } } as APIGatewayProxyEventV2['requestContext'],
  } as APIGatewayProxyEventV2;
}

const cadre = (await issueToken('u-cadre-xian', new Date())).token;
async function goods(stock: number, perMemberLimit: number) {
  const res = await adminHandler(event('POST /v1/admin/goods', cadre, { name: '压测商品', description: '', pointsPrice: 1, stock, perMemberLimit, orgId: 'xa', fulfilment: 'pickup' }), ctx);
  return JSON.parse(String(res.body)).id as string;
}
const redeem = (token: string, goodsId: string) =>
  handler(event('POST /v1/redemptions', token, { goodsId, quantity: 1 }, { 'idempotency-key': randomUUID() }), ctx);

// 1. Handler overhead, sequential (warm: one redemption first).
const buyer = await member(1_000_000);
const plenty = await goods(1_000_000, 100);
const warm = await redeem(buyer.token, plenty);
if (warm.statusCode !== 201) throw new Error(`warm-up failed: ${warm.body}`);
const members = await Promise.all(Array.from({ length: Math.ceil(N / 100) }, () => member(1_000_000)));
dbMs = 0;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const res = await redeem(members[i % members.length].token, plenty);
  if (res.statusCode !== 201) throw new Error(`redemption failed: ${res.body}`);
}
const handlerMs = performance.now() - t0;
const sequentialDbMs = dbMs;
const overhead = (handlerMs - sequentialDbMs) / sequentialDbMs;

// 2. Flash sale: 300 requests at once, 30 members, stock 10.
const crowd = await Promise.all(Array.from({ length: 30 }, () => member(1000)));
const sale = await goods(10, 1);
const latencies: number[] = [];
const t1 = performance.now();
const answers = await Promise.all(
  crowd.flatMap((m) =>
    Array.from({ length: 10 }, async () => {
      const s = performance.now();
      const res = await redeem(m.token, sale);
      latencies.push(performance.now() - s);
      return res.statusCode ?? 0;
    }),
  ),
);
const saleMs = performance.now() - t1;
const pct = (p: number) => latencies.slice().sort((a, b) => a - b)[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
const byStatus = answers.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
const stockLeft = JSON.parse(String((await handler(event('GET /v1/goods/{id}', crowd[0].token, undefined, {}, { id: sale }), ctx)).body ?? '{}')).stock;

const results = {
  at: new Date().toISOString(),
  sequential: { redemptions: N, handlerMs: Math.round(handlerMs), dbMs: Math.round(sequentialDbMs), perSecond: Math.round((N / handlerMs) * 1000), overheadPercent: Math.round(overhead * 1000) / 10 },
  flashSale: { requests: answers.length, wallMs: Math.round(saleMs), byStatus, stockLeft, p50Ms: Math.round(pct(50)), p99Ms: Math.round(pct(99)) },
};
console.log(`sequential: ${N} redemptions through the handler in ${results.sequential.handlerMs} ms (${results.sequential.perSecond}/s); ` +
  `time inside DynamoDB calls ${results.sequential.dbMs} ms → handler overhead ${results.sequential.overheadPercent} % (target ≤ 25 %)`);
console.log(`flash sale: ${answers.length} requests at once, ${results.flashSale.wallMs} ms wall, statuses ${JSON.stringify(byStatus)}, stock left ${stockLeft}, p50 ${results.flashSale.p50Ms} ms, p99 ${results.flashSale.p99Ms} ms`);
writeFileSync(join(import.meta.dirname, 'results', 'redeem.json'), JSON.stringify(results, null, 2));
await dynamoLocal.stop();
process.exit(0);
