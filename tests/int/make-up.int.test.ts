/** 补签 on a fixed clock against DynamoDB Local: the streak, the monthly cap under a burst, the balance. */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { PointsRepository, ledgerPostingItems } from '../../functions/src/repositories/points';
import { UsersRepository, newProfile } from '../../functions/src/repositories/users';
import { transact } from '../../functions/src/lib/transact';
import { AppError } from '../../functions/src/lib/errors';
import { signInRule } from '../../functions/src/config';
import { makeUpDay, signInToday } from '../../functions/src/usecases/sign-in';

const points = new PointsRepository();
const users = new UsersRepository();
const deps = { points, rule: signInRule(), makeUp: { cost: 20, perMonth: 2 } };
const at = (day: string) => new Date(`${day}T09:00:00+08:00`);

async function member(balance: number, when: Date) {
  const id = randomUUID();
  await users.createForOpenid(newProfile(id, `mk-${id}`, undefined, new Date()));
  if (balance) await transact(ledgerPostingItems({ id, balance: 0, ledgerSeq: 0, signInStreak: 0 }, { delta: balance, reason: 'test', refType: 'adjustment', refId: 'mk', at: when }).steps);
  return id;
}

async function sums(userId: string) {
  const state = (await points.state(userId))!;
  const ledger = (await points.ledger(userId, 100)).items.reduce((s, e) => s + e.delta, 0);
  const lots = (await points.lots(userId)).reduce((s, l) => s + l.remaining, 0);
  return [state.balance, ledger, lots];
}

describe('补签', () => {
  it('a made-up gap joins the runs on either side: the streak counts it', async () => {
    const id = await member(100, at('2031-03-01'));
    for (const day of ['2031-03-10', '2031-03-11', '2031-03-13', '2031-03-14']) await signInToday(deps, id, at(day));
    expect((await points.state(id))!.signInStreak).toBe(2);
    const made = await makeUpDay(deps, id, '2031-03-12', at('2031-03-14'));
    // Day 12 is day 3 of its run (10, 11, 12): reward 7; the run is now 10…14.
    expect(made).toMatchObject({ date: '2031-03-12', points: 7, streak: 5 });
    expect((await signInToday(deps, id, at('2031-03-15'))).streak).toBe(6);
    expect(await sums(id)).toEqual([made.balance + 10, made.balance + 10, made.balance + 10]);
  });

  it('making up yesterday after a gap continues into today', async () => {
    const id = await member(50, at('2031-05-01'));
    await signInToday(deps, id, at('2031-05-05'));
    const made = await makeUpDay(deps, id, '2031-05-07', at('2031-05-08'));
    expect(made).toMatchObject({ points: 5, streak: 1 });
    expect((await signInToday(deps, id, at('2031-05-08'))).streak).toBe(2);
  });

  it('a burst of 20 make-ups of different days → at most the monthly cap, each paid once; balance = Σ ledger = Σ lots', async () => {
    const id = await member(1000, at('2031-07-01'));
    const days = Array.from({ length: 20 }, (_, i) => `2031-07-${String(i + 2).padStart(2, '0')}`);
    const outcomes = await Promise.allSettled(days.map((day) => makeUpDay(deps, id, day, at('2031-07-25'))));
    const made = outcomes.filter((o) => o.status === 'fulfilled');
    expect(made.length).toBeGreaterThanOrEqual(1);
    expect(made.length).toBeLessThanOrEqual(2);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(AppError);
    const ledger = (await points.ledger(id, 100)).items;
    expect(ledger.filter((e) => e.reason.includes('扣除积分'))).toHaveLength(made.length);
    // Each make-up costs 20 and pays its day's reward — 5, or 6 when the two made-up days are adjacent.
    const rewards = made.map((o) => (o as PromiseFulfilledResult<{ points: number }>).value.points);
    expect(rewards.every((r) => r >= 5)).toBe(true);
    expect(await sums(id)).toEqual(Array(3).fill(1000 - made.length * 20 + rewards.reduce((a, b) => a + b, 0)));
    // The cap holds after the burst too.
    const days2 = days.filter((d) => !ledger.some((e) => e.refId === d));
    if (made.length === 2) await expect(makeUpDay(deps, id, days2[0], at('2031-07-25'))).rejects.toMatchObject({ code: 'INVALID_STATE', message: '本月补签次数已用完（每月 2 次）' });
  });

  it('the same day 20 times at once → made up once', async () => {
    const id = await member(1000, at('2031-09-01'));
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => makeUpDay(deps, id, '2031-09-03', at('2031-09-20'))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await sums(id)).toEqual([985, 985, 985]);
  });

  it('not enough points → INSUFFICIENT_POINTS, nothing written', async () => {
    const id = await member(19, at('2031-11-01'));
    await expect(makeUpDay(deps, id, '2031-11-02', at('2031-11-05'))).rejects.toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    expect(await sums(id)).toEqual([19, 19, 19]);
  });
});
