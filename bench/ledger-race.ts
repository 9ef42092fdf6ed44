/**
 * `npm run bench:ledger-race`: a cadre's batch on ONE member — BURST (default 30) points adjustments at
 * once through the real admin-mall handler, in process, against DynamoDB Local, each with its own
 * Idempotency-Key — ROUNDS times (default 5), a fresh member each, after an uncounted warm-up burst. Every posting on a member is guarded
 * by its ledgerSeq, so the burst is serialised by the database and the losers retry on the server
 * (lib/retry.ts). Counts the 201s on the first try, then retries each 503 once with the same key (what the
 * mini-program does) and checks every key applied exactly once, balance = Σ ledger = Σ lots.
 * Writes bench/results/ledger-race[-<LABEL>].json; with no LABEL also the `figures:ledger-race` block of
 * docs/design.md, quoting bench/results/ledger-race-before.json (the same bench run on the code before
 * the ledger budget: `git checkout <commit> -- :/functions/src`, then `LABEL=before FUNCTIONS_AT=<commit>`)
 * beside this run. Figures, not assertions.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { benchDatabase, ctx, event } from './harness';
import { writeFigures } from '../scripts/lib/doc-figures';

const BURST = Math.min(Number(process.env.BURST ?? 30), 200);
const ROUNDS = Math.min(Number(process.env.ROUNDS ?? 5), 20);
const LABEL = process.env.LABEL;

const db = await benchDatabase(Number(process.env.TEST_PORT_BASE ?? 3300) + 5150);
const { issueToken } = await import('../functions/src/lib/tokens');
const { seedPopulation } = await import('./population');
const { handler } = await import('../functions/src/handlers/admin-mall');
const { PointsRepository } = await import('../functions/src/repositories/points');
const { setTransactionSender } = await import('../functions/src/lib/transact');
const { dynamo } = await import('../functions/src/lib/dynamo');
const { TransactWriteItemsCommand } = await import('@aws-sdk/client-dynamodb');
const points = new PointsRepository();

// Transactions sent (each lost race costs one): the same call transact makes, counted.
let sent = 0;
setTransactionSender(async (items) => {
  sent++;
  await dynamo().send(new TransactWriteItemsCommand({ TransactItems: items }));
});

const cadre = (await issueToken('u-cadre-province', new Date())).token;
const population = await seedPopulation({ members: ROUNDS + 1, unions: 1, points: 0, prefix: `race${Date.now().toString(36)}`, goods: [], activities: 0 });

const adjust = (userId: string, i: number, key: string) =>
  handler(event('POST /v1/admin/points-adjustments', cadre, { body: { userId, delta: i + 1, reason: `批量发放第${i + 1}笔` }, headers: { 'idempotency-key': key } }), ctx);

async function allEntries(userId: string) {
  const entries = [];
  let cursor: string | undefined;
  do {
    const page = await points.ledger(userId, 100, cursor);
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return entries;
}

// Warm-up, not counted: the first burst after start pays for module and connection set-up.
const [warmUp, ...members] = population.userIds;
await Promise.all(Array.from({ length: 5 }, (_, i) => adjust(warmUp, i, randomUUID())));

interface Round { firstTry201: number; firstTry503: number; after1Retry201: number; transactionsPerPosting: number; wallMs: number; p50Ms: number; maxMs: number; consistent: boolean; appliedOnce: boolean }
const rounds: Round[] = [];
for (const userId of members) {
  const keys = Array.from({ length: BURST }, () => randomUUID());
  sent = 0;
  const t0 = performance.now();
  const first = await Promise.all(keys.map(async (key, i) => {
    const s = performance.now();
    const res = await adjust(userId, i, key);
    return { status: res.statusCode ?? 0, ms: performance.now() - s };
  }));
  const wallMs = performance.now() - t0;
  const firstSent = sent;
  const again = await Promise.all(keys.map(async (key, i) => (first[i].status === 503 ? (await adjust(userId, i, key)).statusCode : first[i].status)));
  const entries = await allEntries(userId);
  const state = await points.state(userId, { lots: true });
  const ledgerSum = entries.reduce((s, e) => s + e.delta, 0);
  const lotSum = state!.lots!.reduce((s, l) => s + l.remaining, 0);
  // Each key answered 201 is one entry, and no other key wrote anything.
  const appliedOnce = keys.every((_, i) => entries.filter((e) => e.reason === `积分调整：批量发放第${i + 1}笔`).length === (again[i] === 201 ? 1 : 0));
  const latencies = first.map((f) => f.ms).sort((a, b) => a - b);
  rounds.push({
    firstTry201: first.filter((f) => f.status === 201).length,
    firstTry503: first.filter((f) => f.status === 503).length,
    after1Retry201: again.filter((s) => s === 201).length,
    transactionsPerPosting: Math.round((firstSent / Math.max(1, first.filter((f) => f.status === 201).length)) * 10) / 10,
    wallMs: Math.round(wallMs),
    p50Ms: Math.round(latencies[Math.floor(latencies.length / 2)]),
    maxMs: Math.round(latencies[latencies.length - 1]),
    consistent: state!.balance === ledgerSum && ledgerSum === lotSum,
    appliedOnce,
  });
}

// The code measured: HEAD, or (LABEL=before) the commit whose functions/src is checked out unchanged.
const git = (args: string) => execSync(`git ${args}`, { cwd: import.meta.dirname }).toString().trim();
const codeAt = (ref: string) => { try { git(`diff --quiet ${ref} -- :/functions/src`); return true; } catch { return false; } };
const commit = codeAt('HEAD') ? git('rev-parse --short HEAD') : process.env.FUNCTIONS_AT && codeAt(process.env.FUNCTIONS_AT) ? git(`rev-parse --short ${process.env.FUNCTIONS_AT}`) : 'uncommitted';
const sum = (k: 'firstTry201' | 'after1Retry201'): number => rounds.reduce((s, r) => s + r[k], 0);
const results = {
  at: new Date().toISOString(), commit, cores: availableParallelism(), loadAverage: Number(loadavg()[0].toFixed(1)), burst: BURST, rounds,
  firstTry201: `${sum('firstTry201')}/${BURST * ROUNDS}`, after1Retry201: `${sum('after1Retry201')}/${BURST * ROUNDS}`,
  allConsistent: rounds.every((r) => r.consistent && r.appliedOnce),
};
console.log(JSON.stringify(results, null, 2));
const file = (label?: string) => join(import.meta.dirname, 'results', `ledger-race${label ? `-${label}` : ''}.json`);
writeFileSync(file(LABEL), JSON.stringify(results, null, 2));

if (!LABEL) {
  type Results = typeof results;
  const line = (name: string, r: Results) =>
    `| ${name} (\`${r.commit}\`, ${r.at.slice(0, 10)}, load ${r.loadAverage}) | ${r.rounds.map((x) => x.firstTry201).join(', ')} | ${r.firstTry201} | ${r.after1Retry201} | ${r.rounds.map((x) => x.wallMs).join(', ')} | ${r.rounds.map((x) => x.maxMs).join(', ')} | ${r.rounds.map((x) => x.transactionsPerPosting ?? '–').join(', ')} | ${r.allConsistent ? 'yes' : '**no**'} |`;
  const before = existsSync(file('before')) ? (JSON.parse(readFileSync(file('before'), 'utf8')) as Results) : undefined;
  writeFigures('ledger-race', [
    `Measured by \`npm run bench:ledger-race\` (${results.cores} cores, one admin-mall handler in process, warmed by a burst of 5, DynamoDB Local): ${ROUNDS} rounds of ${BURST} adjustments at once on one member, each with its own Idempotency-Key; a 503 is retried once with its key.`,
    '',
    '| code | 201 on the first try, per round | first try, all | after one client retry | wall ms per round | slowest answer ms per round | transactions sent per first-try 201 | each key once, balance = Σ ledger = Σ lots |',
    '|---|---|---|---|---|---|---|---|',
    ...(before ? [line('before: the shared budget, 5 attempts', before)] : []),
    line('after: `RETRY.ledger`', results),
  ].join('\n'));
}
await db.stop();
process.exit(0);
