import { describe, expect, it } from 'vitest';
import { ActivityInput, signupOpen, signupPhase, timeOrderProblems } from '@union/shared/activities';
import { MAX_PER_ORDER, maxQuantity, RedemptionInput } from '@union/shared/mall';

const times = { startsAt: '2026-12-01T09:00', endsAt: '2026-12-01T12:00', signupOpensAt: '2026-11-20T09:00', signupClosesAt: '2026-12-01T09:00' };

describe('shared rules the app and the API both ask', () => {
  it('time order: said per field, in wall time and in ISO alike', () => {
    expect(timeOrderProblems(times)).toEqual({});
    expect(timeOrderProblems({ ...times, endsAt: '2026-12-01T09:00' })).toEqual({ endsAt: '结束时间应晚于开始时间' });
    expect(timeOrderProblems({ ...times, signupClosesAt: '2026-12-01T12:01' }).signupClosesAt).toBe('报名截止不能晚于活动结束');
    expect(timeOrderProblems({ ...times, signupOpensAt: '2026-12-01T09:00' }).signupClosesAt).toBe('报名截止应晚于报名开始');
    // The API's schema refuses what the form refuses.
    const iso = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, `${v}:00+08:00`]));
    const input = { title: '测试活动', description: '', location: '工会活动室', capacity: 10, waitlist: false, pointsReward: 0, orgId: 'org-1', ...iso };
    expect(ActivityInput.safeParse(input).success).toBe(true);
    expect(ActivityInput.safeParse({ ...input, signupClosesAt: '2026-12-01T12:01:00+08:00' }).success).toBe(false);
  });

  it('signup window: opens inclusive, closes exclusive, never when cancelled', () => {
    const a = { ...times, signupOpensAt: '2026-11-20T09:00:00+08:00', signupClosesAt: '2026-12-01T09:00:00+08:00', status: 'published' };
    const opens = Date.parse(a.signupOpensAt);
    const closes = Date.parse(a.signupClosesAt);
    expect(signupPhase(a, opens - 1)).toBe('before');
    expect(signupPhase(a, opens)).toBe('open');
    expect(signupPhase(a, closes)).toBe('closed');
    expect(signupOpen(a, opens)).toBe(true);
    expect(signupOpen({ ...a, status: 'cancelled' }, opens)).toBe(false);
  });

  it('one order takes at most the member limit, the stock and 10', () => {
    expect(maxQuantity({ perMemberLimit: 99, stock: 99 })).toBe(MAX_PER_ORDER);
    expect(maxQuantity({ perMemberLimit: 3, stock: 99 })).toBe(3);
    expect(maxQuantity({ perMemberLimit: 3, stock: 0 })).toBe(0);
    expect(RedemptionInput.safeParse({ goodsId: 'g-1', quantity: MAX_PER_ORDER + 1 }).success).toBe(false);
  });
});
