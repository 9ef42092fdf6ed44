/**
 * `npm run bench:overhead`: what the handler costs on top of its DynamoDB calls, against a PAIRED BARE
 * BASELINE. Every DynamoDB command a handler call sends is recorded (the shared client's middleware and
 * the transaction sender seam); right after the call the same commands are replayed with the same
 * clients, in the same order and with the same parallelism, on the state the call left. Conditions are
 * kept (DynamoDB evaluates them) but made to pass (`(<condition>) OR attribute_not_exists(#never)`), so
 * the replay writes the same items instead of failing early. Pair ratio = handler ms ÷ bare ms − 1.
 * RUNS runs of PAIRS pairs per route (sign-in, redemption, signup), each member used once per route:
 * the median pair ratio of each run, then the median over runs and the spread (min–max of the runs).
 * Goal ≤ 15 %. Writes bench/results/overhead.json and the `figures:overhead` block of docs/design.md.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import * as ddb from '@aws-sdk/client-dynamodb';
import { benchDatabase, ctx, event } from './harness';
import { writeFigures } from '../scripts/lib/doc-figures';

const RUNS = Math.min(Number(process.env.RUNS ?? 5), 20);
const PAIRS = Math.min(Number(process.env.PAIRS ?? 100), 400);
const WARM = 10;
const db = await benchDatabase(Number(process.env.TEST_PORT_BASE ?? 3300) + 5120);
const { dynamo, clientOptions } = await import('../functions/src/lib/dynamo');
const { setTransactionSender } = await import('../functions/src/lib/transact');
const { issueToken } = await import('../functions/src/lib/tokens');
const { seedPopulation } = await import('./population');
const { handler: points } = await import('../functions/src/handlers/points');
const { handler: mall } = await import('../functions/src/handlers/mall');
const { handler: activities } = await import('../functions/src/handlers/activities');

const population = await seedPopulation({
  members: WARM + RUNS * PAIRS, unions: 50, points: 1_000_000, prefix: 'ovh',
  goods: [{ stock: 10_000_000, perMemberLimit: 5 }], activities: 1,
});

interface Sent { name: string; input: any; start: number; end: number; client: ddb.DynamoDBClient }
let recording: Sent[] | undefined;
dynamo().middlewareStack.add(
  (next, context) => async (args) => {
    const start = performance.now();
    try {
      return await next(args);
    } finally {
      recording?.push({ name: context.commandName!, input: args.input, start, end: performance.now(), client: dynamo() });
    }
  },
  { step: 'initialize', priority: 'high', name: 'benchRecorder' },
);
// Transactions go through their own client (SDK retries off), as in lib/transact.ts.
const txClient = new ddb.DynamoDBClient({ ...clientOptions(), maxAttempts: 1 });
setTransactionSender(async (items) => {
  const start = performance.now();
  const input = { TransactItems: items };
  try {
    await txClient.send(new ddb.TransactWriteItemsCommand(input));
  } finally {
    recording?.push({ name: 'TransactWriteItemsCommand', input, start, end: performance.now(), client: txClient });
  }
});

/** The same condition, evaluated, but passing: the replay writes what the call wrote. */
function passing<T extends { ConditionExpression?: string; ExpressionAttributeNames?: Record<string, string> }>(op: T): T {
  if (!op.ConditionExpression) return op;
  return { ...op, ConditionExpression: `(${op.ConditionExpression}) OR attribute_not_exists(#benchNever)`, ExpressionAttributeNames: { ...op.ExpressionAttributeNames, '#benchNever': 'benchNeverSet' } };
}
function replayInput(s: Sent) {
  if (s.name === 'TransactWriteItemsCommand') {
    return { TransactItems: (s.input.TransactItems as ddb.TransactWriteItem[]).map((i) => Object.fromEntries(Object.entries(i).map(([k, op]) => [k, passing(op)]))) };
  }
  return ['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'].includes(s.name) ? passing(s.input) : s.input;
}

