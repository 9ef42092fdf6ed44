/**
 * The points lifecycle routes over HTTP: summary, 补签 and the reminder subscription, with bad input.
 * (The rules on a fixed clock — streak, cap under a burst, China-time boundaries — are in
 * tests/int/make-up.int.test.ts and tests/int/expiry.int.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { addDays, chinaDay } from '@union/shared/china-day';
import { MakeUpAllowance, PointsSummary, SignInResult, SubscriptionsResult } from '@union/shared/points';
import { call, login } from './client';
import { newMember } from './fixtures';

const today = () => chinaDay(new Date());
/** The end of next year in China time: where points earned now expire. */
const endOfNextYear = () => `${Number(today().slice(0, 4)) + 1}-12-31`;

describe('GET /v1/points/summary', () => {
  it('answers the balance and what of it expires when', async () => {
    const { token } = await newMember(50);
    const answer = await call('GET', '/v1/points/summary', { token });
    expect(answer.status).toBe(200);
    expect(PointsSummary.parse(answer.body)).toEqual({ balance: 50, expiring: [{ points: 50, on: endOfNextYear() }] });
  });

  it('an empty account has nothing expiring; no token → 401', async () => {
    const { token } = await login();
    expect((await call('GET', '/v1/points/summary', { token })).body).toEqual({ balance: 0, expiring: [] });
    expect((await call('GET', '/v1/points/summary')).status).toBe(401);
  });
});

describe('POST /v1/sign-ins/make-up', () => {
  it('refuses bad input, today, the future and another month with the contract error, writing nothing', async () => {
    const { token } = await newMember(100);
    for (const body of [{}, { day: 'yesterday' }, { day: '2026-02-30' }, { day: 20261101 }]) {
      const answer = await call('POST', '/v1/sign-ins/make-up', { token, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    }
    for (const day of [today(), addDays(today(), 1), addDays(today(), -40)]) {
      const answer = await call('POST', '/v1/sign-ins/make-up', { token, body: { day } });
      expect(answer.status, day).toBe(409);
      expect(answer.body.error).toMatchObject({ code: 'INVALID_STATE', message: '只能补签本月今天以前漏签的日子' });
    }
    expect((await call('GET', '/v1/points/summary', { token })).body.balance).toBe(100);
  });

  it('makes up a missed day of this month for 20 points; the same day again → 409; too few points → 409', async () => {
    const { token } = await newMember(25);
    const allowance = async () => MakeUpAllowance.parse((await call('GET', '/v1/sign-ins/make-up', { token })).body);
    expect(await allowance()).toEqual({ month: today().slice(0, 7), cost: 20, perMonth: 2, used: 0 });
    // On the 1st there is no earlier day of this month: the rule then refuses every day (tested above).
    const day = addDays(today(), -1).slice(0, 7) === today().slice(0, 7) ? addDays(today(), -1) : undefined;
    if (!day) {
      // The 1st: yesterday is last month's, and the rule refuses it.
      const refused = await call('POST', '/v1/sign-ins/make-up', { token, body: { day: addDays(today(), -1) } });
      expect(refused.body.error).toMatchObject({ code: 'INVALID_STATE', message: '只能补签本月今天以前漏签的日子' });
      return;
    }
    const made = await call('POST', '/v1/sign-ins/make-up', { token, body: { day } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(SignInResult.parse(made.body)).toMatchObject({ date: day, points: 5, streak: 1, balance: 25 - 20 + 5 });
    const again = await call('POST', '/v1/sign-ins/make-up', { token, body: { day } });
    expect(again.body.error).toMatchObject({ code: 'INVALID_STATE', message: '这一天已经签到过了，无需补签' });
    const calendar = (await call('GET', '/v1/sign-ins', { token })).body;
    expect(calendar.days).toContain(day);
    expect((await allowance()).used).toBe(1);

    const poor = await login();
    const refused = await call('POST', '/v1/sign-ins/make-up', { token: poor.token, body: { day } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('INSUFFICIENT_POINTS');
  });
});

describe('POST /v1/sign-ins/reminders', () => {
  it('records tomorrow\'s reminder; bad input → 400', async () => {
    const { token } = await login();
    const answer = await call('POST', '/v1/sign-ins/reminders', { token, body: { accepted: ['signInReminder', 'pointsExpiry'] } });
    expect(answer.status).toBe(201);
    expect(SubscriptionsResult.parse(answer.body)).toEqual({ remindOn: addDays(today(), 1) });
    // Asking twice is the same reminder.
    expect((await call('POST', '/v1/sign-ins/reminders', { token, body: { accepted: ['signInReminder'] } })).status).toBe(201);
    for (const body of [{}, { accepted: [] }, { accepted: ['spam'] }, { accepted: 'signInReminder' }]) {
      const bad = await call('POST', '/v1/sign-ins/reminders', { token, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});
