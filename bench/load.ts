/**
 * `npm run bench`: the mixed daily workload against a local stack of its own (DynamoDB Local + the API
 * under serverless-offline, on loopback ports from TEST_PORT_BASE), on a realistic population
 * (bench/population.ts: MEMBERS members over UNIONS unions, goods with stock, open activities).
 * Every virtual user works through its own members, one session each (login, home reads, the day's
 * sign-in, sometimes a redemption or a signup), so every request should succeed: any 4xx or 5xx is
 * unexpected and fails the run (exit 1) after the report. Reports a status histogram and p50/p95/p99
 * per route and the share of requests that were successful writes (sign-ins, redemptions, signups).
 * Bundle sizes and cold starts: `npm run package` and the first-screen bench. Writes bench/results/load.md and the `figures:load` block of docs/design.md.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { startDynamoLocal } from '../scripts/lib/dynamodb-local';
import { ensureTable } from '../scripts/lib/table';
import { startOffline } from '../scripts/lib/offline';
import { writeFigures } from '../scripts/lib/doc-figures';

const DURATION_S = Math.min(Number(process.env.DURATION ?? 30), 300);
const CONCURRENCY = Math.min(Number(process.env.CONCURRENCY ?? 20), 100);
const MEMBERS = Number(process.env.MEMBERS ?? 2000);
const UNIONS = Number(process.env.UNIONS ?? 50);
const PORT_BASE = Number(process.env.TEST_PORT_BASE ?? 3300);
const root = join(import.meta.dirname, '..');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const db = await startDynamoLocal({ port: PORT_BASE + 5110, quiet: true });
await ensureTable(db.endpoint, 'zhgh-test');
Object.assign(process.env, { STAGE: 'test', TABLE_NAME: 'zhgh-test', DYNAMODB_ENDPOINT: db.endpoint, TOKEN_SECRET: 'test-token-secret-not-for-production-00001', PII_KEY: 'dGVzdC1waWkta2V5LS1ub3QtZm9yLXByb2R1Y3Rpb24=' });
const { seedDemo } = await import('../scripts/lib/seed');
const { seedPopulation } = await import('./population');
await seedDemo();
const seedStarted = Date.now();
const population = await seedPopulation({ members: MEMBERS, unions: UNIONS, points: 10_000 });
console.log(`seeded ${MEMBERS} members over ${UNIONS} unions in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
const api = await startOffline({ stage: 'test', httpPort: PORT_BASE + 110, lambdaPort: PORT_BASE + 112, dynamoEndpoint: db.endpoint });

interface RouteStats { timings: number[]; statuses: Map<number, number> }
const routes = new Map<string, RouteStats>();
const unexpected: string[] = [];
let unexpectedCount = 0;
/** The members' writes (a login also writes, but is not what a member came to do). */
const WRITES = new Set(['POST /v1/sign-ins', 'POST /v1/redemptions', 'POST /v1/activities/{id}/signups']);
let successfulWrites = 0;
async function hit(route: string, path: string, init: RequestInit = {}) {
  const t0 = performance.now();
  const res = await fetch(`${api.url}${path}`, init);
  const body = await res.text();
  const stats = routes.get(route) ?? routes.set(route, { timings: [], statuses: new Map() }).get(route)!;
  stats.timings.push(performance.now() - t0);
  stats.statuses.set(res.status, (stats.statuses.get(res.status) ?? 0) + 1);
  // Every session is built to succeed: a 4xx is a bug in the bench or the app, a 5xx a failure.
  if (res.status >= 400) unexpectedCount++;
  if (res.status >= 400 && unexpected.length < 20) unexpected.push(`${route} → ${res.status} ${body.slice(0, 160)}`);
  if (res.status < 300 && WRITES.has(route)) successfulWrites++;
  return { status: res.status, body };
}
const json = (token: string, body?: unknown, headers: Record<string, string> = {}) => ({
  method: body === undefined ? 'GET' : 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
  body: body === undefined ? undefined : JSON.stringify(body),
});

/** One member's visit: what the home and the tabs read, the day's sign-in, sometimes a redemption or a signup. */
async function session(i: number) {
  const login = await hit('POST /v1/auth/wechat-login', '/v1/auth/wechat-login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: population.logins[i] }) });
  const token = JSON.parse(login.body).token as string;
  if (!token) return;
  await hit('GET /v1/me', '/v1/me', json(token));
  await hit('POST /v1/sign-ins', '/v1/sign-ins', json(token, {}));
  await hit('GET /v1/goods', '/v1/goods', json(token));
  await hit('GET /v1/activities', '/v1/activities', json(token));
  if (Math.random() < 0.5) await hit('GET /v1/points/ledger', '/v1/points/ledger', json(token));
  if (Math.random() < 0.3) await hit('GET /v1/sign-ins', '/v1/sign-ins', json(token));
  if (Math.random() < 0.3) {
    const goodsId = population.goodsIds[i % population.goodsIds.length];
    await hit('GET /v1/goods/{id}', `/v1/goods/${goodsId}`, json(token));
    await hit('POST /v1/redemptions', '/v1/redemptions', json(token, { goodsId, quantity: 1 }, { 'idempotency-key': randomUUID() }));
  }
  if (Math.random() < 0.3) {
    const activityId = population.activityIds[i % population.activityIds.length];
    await hit('POST /v1/activities/{id}/signups', `/v1/activities/${activityId}/signups`, json(token, {}, { 'idempotency-key': randomUUID() }));
  }
}

// Virtual users take the next member not yet seen until the time is up or every member has had a visit.
let next = 0;
const started = Date.now();
const until = started + DURATION_S * 1000;
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (Date.now() < until && next < MEMBERS) await session(next++);
}));
const seconds = (Date.now() - started) / 1000;
await api.stop();
await db.stop();

const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const total = [...routes.values()].reduce((s, r) => s + r.timings.length, 0);
const histogram = (m: Map<number, number>) => [...m].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
const summary = `${CONCURRENCY} virtual users, ${next} member sessions (population ${MEMBERS} members over ${UNIONS} unions) in ${seconds.toFixed(1)} s against serverless-offline (in process) + DynamoDB Local on loopback, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)}: **${total} requests, ${(total / seconds).toFixed(0)} req/s**, successful writes (sign-ins, redemptions, signups) ${((successfulWrites / total) * 100).toFixed(1)} % of requests, ${unexpectedCount ? `**unexpected answers: ${unexpectedCount}**` : 'no unexpected 4xx/5xx'}.`;
const table = [
  '| route | requests | statuses | p50 ms | p95 ms | p99 ms |',
  '|---|---:|---|---:|---:|---:|',
  ...[...routes].map(([route, r]) => `| ${route} | ${r.timings.length} | ${histogram(r.statuses)} | ${pct(r.timings, 50).toFixed(1)} | ${pct(r.timings, 95).toFixed(1)} | ${pct(r.timings, 99).toFixed(1)} |`),
];
const lines = [`# Load: mixed daily workload (${new Date().toISOString()})`, '', summary, '', ...table];
writeFigures('load', [`Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${summary}`, '', ...table].join('\n'));

const report = `${lines.join('\n')}\n`;
writeFileSync(join(root, 'bench', 'results', 'load.md'), report);
console.log(report);
if (unexpectedCount) {
  console.error(`unexpected answers:\n${unexpected.join('\n')}`);
  process.exit(1);
}
process.exit(0);
