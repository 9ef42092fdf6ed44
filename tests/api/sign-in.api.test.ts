import { describe, expect, it } from 'vitest';
import { chinaDay, chinaMonth } from '@union/shared/china-day';
import { LedgerPage, SignInCalendar, SignInResult } from '@union/shared/points';
import { call, everyPage, login } from './client';

const ledgerOf = (token: string) => everyPage('/v1/points/ledger', token, 2, (b) => LedgerPage.parse(b));

describe('POST /v1/sign-ins', () => {
  it('signs in once per China day, pays the reward through the ledger, then answers 409', async () => {
    const { token, me } = await login();
    const first = await call('POST', '/v1/sign-ins', { token });
    expect(first.status).toBe(201);
    expect(SignInResult.parse(first.body)).toEqual({ date: chinaDay(new Date()), points: 5, streak: 1, balance: me.points.balance + 5 });

    const second = await call('POST', '/v1/sign-ins', { token });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'ALREADY_SIGNED_IN', message: '今天已经签到过了，明天再来吧' });

    const after = (await call('GET', '/v1/me', { token })).body;
    expect(after.points.balance).toBe(5);
    expect(after.signIn).toEqual({ streak: 1, signedToday: true });

    const ledger = await ledgerOf(token);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ delta: 5, balanceAfter: 5, refType: 'sign_in', refId: chinaDay(new Date()) });
  });

  it('50 simultaneous sign-ins of one user: exactly one 201, 49 × 409, balance = ledger sum', async () => {
    const { token } = await login();
    const answers = await Promise.all(Array.from({ length: 50 }, () => call('POST', '/v1/sign-ins', { token })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe('ALREADY_SIGNED_IN');

    const me = (await call('GET', '/v1/me', { token })).body;
    const ledger = await ledgerOf(token);
    expect(ledger).toHaveLength(1);
    expect(me.points.balance).toBe(ledger.reduce((sum, e) => sum + e.delta, 0));
    expect(me.points.balance).toBe(5);
  });

  it('a seeded member keeps earlier points: balanceAfter continues the ledger', async () => {
    const { token, me } = await login('member-3');
    const answer = await call('POST', '/v1/sign-ins', { token });
    expect([201, 409]).toContain(answer.status); // member-3 may have signed in already today on this table
    const ledger = await ledgerOf(token);
    expect(ledger[0].balanceAfter).toBe((await call('GET', '/v1/me', { token })).body.points.balance);
    expect(ledger.reduce((sum, e) => sum + e.delta, 0)).toBe(ledger[0].balanceAfter);
    expect(me.points.balance).toBeGreaterThanOrEqual(300);
  });

  it('401 without a token, and writes nothing', async () => {
    const answer = await call('POST', '/v1/sign-ins');
    expect(answer.status).toBe(401);
  });
});

describe('GET /v1/sign-ins and /v1/points/ledger', () => {
  it('shows today in this month\'s calendar', async () => {
    const { token } = await login();
    await call('POST', '/v1/sign-ins', { token });
    const answer = await call('GET', '/v1/sign-ins', { token });
    expect(SignInCalendar.parse(answer.body)).toEqual({ month: chinaMonth(new Date()), days: [chinaDay(new Date())], streak: 1 });
    const other = await call('GET', '/v1/sign-ins?month=2020-01', { token });
    expect(other.body).toEqual({ month: '2020-01', days: [], streak: 1 });
  });

  it.each(['2026-13', '2026-1', 'abc', '2026-11-01'])('refuses month=%s with 400', async (month) => {
    const { token } = await login();
    const answer = await call('GET', `/v1/sign-ins?month=${month}`, { token });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].path).toBe('month');
  });

  it('refuses a bad limit or forged cursor with 400', async () => {
    const { token } = await login();
    expect((await call('GET', '/v1/points/ledger?limit=0', { token })).status).toBe(400);
    expect((await call('GET', '/v1/points/ledger?limit=abc', { token })).status).toBe(400);
    const forged = await call('GET', '/v1/points/ledger?cursor=bm90LWpzb24', { token });
    expect(forged.status).toBe(400);
    expect(forged.body.error.details[0].path).toBe('cursor');
  });
});
