/**
 * The scheduled jobs (EventBridge schedules in serverless.yml): `{ job: 'expire' | 'remind' | 'erase', shards? }`.
 * Each run works until a minute before its timeout and stops; the next scheduled run carries on (expired
 * lots and sent reminders leave the index, the notice walk keeps a checkpoint), and two runs at once
 * never expire, notice or remind anything twice (usecases/expiry.ts). `erase` finishes 注销 erases that
 * a dying request left behind (usecases/account.ts sweepErasures).
 */
import type { Context } from 'aws-lambda';
import { chinaDay } from '@union/shared/china-day';
import { jobDeps } from '../wiring/jobs';
import { runExpiry, type JobOptions } from '../usecases/expiry';
import { runReminders } from '../usecases/reminders';
import { ERASE_GRACE_MS, sweepErasures } from '../usecases/account';

const deps = jobDeps();

export interface JobEvent {
  job: 'expire' | 'remind' | 'erase';
  /** `[first, last]` shard of this run (the schedules split the shards between parallel runs). */
  shards?: [number, number];
}

export async function handler(event: JobEvent, context: Pick<Context, 'getRemainingTimeInMillis'>) {
  const now = new Date();
  const options: JobOptions = {
    today: chinaDay(now), now, batch: 100, concurrency: 64, lookbackDays: 3,
    deadline: Date.now() + context.getRemainingTimeInMillis() - 60_000,
    shards: event.shards ? Array.from({ length: event.shards[1] - event.shards[0] + 1 }, (_, i) => event.shards![0] + i) : undefined,
  };
  const report = event.job === 'erase'
    ? await sweepErasures(deps.erasures, { now, graceMs: ERASE_GRACE_MS, batch: 25, deadline: options.deadline })
    : event.job === 'remind' ? await runReminders(deps.reminders, options) : await runExpiry(deps.expiry, options);
  // The run's one log line (CloudWatch keeps stdout): what it did, without personal data.
  process.stdout.write(`${JSON.stringify({ level: 'info', what: `job ${event.job}`, today: options.today, shards: event.shards, ...report })}\n`);
  return report;
}
