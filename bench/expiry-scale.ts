/**
 * `npm run bench:expiry`: how long the year-end points expiry takes over a province and what it costs,
 * computed (not typed) from the transactions the code really builds — the items of one expiry and of
 * one notice are counted from `ledgerPostingItems` and `messageItems` — and the assumptions below.
 * Rewrites the `expiry` figures block of docs/scale.md.
 */
import { Buffer } from 'node:buffer';

Object.assign(process.env, {
  STAGE: process.env.STAGE ?? 'local', TABLE_NAME: process.env.TABLE_NAME ?? 'zhgh-local',
  TOKEN_SECRET: process.env.TOKEN_SECRET ?? 'the-expiry-model-signs-no-tokens-00000000',
  PII_KEY: process.env.PII_KEY ?? Buffer.alloc(32).toString('base64'), DYNAMODB_ENDPOINT: 'http://127.0.0.1:1',
});
const { ledgerPostingItems } = await import('../functions/src/repositories/points');
const { messageItems } = await import('../functions/src/repositories/messages');
const { EXPIRY_SHARDS } = await import('../functions/src/entities/lot');
const { writeFigures } = await import('../scripts/lib/doc-figures');

// Assumptions (docs/scale.md: 834万 members; the morning sign-in peak of 160/s at 14 WCU each).
const MEMBERS = 8_340_000;
/** Upper bound: every member holds points earned last year. */
const LOTS_DUE = MEMBERS;
const PREVIOUS_PEAK_WCU_S = 160 * 14;
/** On-demand tables serve up to twice their previous peak at once; beyond it they throttle while they grow. */
const ON_DEMAND_WCU_S = 2 * PREVIOUS_PEAK_WCU_S;
/** Warm throughput set before year-end (a table setting, billed once): the default per-table maximum. */
const WARM_WCU_S = 40_000;
/** The schedules' shape (serverless.yml, handlers/jobs.ts): parallel runs, lots in flight per run. */
const RUNS = 4;
const IN_FLIGHT = 64;
/** One lot: GetItem + Query + TransactWriteItems in the same region, ≈ 5 + 5 + 20 ms. */
const LOT_LATENCY_S = 0.03;
const PAGE = 100;
const INDEX_ITEM_BYTES = 120;
// Prices: us-east-1 on-demand list prices in USD (as the rest of docs/scale.md).
const WRU = 0.625 / 1e6;
const RRU = 0.125 / 1e6;
const LAMBDA_GB_S = 0.0000166667;
const LAMBDA_GB = 1;
const STORAGE_GB_MONTH = 0.25;
const LEDGER_ENTRY_BYTES = 300;

// Items the code builds for one expiry and one notice.
const state = { id: 'u', balance: 30, ledgerSeq: 7, signInStreak: 0 };
const expiry = ledgerPostingItems(state, { delta: -30, reason: '积分过期', refType: 'expiry', refId: '2027-12-31', at: new Date('2028-01-01T00:10:00+08:00'), expires: '2027-12-31' });
const expiryItems = expiry.steps.length;
const noticeItems = 1 + messageItems('u', { kind: 'reminder', title: 't', body: 'b' }, new Date()).steps.length;
// Transactional writes bill 2 units per item; the lot's index entry (GSI1, projection ALL) is one more write.
const wcuPerExpiry = 2 * expiryItems + 1;
const wcuPerNotice = 2 * noticeItems + 1;
// Strongly consistent GetItem of the lot and Query of the profile (each ≤ 4 KB), plus a share of the index page (eventual: half).
const rcuPerLot = 2 + Math.ceil((PAGE * INDEX_ITEM_BYTES) / 4096) / 2 / PAGE;

const ceilingLotsS = (RUNS * IN_FLIGHT) / LOT_LATENCY_S;
const run = (wcuPerLot: number, tableWcuS: number) => {
  const lotsS = Math.min(ceilingLotsS, tableWcuS / wcuPerLot);
  const seconds = LOTS_DUE / lotsS;
  const cost = LOTS_DUE * (wcuPerLot * WRU + rcuPerLot * RRU) + RUNS * seconds * LAMBDA_GB * LAMBDA_GB_S;
  return { lotsS, seconds, cost };
};
const hours = (s: number) => (s >= 3600 ? `${(s / 3600).toFixed(1)} h` : `${Math.round(s / 60)} min`);
const usd = (n: number) => `$${n.toFixed(2)}`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const cold = run(wcuPerExpiry, ON_DEMAND_WCU_S);
const warm = run(wcuPerExpiry, WARM_WCU_S);
const notice = run(wcuPerNotice, ON_DEMAND_WCU_S);
const storage = (LOTS_DUE * LEDGER_ENTRY_BYTES) / 1e9;

const figures = `
Computed by \`npm run bench:expiry\` (bench/expiry-scale.ts) from the transactions the code builds: one
expiry is ${expiryItems} items (balance, 积分过期 entry, lot) → ${wcuPerExpiry} WCU with the lot leaving GSI1; one 30-day notice is
${noticeItems} items (lot, inbox message, unread count) → ${wcuPerNotice} WCU; each lot also reads ≈ ${rcuPerLot.toFixed(2)} RCU. Assumed: ${fmt(LOTS_DUE)} lots due
on 01-01 (every member holds last year's points: an upper bound), ${RUNS} parallel runs × ${IN_FLIGHT} lots in flight at
≈ ${LOT_LATENCY_S * 1000} ms a lot (a ceiling of ${fmt(ceilingLotsS)} lots/s), ${EXPIRY_SHARDS} shards a day.

| year-end run | table writes it can take | lots/s | time | cost |
|---|---|---:|---:|---:|
| on-demand as the year left it (2 × the sign-in peak of ${fmt(PREVIOUS_PEAK_WCU_S)} WCU/s) | ${fmt(ON_DEMAND_WCU_S)} WCU/s | ${fmt(cold.lotsS)} | ${hours(cold.seconds)} | ${usd(cold.cost)} |
| warm throughput set to ${fmt(WARM_WCU_S)} WCU/s the week before | ${fmt(WARM_WCU_S)} WCU/s | ${fmt(warm.lotsS)} | ${hours(warm.seconds)} | ${usd(warm.cost)} |
| the 30-day notices on 12-01 (on-demand) | ${fmt(ON_DEMAND_WCU_S)} WCU/s | ${fmt(notice.lotsS)} | ${hours(notice.seconds)} | ${usd(notice.cost)} |

Run as the year left it, the table throttles whatever goes past its capacity: those lots stay in the
index and the next 15-minute run takes them — slower, never wrong. The 积分过期 entries add
${storage.toFixed(1)} GB (${usd(storage * STORAGE_GB_MONTH)}/month). Cost is DynamoDB writes and reads plus Lambda at ${LAMBDA_GB} GB; the daily runs of
the rest of the year read ${EXPIRY_SHARDS * 5} empty index partitions each (4 days × ${EXPIRY_SHARDS} shards + the notice day): about
${fmt(96 * EXPIRY_SHARDS * 5 * 0.5)} RRU a day, a few cents a month.
`;
writeFigures('expiry', figures, 'docs/scale.md');
console.log(figures);
