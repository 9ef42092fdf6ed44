import { describe, expect, it } from 'vitest';
import { nextStreak, signInReward, signInToday } from '../../functions/src/usecases/sign-in';
import type { PointsState, SignInRecord } from '../../functions/src/entities/ledger';
import { AppError } from '../../functions/src/lib/errors';

const rule = { basePoints: 5, streakStep: 1, maxPoints: 10 };

/** An in-memory stand-in with the repository's contract: once per day, stale when ledgerSeq moved. */
class FakePoints {
  days = new Set<string>();
  constructor(public state_: PointsState) {}
  async state() {
    return { ...this.state_ };
  }
  async recordSignIn(read: PointsState, s: SignInRecord) {
    if (this.days.has(s.day)) throw new AppError('ALREADY_SIGNED_IN');
    if (read.ledgerSeq !== this.state_.ledgerSeq) return { outcome: 'stale' as const };
    this.days.add(s.day);
    this.state_ = { ...this.state_, balance: this.state_.balance + s.points, ledgerSeq: this.state_.ledgerSeq + 1, signInStreak: s.streak, lastSignInDay: s.day };
    return { outcome: 'ok' as const, entry: { id: `u1-${this.state_.ledgerSeq}`, delta: s.points, balanceAfter: this.state_.balance, reason: '每日签到', refType: 'sign_in' as const, refId: s.day, createdAt: s.at.toISOString() } };
  }
}

const fresh = (): PointsState => ({ id: 'u1', balance: 0, ledgerSeq: 0, signInStreak: 0 });
const signIn = (repo: FakePoints, at: string) => signInToday({ points: repo, rule }, 'u1', new Date(at));

describe('sign-in reward rule', () => {
  it('pays 5 on day one, one more each consecutive day, capped at 10', () => {
    expect([1, 2, 3, 6, 7, 30].map((d) => signInReward(d, rule))).toEqual([5, 6, 7, 10, 10, 10]);
  });

  it('takes its amounts from configuration', () => {
    expect(signInReward(3, { basePoints: 2, streakStep: 3, maxPoints: 100 })).toBe(8);
  });

  it('continues a streak from yesterday and resets it after a missed day', () => {
    expect(nextStreak({ lastSignInDay: '2026-11-23', signInStreak: 4 }, '2026-11-24')).toBe(5);
    expect(nextStreak({ lastSignInDay: '2026-11-22', signInStreak: 4 }, '2026-11-24')).toBe(1);
    expect(nextStreak({ lastSignInDay: undefined, signInStreak: 0 }, '2026-11-24')).toBe(1);
  });
});

describe('signInToday (fixed clock)', () => {
  it('counts 23:30 UTC as the next China day: two sign-ins 30 minutes apart both succeed', async () => {
    const repo = new FakePoints(fresh());
    const evening = await signIn(repo, '2026-11-23T15:30:00Z'); // 23:30 in Beijing, 11-23
    const nextMorning = await signIn(repo, '2026-11-23T16:00:00Z'); // 00:00 in Beijing, 11-24
    expect(evening).toMatchObject({ date: '2026-11-23', streak: 1, points: 5 });
    expect(nextMorning).toMatchObject({ date: '2026-11-24', streak: 2, points: 6, balance: 11 });
  });

  it('refuses a second sign-in on the same China day even across UTC midnight', async () => {
    const repo = new FakePoints(fresh());
    await signIn(repo, '2026-11-23T23:30:00Z'); // 07:30 on 11-24 in Beijing
    await expect(signIn(repo, '2026-11-24T01:00:00Z')).rejects.toMatchObject({ code: 'ALREADY_SIGNED_IN', statusCode: 409 });
  });

  it('resets the streak after a missed day', async () => {
    const repo = new FakePoints(fresh());
    await signIn(repo, '2026-11-20T02:00:00Z');
    await signIn(repo, '2026-11-21T02:00:00Z');
    const afterGap = await signIn(repo, '2026-11-23T02:00:00Z');
    expect(afterGap).toMatchObject({ streak: 1, points: 5, balance: 5 + 6 + 5 });
  });

  it('re-reads and retries when another posting moved the balance meanwhile', async () => {
    const repo = new FakePoints(fresh());
    const realState = repo.state.bind(repo);
    let reads = 0;
    repo.state = async () => {
      const s = await realState();
      if (reads++ === 0) repo.state_ = { ...repo.state_, balance: 100, ledgerSeq: 1 }; // a redemption lands between read and write
      return s;
    };
    const result = await signIn(repo, '2026-11-24T02:00:00Z');
    expect(result.balance).toBe(105);
    expect(reads).toBe(2);
  });
});