/** Replays the recorded commands: those that overlapped in the call are sent together again. */
async function replay(sent: Sent[]): Promise<number> {
  const groups: Sent[][] = [];
  let groupEnd = -Infinity;
  for (const s of sent.slice().sort((a, b) => a.start - b.start)) {
    if (s.start < groupEnd && groups.length) groups[groups.length - 1].push(s);
    else groups.push([s]);
    groupEnd = Math.max(s.start < groupEnd ? groupEnd : 0, s.end);
  }
  const inputs = groups.map((g) => g.map((s) => ({ client: s.client, command: new (ddb as any)[s.name](replayInput(s)) })));
  const t0 = performance.now();
  for (const g of inputs) await Promise.all(g.map((c) => c.client.send(c.command)));
  return performance.now() - t0;
}

type Call = (member: number) => Promise<{ statusCode?: number; body?: string }>;
const tokens = await Promise.all(population.userIds.map(async (id) => (await issueToken(id, new Date())).token));
const calls: Record<string, { status: number; call: Call }> = {
  'POST /v1/sign-ins': { status: 201, call: (m) => points(event('POST /v1/sign-ins', tokens[m]), ctx) as any },
  'POST /v1/redemptions': {
    status: 201,
    call: (m) => mall(event('POST /v1/redemptions', tokens[m], { body: { goodsId: population.goodsIds[0], quantity: 1 }, headers: { 'idempotency-key': randomUUID() } }), ctx) as any,
  },
  'POST /v1/activities/{id}/signups': {
    status: 201,
    call: (m) => activities(event('POST /v1/activities/{id}/signups', tokens[m], { params: { id: population.activityIds[0] }, body: {}, headers: { 'idempotency-key': randomUUID() } }), ctx) as any,
  },
};

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const results: Record<string, { runMedians: number[]; medianPercent: number; minPercent: number; maxPercent: number; handlerMsMedian: number; bareMsMedian: number; commandsPerCall: number }> = {};
for (const [route, { status, call }] of Object.entries(calls)) {
  for (let w = 0; w < WARM; w++) {
    const res = await call(w);
    if (res.statusCode !== status) throw new Error(`${route} warm-up: ${res.statusCode} ${res.body}`);
  }
  const runMedians: number[] = [];
  const handlerMs: number[] = [];
  const bareMs: number[] = [];
  let commands = 0;
  for (let r = 0; r < RUNS; r++) {
    const ratios: number[] = [];
    for (let p = 0; p < PAIRS; p++) {
      recording = [];
      const t0 = performance.now();
      const res = await call(WARM + r * PAIRS + p);
      const ms = performance.now() - t0;
      const sent = recording;
      recording = undefined;
      if (res.statusCode !== status) throw new Error(`${route}: ${res.statusCode} ${res.body}`);
      const bare = await replay(sent);
      ratios.push(ms / bare - 1);
      handlerMs.push(ms);
      bareMs.push(bare);
      commands += sent.length;
    }
    runMedians.push(median(ratios));
  }
  const pc = (x: number) => Math.round(x * 1000) / 10;
  results[route] = {
    runMedians: runMedians.map(pc), medianPercent: pc(median(runMedians)), minPercent: pc(Math.min(...runMedians)), maxPercent: pc(Math.max(...runMedians)),
    handlerMsMedian: Math.round(median(handlerMs) * 10) / 10, bareMsMedian: Math.round(median(bareMs) * 10) / 10, commandsPerCall: Math.round((commands / (RUNS * PAIRS)) * 10) / 10,
  };
  console.log(route, JSON.stringify(results[route]));
}
setTransactionSender();

const at = new Date().toISOString();
writeFileSync(join(import.meta.dirname, 'results', 'overhead.json'), JSON.stringify({ at, cores: availableParallelism(), runs: RUNS, pairs: PAIRS, results }, null, 2));
writeFigures('overhead', [
  `Measured by \`npm run bench:overhead\` on ${at.slice(0, 10)} (${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)}, DynamoDB Local, handlers in process): ${RUNS} runs × ${PAIRS} pairs per route, goal ≤ 15 %.`,
  '',
  '| route | handler overhead, median of run medians | spread over runs | handler ms (median) | bare ms (median) | DynamoDB commands per call |',
  '|---|---:|---:|---:|---:|---:|',
  ...Object.entries(results).map(([route, r]) => `| ${route} | ${r.medianPercent} % | ${r.minPercent} – ${r.maxPercent} % | ${r.handlerMsMedian} | ${r.bareMsMedian} | ${r.commandsPerCall} |`),
].join('\n'));
await db.stop();
process.exit(0);
