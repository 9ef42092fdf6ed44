import type { SignInCalendar, SignInResult } from '@union/shared/points';
import { addDays, chinaDay, chinaMonth } from '@union/shared/china-day';
import type { SignInRule } from '../config';
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

/** My points ledger, newest first. */
export function myLedger(points: Pick<Ledger, 'ledger'>, userId: string, page: { limit: number; cursor?: string }): Promise<Page<LedgerEntry>> {
  return points.ledger(userId, page.limit, page.cursor);
}
