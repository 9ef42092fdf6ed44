/**
 * `npm run bench:capacity`: the read and write units each operation consumes, measured with
 * ReturnConsumedCapacity on every DynamoDB call the real handlers make (in process, against
 * DynamoDB Local). Writes bench/results/capacity.json and prints a table — the input of docs/scale.md.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { idCheckChar } from '@union/shared/id-number';
import { chinaIso } from '@union/shared/china-day';
import { benchDatabase, ctx, event } from './harness';

const db = await benchDatabase(Number(process.env.BENCH_DYNAMO_PORT ?? 8401));
const { dynamo } = await import('../functions/src/lib/dynamo');
let rcu = 0;
let wcu = 0;
dynamo().middlewareStack.add(
  (next) => async (args: any) => {
    args.input.ReturnConsumedCapacity ??= 'TOTAL';
    const out: any = await next(args);
    for (const c of [out.output?.ConsumedCapacity].flat().filter(Boolean)) {
      rcu += c.ReadCapacityUnits ?? (c.WriteCapacityUnits ? 0 : c.CapacityUnits ?? 0);
      wcu += c.WriteCapacityUnits ?? 0;
    }
    return out;
  },
  { step: 'initialize', name: 'capacity' },
);

const handler = async (name: string) => (await import(`../functions/src/handlers/${name}.ts`)).handler;
const [auth, me, points, mall, adminMall, membership, adminMembership, activities, adminActivities, admin] = await Promise.all(
  ['auth', 'me', 'points', 'mall', 'admin-mall', 'membership', 'admin-membership', 'activities', 'admin-activities', 'admin'].map(handler),
);
const rows: { operation: string; rcu: number; wcu: number; status: number }[] = [];
async function measure(operation: string, fn: () => Promise<{ statusCode?: number; body?: string }>) {
  rcu = 0;
  wcu = 0;
  const res = await fn();
  rows.push({ operation, rcu: Math.round(rcu * 10) / 10, wcu: Math.round(wcu * 10) / 10, status: res.statusCode ?? 0 });
  return JSON.parse(res.body || '{}');
}

const login = async (name: string) => JSON.parse(String((await auth(event('POST /v1/auth/wechat-login', undefined, { body: { code: `dev:${name}` } }), ctx)).body)).token as string;
const newcomer = `bench-${Date.now()}`;
await measure('login (first time: creates the user)', () => auth(event('POST /v1/auth/wechat-login', undefined, { body: { code: `dev:${newcomer}`, scene: 1035 } }), ctx));
await measure('login (returning member)', () => auth(event('POST /v1/auth/wechat-login', undefined, { body: { code: 'dev:member-1' } }), ctx));
const member = await login('member-1');
const cadre = await login('cadre-xian');
await measure('GET /v1/me', () => me(event('GET /v1/me', member), ctx));
await measure('POST /v1/sign-ins', () => points(event('POST /v1/sign-ins', member), ctx));
await measure('GET /v1/points/ledger (20)', () => points(event('GET /v1/points/ledger', member), ctx));
await measure('GET /v1/goods', () => mall(event('GET /v1/goods', member), ctx));
const order = await measure('POST /v1/redemptions', () => mall(event('POST /v1/redemptions', member, { body: { goodsId: 'demo-goods-4', quantity: 1 }, headers: { 'idempotency-key': randomUUID() } }), ctx));
await measure('POST /v1/redemptions/{id}/cancel', () => mall(event('POST /v1/redemptions/{id}/cancel', member, { params: { id: order.id } }), ctx));
const order2 = JSON.parse(String((await mall(event('POST /v1/redemptions', member, { body: { goodsId: 'demo-goods-4', quantity: 1 }, headers: { 'idempotency-key': randomUUID() } }), ctx)).body));
await measure('POST /v1/admin/redemptions/verify', () => adminMall(event('POST /v1/admin/redemptions/verify', cadre, { body: { pickupCode: order2.pickupCode } }), ctx));
await measure('GET /v1/activities', () => activities(event('GET /v1/activities', member), ctx));
await measure('POST /v1/activities/{id}/signups', () => activities(event('POST /v1/activities/{id}/signups', member, { params: { id: 'demo-activity-1' } }), ctx));
const code = JSON.parse(String((await adminActivities(event('GET /v1/admin/activities/{id}/check-in-code', cadre, { params: { id: 'demo-activity-1' } }), ctx)).body)).code;
await measure('POST /v1/activities/{id}/check-ins', () => activities(event('POST /v1/activities/{id}/check-ins', member, { params: { id: 'demo-activity-1' }, body: { code } }), ctx));
const applicant = await login(`bench-applicant-${Date.now()}`);
const first17 = '61010219900101123';
const filed = await measure('POST /v1/join-requests', () => membership(event('POST /v1/join-requests', applicant, { body: { name: '压测用户', idNumber: first17 + idCheckChar(first17), phone: '13900000000', orgId: 'xa-yt-qy', employer: '单位' } }), ctx));
await measure('GET /v1/admin/join-requests (20)', () => adminMembership(event('GET /v1/admin/join-requests', cadre), ctx));
await measure('POST /v1/admin/join-requests/{id}/approve', () => adminMembership(event('POST /v1/admin/join-requests/{id}/approve', cadre, { params: { id: filed.id } }), ctx));
const today = chinaIso(new Date()).slice(0, 10);
await measure('GET /v1/admin/stats (1 day)', () => admin(event('GET /v1/admin/stats', cadre, { query: { from: today, to: today } }), ctx));
await measure('GET /v1/admin/overview', () => admin(event('GET /v1/admin/overview', cadre), ctx));

console.log('operation                                   RCU    WCU  status');
for (const r of rows) console.log(`${r.operation.padEnd(42)} ${String(r.rcu).padStart(5)} ${String(r.wcu).padStart(6)}  ${r.status}`);
writeFileSync(join(import.meta.dirname, 'results', 'capacity.json'), JSON.stringify({ at: new Date().toISOString(), rows }, null, 2));
await db.stop();
process.exit(0);
