/**
 * `npm run bench`: a bounded load against the local stack on loopback (start it first with `npm start`,
 * or set API). Logs in USERS fresh users, then: every user signs in at once (once-per-day contention
 * is per user), and ROUNDS rounds of GET /v1/me and GET /v1/points/ledger. Prints p50/p95/p99 per route
 * and writes bench/results/signin.json. Not a test: figures, not assertions.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const API = process.env.API ?? 'http://127.0.0.1:3000';
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(API)) throw new Error('bench targets loopback only');
const USERS = Math.min(Number(process.env.USERS ?? 50), 500);
const ROUNDS = Math.min(Number(process.env.ROUNDS ?? 5), 50);

const timings = new Map<string, number[]>();
let errors = 0;
async function timed(route: string, url: string, init: RequestInit): Promise<Response> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  await res.text();
  (timings.get(route) ?? timings.set(route, []).get(route)!).push(performance.now() - t0);
  if (res.status >= 500) errors++;
  return res;
}

const run = Date.now().toString(36);
const started = performance.now();
const tokens = await Promise.all(
  Array.from({ length: USERS }, async (_, i) => {
    const res = await fetch(`${API}/v1/auth/wechat-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `dev:bench-${run}-${i}` }) });
    return ((await res.json()) as { token: string }).token;
  }),
);
const auth = (t: string) => ({ authorization: `Bearer ${t}` });
const signIns = await Promise.all(tokens.map((t) => timed('POST /v1/sign-ins', `${API}/v1/sign-ins`, { method: 'POST', headers: auth(t) })));
for (let r = 0; r < ROUNDS; r++) {
  await Promise.all(tokens.flatMap((t) => [
    timed('GET /v1/me', `${API}/v1/me`, { headers: auth(t) }),
    timed('GET /v1/points/ledger', `${API}/v1/points/ledger`, { headers: auth(t) }),
  ]));
}
const seconds = (performance.now() - started) / 1000;
const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const rows = [...timings].map(([route, xs]) => ({ route, n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99) }));
const total = rows.reduce((s, r) => s + r.n, 0);
console.log(`${USERS} users, ${total} requests in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)} req/s incl. login), ${errors} 5xx, sign-ins 201: ${signIns.filter((r) => r.status === 201).length}`);
console.log('route                      n     p50 ms   p95 ms   p99 ms');
for (const r of rows) console.log(`${r.route.padEnd(24)} ${String(r.n).padStart(5)} ${r.p50.toFixed(1).padStart(9)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)}`);
writeFileSync(join(import.meta.dirname, 'results', 'signin.json'), JSON.stringify({ at: new Date().toISOString(), api: API, users: USERS, rounds: ROUNDS, seconds, errors, rows }, null, 2));
