/**
 * `npm run jobs -- expire|remind|erase --today YYYY-MM-DD [--stage local] [--batch 100] [--concurrency 16]`:
 * the scheduled jobs' own code (functions/src/usecases/expiry.ts, reminders.ts, account.ts sweepErasures), run once from a
 * workstation against a stage's table with the clock set to `--today` (noon, China time). Runs until
 * every partition is walked; prints what it did as JSON.
 */
import { parseArgs } from 'node:util';
import { stageEnv } from './lib/stage-env';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    today: { type: 'string' },
    stage: { type: 'string', default: 'local' },
    batch: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '16' },
    endpoint: { type: 'string' },
    table: { type: 'string' },
  },
});
const job = positionals[0];
if (!['expire', 'remind', 'erase'].includes(job ?? '') || !/^\d{4}-\d{2}-\d{2}$/.test(values.today ?? '')) {
  console.error('usage: npm run jobs -- expire|remind|erase --today YYYY-MM-DD [--stage local] [--batch 100] [--concurrency 16]');
  process.exit(2);
}
const stage = values.stage!;
Object.assign(process.env, {
  ...stageEnv(stage, { endpoint: values.endpoint, table: values.table }),
  // The local stack's template names (serverless.yml params): the recording adapter keeps what would go out.
  ...(['local', 'test'].includes(stage) ? { WECHAT_TEMPLATE_POINTS_EXPIRY: 'local-points-expiry', WECHAT_TEMPLATE_SIGNIN_REMINDER: 'local-signin-reminder' } : {}),
});

const { jobDeps } = await import('../functions/src/wiring/jobs');
const { runExpiry } = await import('../functions/src/usecases/expiry');
const { runReminders } = await import('../functions/src/usecases/reminders');
const { ERASE_GRACE_MS, sweepErasures } = await import('../functions/src/usecases/account');
const deps = jobDeps();
const options = {
  today: values.today!, now: new Date(`${values.today}T12:00:00+08:00`), batch: Number(values.batch), concurrency: Number(values.concurrency),
  lookbackDays: 3, deadline: Number.POSITIVE_INFINITY,
};
const started = Date.now();
const report = job === 'erase'
  ? await sweepErasures(deps.erasures, { now: options.now, graceMs: ERASE_GRACE_MS, batch: 25, deadline: options.deadline })
  : job === 'remind' ? await runReminders(deps.reminders, options) : await runExpiry(deps.expiry, options);
console.log(JSON.stringify({ job, today: values.today, stage, seconds: (Date.now() - started) / 1000, ...report }));
