/**
 * Tomorrow's sign-in reminder. After signing in a member may accept WeChat's one-time subscribe-message
 * consent (on H5, a plain switch); the reminder job then sends each due reminder once, in bounded pages,
 * through the subscribe-message adapter.
 */
import { addDays, chinaDay } from '@union/shared/china-day';
import type { SubscriptionsInput } from '@union/shared/points';
import type { SubscribeMessages } from '../adapters/subscribe-messages';
import { AppError } from '../lib/errors';
import type { LotsRepository } from '../repositories/lots';
import type { RemindersRepository } from '../repositories/reminders';
import { REMINDER_SHARDS } from '../entities/reminder';
import { inParallel, type JobOptions } from './expiry';
import type { Members } from './ports';

type SubscribeTemplate = SubscriptionsInput['accepted'][number];

export interface ReminderDeps {
  users: Pick<Members, 'profile'>;
  reminders: Pick<RemindersRepository, 'ask' | 'due' | 'claim' | 'signedIn'>;
  lots: Pick<LotsRepository, 'addConsent'>;
  subscribe: SubscribeMessages;
  /** Subscribe-message template of the reminder; empty when none is configured. */
  reminderTemplateId: string;
}

/** Records what the member accepted: tomorrow's reminder, and/or one expiry notice by subscribe message. */
export async function acceptSubscriptions(deps: Pick<ReminderDeps, 'users' | 'reminders' | 'lots'>, userId: string, accepted: SubscribeTemplate[], now: Date): Promise<{ remindOn: string | null }> {
  const profile = await deps.users.profile(userId);
  if (!profile) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
  const tomorrow = addDays(chinaDay(now), 1);
  if (accepted.includes('signInReminder')) await deps.reminders.ask(userId, profile.openid, tomorrow, now);
  if (accepted.includes('pointsExpiry')) await deps.lots.addConsent(userId, profile.openid, 'pointsExpiry');
  return { remindOn: accepted.includes('signInReminder') ? tomorrow : null };
}

/** Sends `today`'s reminders: each claimed (once) before it is sent. */
export async function runReminders(deps: ReminderDeps, o: JobOptions): Promise<{ sent: number; claimed: number; done: boolean }> {
  const report = { sent: 0, claimed: 0, done: true };
  const shards = o.shards ?? Array.from({ length: REMINDER_SHARDS }, (_, i) => i);
  await inParallel(shards, Math.max(1, Math.floor(o.concurrency / 4)), async (shard) => {
    let cursor;
    do {
      if (Date.now() > o.deadline) {
        report.done = false;
        return;
      }
      const page = await deps.reminders.due(o.today, shard, o.batch, cursor);
      await inParallel(page.items, 4, async (r) => {
        if (!(await deps.reminders.claim(r.userId, r.day, o.now))) return;
        report.claimed++;
        // Signed in before the reminder went out: nothing to remind of (the consent is spent either way).
        if (!deps.reminderTemplateId || !r.openid || (await deps.reminders.signedIn(r.userId, r.day))) return;
        const outcome = await deps.subscribe.send({
          openid: r.openid, templateId: deps.reminderTemplateId, page: 'pages/index/index',
          data: { thing1: { value: '今日签到提醒' }, thing2: { value: '今天还没有签到，连续签到积分更多' } },
        });
        if (outcome.sent) report.sent++;
        else console.error(JSON.stringify({ level: 'warn', what: 'sign-in reminder not sent', errcode: outcome.errcode }));
      });
      cursor = page.cursor;
    } while (cursor);
  });
  return report;
}
