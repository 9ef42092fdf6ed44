/**
 * `npm run jobs -- expire|remind --today YYYY-MM-DD [--stage local] [--batch 100] [--concurrency 16]`:
 * the scheduled jobs' own code (functions/src/usecases/expiry.ts, reminders.ts), run once from a
 * workstation against a stage's table with the clock set to `--today` (noon, China time). Runs until
 * every partition is walked; prints what it did as JSON.
 */
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';

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
if (!['expire', 'remind'].includes(job ?? '') || !/^\d{4}-\d{2}-\d{2}$/.test(values.today ?? '')) {
  console.error('usage: npm run jobs -- expire|remind --today YYYY-MM-DD [--stage local] [--batch 100] [--concurrency 16]');
  process.exit(2);
}
const stage = values.stage!;
const { LITERALS } = createRequire(import.meta.url)('./stage-guard.cjs') as { LITERALS: Record<string, { piiKey: string }> };
const local: Record<string, string> = {
  local: `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`,
  test: `http://127.0.0.1:${Number(process.env.TEST_PORT_BASE ?? 3300) + 5000}`,
};
Object.assign(process.env, {
  STAGE: stage,
  TABLE_NAME: values.table ?? `zhgh-${stage}`,
  DYNAMODB_ENDPOINT: values.endpoint ?? local[stage] ?? process.env.DYNAMODB_ENDPOINT ?? '',
  PII_KEY: (stage in local ? LITERALS[stage]?.piiKey : undefined) ?? process.env.PII_KEY ?? '',
  // The local stack's template names (serverless.yml params): the recording adapter keeps what would go out.
  ...(stage in local ? { WECHAT_TEMPLATE_POINTS_EXPIRY: 'local-points-expiry', WECHAT_TEMPLATE_SIGNIN_REMINDER: 'local-signin-reminder' } : {}),
  // Not used by a job; the configuration insists on one.
  TOKEN_SECRET: process.env.TOKEN_SECRET ?? 'the-jobs-command-signs-no-tokens-000000',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

const { jobDeps } = await import('../functions/src/wiring/jobs');
const { runExpiry } = await import('../functions/src/usecases/expiry');
const { runReminders } = await import('../functions/src/usecases/reminders');
const deps = jobDeps();
const options = {
  today: values.today!, now: new Date(`${values.today}T12:00:00+08:00`), batch: Number(values.batch), concurrency: Number(values.concurrency),
  lookbackDays: 3, deadline: Number.POSITIVE_INFINITY,
};
const started = Date.now();
const report = job === 'remind' ? await runReminders(deps.reminders, options) : await runExpiry(deps.expiry, options);
console.log(JSON.stringify({ job, today: values.today, stage, seconds: (Date.now() - started) / 1000, ...report }));
