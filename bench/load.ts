/**
 * `npm run bench`: the mixed daily workload against a local stack of its own (DynamoDB Local + the API
 * under serverless-offline, on loopback ports of the bench), bounded in time and concurrency:
 * mostly reads, sign-ins, some redemptions and signups. Reports throughput and p50/p95/p99 per route,
 * then every function's bundle size and cold start (module load in a fresh Node process).
 * Writes bench/results/load.md. Figures, not assertions.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDynamoLocal } from '../scripts/lib/dynamodb-local';
import { ensureTable } from '../scripts/lib/table';
import { startOffline } from '../scripts/lib/offline';

const DURATION_S = Math.min(Number(process.env.DURATION ?? 15), 120);
const CONCURRENCY = Math.min(Number(process.env.CONCURRENCY ?? 20), 100);
const root = join(import.meta.dirname, '..');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const db = await startDynamoLocal({ port: 8410, quiet: true });
await ensureTable(db.endpoint, 'zhgh-test');
Object.assign(process.env, { STAGE: 'test', TABLE_NAME: 'zhgh-test', DYNAMODB_ENDPOINT: db.endpoint, TOKEN_SECRET: 'test-token-secret-not-for-production-00001', PII_KEY: 'dGVzdC1waWkta2V5LS1ub3QtZm9yLXByb2R1Y3Rpb24=' });
const { seedDemo } = await import('../scripts/lib/seed');
await seedDemo();
const api = await startOffline({ stage: 'test', httpPort: 3410, lambdaPort: 3412, dynamoEndpoint: db.endpoint });

const timings = new Map<string, number[]>();
let errors = 0;
async function hit(route: string, path: string, init: RequestInit = {}) {
  const t0 = performance.now();
  const res = await fetch(`${api.url}${path}`, init);
  const body = await res.text();
  (timings.get(route) ?? timings.set(route, []).get(route)!).push(performance.now() - t0);
  if (res.status >= 500 || body.includes('Lambda timeout')) errors++;
  return { status: res.status, body };
}
const json = (token: string, body?: unknown, headers: Record<string, string> = {}) => ({
  method: body === undefined ? 'GET' : 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
  body: body === undefined ? undefined : JSON.stringify(body),
});

// Virtual users: the seeded members (with points) and new visitors.
const run = Date.now().toString(36);
async function virtualUser(i: number, until: number) {
  const name = i % 3 === 0 ? ['member-1', 'member-2', 'member-3'][i % 3] : `load-${run}-${i}`;
  const login = await hit('POST /v1/auth/wechat-login', '/v1/auth/wechat-login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `dev:${name}` }) });
  const token = JSON.parse(login.body).token as string;
  await hit('POST /v1/sign-ins', '/v1/sign-ins', json(token, {}));
  while (Date.now() < until) {
    const dice = Math.random();
    if (dice < 0.3) await hit('GET /v1/me', '/v1/me', json(token));
    else if (dice < 0.5) await hit('GET /v1/goods', '/v1/goods', json(token));
    else if (dice < 0.65) await hit('GET /v1/activities', '/v1/activities', json(token));
    else if (dice < 0.8) await hit('GET /v1/points/ledger', '/v1/points/ledger', json(token));
    else if (dice < 0.9) await hit('GET /v1/sign-ins', '/v1/sign-ins', json(token));
    else if (dice < 0.95) await hit('POST /v1/redemptions', '/v1/redemptions', json(token, { goodsId: 'demo-goods-4', quantity: 1 }, { 'idempotency-key': randomUUID() }));
    else await hit('POST /v1/activities/{id}/signups', '/v1/activities/demo-activity-2/signups', json(token, {}));
  }
}

const started = Date.now();
await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => virtualUser(i, started + DURATION_S * 1000)));
const seconds = (Date.now() - started) / 1000;
await api.stop();
await db.stop();

const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const total = [...timings.values()].reduce((s, xs) => s + xs.length, 0);
const lines = [
  `# Load: mixed daily workload (${new Date().toISOString()})`,
  '',
  `${CONCURRENCY} virtual users for ${seconds.toFixed(1)} s against serverless-offline (in process) + DynamoDB Local on loopback: **${total} requests, ${(total / seconds).toFixed(0)} req/s**, ${errors} server errors.`,
  '',
  '| route | requests | p50 ms | p95 ms | p99 ms |',
  '|---|---|---|---|---|',
  ...[...timings].map(([route, xs]) => `| ${route} | ${xs.length} | ${pct(xs, 50).toFixed(1)} | ${pct(xs, 95).toFixed(1)} | ${pct(xs, 99).toFixed(1)} |`),
];

// Bundle size and cold start (module load) of every function, from `serverless package`'s output.
const handlers = join(root, '.esbuild', '.build', 'functions', 'src', 'handlers');
if (!existsSync(handlers)) execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'package.ts')], { cwd: root, stdio: 'ignore' });
lines.push('', '| function | bundle KB | cold start (module load) ms, median of 5 |', '|---|---|---|');
for (const file of readdirSync(handlers).filter((f) => f.endsWith('.mjs')).sort()) {
  const path = join(handlers, file);
  const loads = Array.from({ length: 5 }, () =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', `const t = performance.now(); await import(${JSON.stringify(path)}); console.log(performance.now() - t);`], { env: { ...process.env, DYNAMODB_ENDPOINT: '' } }).toString().trim()),
  ).sort((a, b) => a - b);
  lines.push(`| ${file.replace('.mjs', '')} | ${(statSync(path).size / 1024).toFixed(1)} | ${loads[2].toFixed(1)} |`);
}
const report = `${lines.join('\n')}\n`;
writeFileSync(join(root, 'bench', 'results', 'load.md'), report);
console.log(report);
process.exit(0);
