import type { MakeUpAllowance, SignInCalendar, SignInResult } from '@union/shared/points';
import { addDays, chinaDay, chinaMonth } from '@union/shared/china-day';
import type { MakeUpRule, SignInRule } from '../config';
import { AppError } from '../lib/errors';
import { AGAIN, retrying } from '../lib/retry';
import type { PointsState } from '../entities/ledger';
import type { Ledger, Page } from './ports';
import type { LedgerEntry } from '@union/shared/points';
import { visibleStreak } from './me';

/** Points for day `streak` of a streak: base on day one, +step each consecutive day, capped. */
export function signInReward(streak: number, rule: SignInRule): number {
  return Math.min(rule.basePoints + (streak - 1) * rule.streakStep, rule.maxPoints);
}

/** The streak today's sign-in makes: yesterday's plus one, or a fresh start after a missed day. */
export function nextStreak(state: Pick<PointsState, 'lastSignInDay' | 'signInStreak'>, today: string): number {
  return state.lastSignInDay === addDays(today, -1) ? state.signInStreak + 1 : 1;
}

/**
 * Signs a user in for today's China day:
 * 1. read the balance and streak (only to compute the reward and balanceAfter);
 * 2. write sign-in + reward + ledger entry in one transaction guarded by the sign-in item's
 *    non-existence and the balance's ledgerSeq — the database, not this read, enforces once per day;
 * 3. if the balance moved meanwhile (another posting), read again and retry, within the one retry budget.
 */
export async function signInToday(
  deps: { points: Pick<Ledger, 'state' | 'recordSignIn'>; rule: SignInRule },
  userId: string,
  now: Date,
): Promise<SignInResult> {
  const today = chinaDay(now);
  return retrying(async () => {
    const state = await deps.points.state(userId);
    if (!state) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
    if (state.lastSignInDay === today) throw new AppError('ALREADY_SIGNED_IN');
    const streak = nextStreak(state, today);
    const points = signInReward(streak, deps.rule);
    const result = await deps.points.recordSignIn(state, { day: today, points, streak, at: now });
    if (result.outcome === 'ok') return { date: today, points, streak, balance: result.entry.balanceAfter };
    return AGAIN;
  });
}

/** The sign-in calendar of a month (default: this China month) and the current streak. */
export async function signInCalendar(
  points: Pick<Ledger, 'signInDays' | 'state'>,
  userId: string,
  month: string | undefined,
  now: Date,
): Promise<SignInCalendar> {
  const m = month ?? chinaMonth(now);
  const [days, state] = await Promise.all([points.signInDays(userId, m), points.state(userId)]);
  return { month: m, days, streak: state ? visibleStreak(state.lastSignInDay, state.signInStreak, now) : 0 };
}

/** 补签 this China month: the rule and how many are used. */
export async function makeUpAllowance(points: Pick<Ledger, 'makeUpsUsed'>, rule: MakeUpRule, userId: string, now: Date): Promise<MakeUpAllowance> {
  const month = chinaMonth(now);
  return { month, cost: rule.cost, perMonth: rule.perMonth, used: await points.makeUpsUsed(userId, month) };
}

/** My points ledger, newest first. */
export function myLedger(points: Pick<Ledger, 'ledger'>, userId: string, page: { limit: number; cursor?: string }): Promise<Page<LedgerEntry>> {
  return points.ledger(userId, page.limit, page.cursor);
}

/** How many consecutive signed days end at `day` (0 when `day` is not signed), within `signed`. */
function runEndingAt(signed: Set<string>, day: string): number {
  let n = 0;
  while (signed.has(addDays(day, -n))) n++;
  return n;
}

/**
 * 补签 (product.md): a missed day of this China month, before today, at `rule.cost` points, at most
 * `rule.perMonth` a month. The day earns the reward of its place in its run of days, and the streak counts
 * it: made up next to the current run, the run grows by the day and by the run before it (looked up in
 * this month and the one before). The database enforces "not signed that day", the monthly cap and the
 * balance (repositories/points.ts); this read only computes the amounts.
 */
export async function makeUpDay(
  deps: { points: Pick<Ledger, 'state' | 'makeUp' | 'signInDays'>; rule: SignInRule; makeUp: MakeUpRule },
  userId: string,
  day: string,
  now: Date,
): Promise<SignInResult> {
  const today = chinaDay(now);
  const month = chinaMonth(now);
  if (day >= today || !day.startsWith(month)) throw new AppError('INVALID_STATE', '只能补签本月今天以前漏签的日子');
  if (deps.makeUp.perMonth === 0) throw new AppError('INVALID_STATE', '暂未开放补签');
  const before = chinaMonth(new Date(Date.parse(`${month}-01T00:00:00+08:00`) - 1));
  return retrying(async () => {
    const state = await deps.points.state(userId, { lots: true });
    if (!state) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
    const [thisMonth, lastMonth] = await Promise.all([deps.points.signInDays(userId, month), deps.points.signInDays(userId, before)]);
    const signed = new Set([...thisMonth, ...lastMonth]);
    if (signed.has(day)) throw new AppError('INVALID_STATE', '这一天已经签到过了，无需补签');
    if (state.balance < deps.makeUp.cost) throw new AppError('INSUFFICIENT_POINTS', `补签需要 ${deps.makeUp.cost} 积分，当前 ${state.balance} 分`);
    const last = state.lastSignInDay ?? '';
    // Right after the current run the stored streak is exact; otherwise count the run in the calendar.
    const runBefore = last === addDays(day, -1) ? state.signInStreak : runEndingAt(signed, addDays(day, -1));
    const points = signInReward(runBefore + 1, deps.rule);
    // The current run (stored, exact) starts at last − (streak − 1); the day joins it when it is just before.
    const runStart = last ? addDays(last, -(state.signInStreak - 1)) : '';
    const joins = last > day && runStart === addDays(day, 1);
    const after = last > day
      ? { streak: joins ? runBefore + 1 + state.signInStreak : state.signInStreak, lastSignInDay: last }
      : { streak: runBefore + 1, lastSignInDay: day };
    const result = await deps.points.makeUp(state, { day, cost: deps.makeUp.cost, reward: points, perMonth: deps.makeUp.perMonth, ...after, at: now });
    if (result.outcome === 'ok') return { date: day, points, streak: visibleStreak(after.lastSignInDay, after.streak, now), balance: result.entry.balanceAfter };
    return AGAIN;
  });
}

/** My balance and what of it expires when. */
export async function pointsSummary(points: Pick<Ledger, 'summary'>, userId: string) {
  const summary = await points.summary(userId);
  if (!summary) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
  return summary;
}
