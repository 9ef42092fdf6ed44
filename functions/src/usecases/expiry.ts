/**
 * The points expiry job (scheduled daily; `npm run jobs -- expire --today YYYY-MM-DD` locally). For each
 * day whose lots are due (the day before `today`, and a few before it in case a run was missed) and each
 * shard of it, it walks the due index page by page and expires every lot that still holds points; then
 * it tells the members whose lots expire in `noticeDays` days. Bounded (pages of `batch`, `concurrency`
 * lots at once, stops at `deadline` — the next run carries on, because an expired lot leaves the index
 * and the notice walk keeps a checkpoint), idempotent and safe to run twice at once (every write is
 * conditioned on the lot's state: expired once, noticed once).
 */
import { addDays } from '@union/shared/china-day';
import { AppError } from '../lib/errors';
import { AGAIN, retrying } from '../lib/retry';
import { EXPIRY_SHARDS } from '../entities/lot';
import type { SubscribeMessages } from '../adapters/subscribe-messages';
import type { LotsRepository } from '../repositories/lots';
import type { Ledger } from './ports';

export interface JobOptions {
  /** The China day the job runs for: lots whose last day was before it are due. */
  today: string;
  now: Date;
  /** Lots per index page. */
  batch: number;
  /** Lots worked on at once. */
  concurrency: number;
  /** Days before yesterday also looked at, in case a run was missed. */
  lookbackDays: number;
  /** Epoch ms after which no new page is started. */
  deadline: number;
  shards?: number[];
}

export interface ExpiryDeps {
  points: Pick<Ledger, 'state'>;
  lots: Pick<LotsRepository, 'due' | 'lot' | 'expire' | 'closeEmpty' | 'notice' | 'useConsent' | 'checkpoint' | 'saveCheckpoint'>;
  subscribe: SubscribeMessages;
  /** Subscribe-message template of the expiry notice; empty when none is configured. */
  expiryTemplateId: string;
  noticeDays: number;
}

export interface ExpiryReport {
  expiredLots: number;
  expiredPoints: number;
  closedEmpty: number;
  noticed: number;
  subscribeSent: number;
  /** Lots left for the next run (contention after the retry budget, or an error). */
  left: number;
  /** False when the deadline stopped the run before every partition was walked. */
  done: boolean;
}

/** Runs `work` over `items`, at most `n` at once. */
export async function inParallel<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

const allShards = () => Array.from({ length: EXPIRY_SHARDS }, (_, i) => i);

/** Expires one lot if it is still due and holds points. */
async function expireLot(deps: ExpiryDeps, userId: string, expiresOn: string, now: Date): Promise<'expired' | 'closed' | 'skipped' | number> {
  return retrying(async () => {
    // The index is eventually consistent and another run may be at the same lot: read it for real.
    const lot = await deps.lots.lot(userId, expiresOn);
    if (!lot || lot.expiredAt) return 'skipped';
    if (lot.remaining === 0) return (await deps.lots.closeEmpty(userId, expiresOn, now)) ? 'closed' : AGAIN;
    const state = await deps.points.state(userId);
    if (!state) return 'skipped';
    return (await deps.lots.expire(state, { expiresOn, remaining: lot.remaining }, now)) === 'ok' ? lot.remaining : AGAIN;
  });
}

export async function runExpiry(deps: ExpiryDeps, o: JobOptions): Promise<ExpiryReport> {
  const report: ExpiryReport = { expiredLots: 0, expiredPoints: 0, closedEmpty: 0, noticed: 0, subscribeSent: 0, left: 0, done: true };
  const shards = o.shards ?? allShards();
  const dueDays = Array.from({ length: o.lookbackDays + 1 }, (_, i) => addDays(o.today, -1 - (o.lookbackDays - i)));
  const partitions = dueDays.flatMap((day) => shards.map((shard) => ({ day, shard })));

  // 1. Expire: each partition walked once per run; what this run expires leaves the index behind it.
  await inParallel(partitions, Math.max(1, Math.floor(o.concurrency / 4)), async ({ day, shard }) => {
    let cursor;
    do {
      if (Date.now() > o.deadline) {
        report.done = false;
        return;
      }
      const page = await deps.lots.due(day, shard, o.batch, cursor);
      await inParallel(page.items, 4, async (lot) => {
        try {
          const outcome = await expireLot(deps, lot.userId, lot.expiresOn, o.now);
          if (typeof outcome === 'number') {
            report.expiredLots++;
            report.expiredPoints += outcome;
          } else if (outcome === 'closed') report.closedEmpty++;
        } catch (error) {
          // Left in the index: the next run takes it. Logged without personal data.
          report.left++;
          if (!(error instanceof AppError)) console.error(JSON.stringify({ level: 'error', what: 'lot expiry failed', day, shard, error: String(error) }));
        }
      });
      cursor = page.cursor;
    } while (cursor);
  });

  // 2. Notices: lots that expire in `noticeDays` days (they stay in the index, so the walk keeps a checkpoint).
  const noticeDay = addDays(o.today, deps.noticeDays);
  await inParallel(shards, Math.max(1, Math.floor(o.concurrency / 4)), async (shard) => {
    const partition = `${noticeDay}#${shard}`;
    let cursor = await deps.lots.checkpoint('expiry-notice', partition);
    if (cursor === 'done') return;
    do {
      if (Date.now() > o.deadline) {
        report.done = false;
        return;
      }
      const page = await deps.lots.due(noticeDay, shard, o.batch, cursor);
      await inParallel(page.items, 4, async ({ userId, expiresOn }) => {
        try {
          const lot = await deps.lots.lot(userId, expiresOn);
          if (!lot || lot.remaining <= 0 || lot.noticedAt || lot.expiredAt) return;
          const told = await deps.lots.notice(userId, expiresOn, {
            kind: 'reminder', title: '积分即将过期', body: `您有 ${lot.remaining} 积分将于 ${expiresOn} 过期，请及时使用。`, link: '/pages/mine/index',
          }, o.now);
          if (!told) return;
          report.noticed++;
          if (!deps.expiryTemplateId) return;
          const consent = await deps.lots.useConsent(userId, 'pointsExpiry');
          if (!consent?.openid) return;
          const sent = await deps.subscribe.send({
            openid: consent.openid, templateId: deps.expiryTemplateId, page: 'pages/mine/index',
            data: { thing1: { value: '积分即将过期' }, number2: { value: String(lot.remaining) }, date3: { value: expiresOn } },
          });
          if (sent.sent) report.subscribeSent++;
        } catch (error) {
          report.left++;
          console.error(JSON.stringify({ level: 'error', what: 'expiry notice failed', shard, error: String(error) }));
        }
      });
      cursor = page.cursor;
      await deps.lots.saveCheckpoint('expiry-notice', partition, cursor, o.now);
    } while (cursor);
  });
  return report;
}
