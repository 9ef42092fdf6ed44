/**
 * A waitlisted member who cancels while a confirmed member's cancellation promotes them must still be
 * cancelled (200), not told 409 INVALID_STATE "报名状态已变化" — they asked to leave either way. Found by
 * the outside probe (scripts/probe/contract.ts): 15 cancels at once, one 409 and a waiting list off by one.
 */
import { describe, expect, it } from 'vitest';
import { Activity } from '@union/shared/activities';
import { chinaIso } from '@union/shared/china-day';
import { call, login } from './client';
import { newMember } from './fixtures';

const hours = (h: number) => chinaIso(new Date(Date.now() + h * 3600_000));

describe('cancelling while being promoted', () => {
  it('everyone of a full activity with a waiting list cancels at once: all 200, nobody left', { timeout: 180_000 }, async () => {
    const cadre = (await login('cadre-xian')).token;
    const rounds = await Promise.all(Array.from({ length: 3 }, async () => {
      const members = await Promise.all(Array.from({ length: 12 }, () => newMember(0)));
      const published = await call('POST', '/v1/admin/activities', {
        token: cadre,
        body: { title: '取消竞争', description: '', location: '职工之家', orgId: 'xa', startsAt: hours(24), endsAt: hours(26), signupOpensAt: hours(-1), signupClosesAt: hours(23), capacity: 3, waitlist: true, pointsReward: 0 },
      });
      expect(published.status).toBe(201);
      const id = published.body.id as string;
      for (const m of members) expect((await call('POST', `/v1/activities/${id}/signups`, { token: m.token })).status).toBe(201);
      const cancels = await Promise.all(members.map((m) => call('DELETE', `/v1/activities/${id}/signups/me`, { token: m.token })));
      return { statuses: cancels.map((c) => `${c.status} ${c.body?.error?.code ?? ''}`.trim()), after: Activity.parse((await call('GET', `/v1/activities/${id}`, { token: members[0].token })).body) };
    }));
    for (const { statuses, after } of rounds) {
      expect(statuses).toEqual(Array(12).fill('200'));
      expect(after).toMatchObject({ confirmedCount: 0, waitlistCount: 0 });
    }
  });
});
