import { describe, expect, it } from 'vitest';
import { Activity, CheckInCode, ParticipantPage } from '@union/shared/activities';
import { chinaIso } from '@union/shared/china-day';
import { LedgerPage } from '@union/shared/points';
import { call, login } from './client';
import { newMember } from './fixtures';
import { TEST_API } from '../setup/ports';

const hours = (h: number) => chinaIso(new Date(Date.now() + h * 3600_000));

/** An activity of `orgId` happening now, signup open now. */
async function publish(overrides: Record<string, unknown> = {}, cadre = 'cadre-xian') {
  const token = (await login(cadre)).token;
  const answer = await call('POST', '/v1/admin/activities', {
    token,
    body: {
      title: '测试活动', description: '用于测试', location: '职工之家', orgId: 'xa',
      startsAt: hours(-1), endsAt: hours(2), signupOpensAt: hours(-2), signupClosesAt: hours(1),
      capacity: 5, waitlist: true, pointsReward: 15, ...overrides,
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return { activity: Activity.parse(answer.body), cadreToken: token };
}

const detail = async (token: string, id: string) => Activity.parse((await call('GET', `/v1/activities/${id}`, { token })).body);

describe('signup with capacity and a waiting list', () => {
  it('capacity 5, 40 at once → 5 confirmed, 35 waitlisted at 1…35; 5 cancel at once → the 5 earliest promoted', { timeout: 180_000 }, async () => {
    const members = await Promise.all(Array.from({ length: 40 }, () => newMember(0)));
    const { activity } = await publish({ capacity: 5 });
    const answers = await Promise.all(members.map((m) => call('POST', `/v1/activities/${activity.id}/signups`, { token: m.token })));
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
    const confirmed = members.filter((_, i) => answers[i].body.status === 'confirmed');
    const waitlisted = members.map((m, i) => ({ m, position: answers[i].body.position as number })).filter((_, i) => answers[i].body.status === 'waitlisted');
    expect(confirmed).toHaveLength(5);
    expect(waitlisted.map((w) => w.position).sort((a, b) => a - b)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    expect(await detail(members[0].token, activity.id)).toMatchObject({ confirmedCount: 5, waitlistCount: 35 });

    const cancels = await Promise.all(confirmed.map((m) => call('DELETE', `/v1/activities/${activity.id}/signups/me`, { token: m.token })));
    expect(cancels.map((c) => c.status)).toEqual(Array(5).fill(200));
    const byPosition = waitlisted.sort((a, b) => a.position - b.position);
    for (const [i, w] of byPosition.entries()) {
      const mine = (await detail(w.m.token, activity.id)).mySignup!;
      if (i < 5) expect(mine.status, `position ${w.position}`).toBe('confirmed');
      else expect(mine).toMatchObject({ status: 'waitlisted', position: w.position - 5 });
    }
    expect(await detail(members[0].token, activity.id)).toMatchObject({ confirmedCount: 5, waitlistCount: 30 });
    const promotedInbox = (await call('GET', '/v1/me/messages', { token: byPosition[0].m.token })).body.items;
    expect(promotedInbox[0].title).toBe('候补成功');
  });

  it('the same member signing up twice at once → one success, one 409 ALREADY_SIGNED_UP', async () => {
    const member = await newMember(0);
    const { activity } = await publish();
    const answers = await Promise.all([1, 2, 3].map(() => call('POST', `/v1/activities/${activity.id}/signups`, { token: member.token })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'ALREADY_SIGNED_UP')).toBe(true);
    expect((await detail(member.token, activity.id)).confirmedCount).toBe(1);
  });

  it('outside the signup window → 409 SIGNUP_CLOSED; a full activity without waiting list → SIGNUP_CLOSED', async () => {
    const member = await newMember(0);
    const { activity: later } = await publish({ signupOpensAt: hours(1), signupClosesAt: hours(2), startsAt: hours(3), endsAt: hours(4) });
    expect((await call('POST', `/v1/activities/${later.id}/signups`, { token: member.token })).body.error.code).toBe('SIGNUP_CLOSED');
    const { activity: tiny } = await publish({ capacity: 1, waitlist: false });
    const other = await newMember(0);
    expect((await call('POST', `/v1/activities/${tiny.id}/signups`, { token: other.token })).status).toBe(201);
    expect((await call('POST', `/v1/activities/${tiny.id}/signups`, { token: member.token })).body.error.code).toBe('SIGNUP_CLOSED');
  });

  it('scope: a member of a sibling branch gets 403 OUT_OF_SCOPE; a non-member NOT_A_MEMBER', async () => {
    const { activity } = await publish();
    const baoji = await newMember(0, 'bj-wb-ql', 'cadre-baoji');
    const answer = await call('POST', `/v1/activities/${activity.id}/signups`, { token: baoji.token });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('OUT_OF_SCOPE');
    const visitor = await login();
    expect((await call('POST', `/v1/activities/${activity.id}/signups`, { token: visitor.token })).body.error.code).toBe('NOT_A_MEMBER');
    const list = (await call('GET', '/v1/activities', { token: baoji.token })).body.items.map((a: Activity) => a.id);
    expect(list).not.toContain(activity.id);
  });
});

describe('on-site check-in', () => {
  it('a confirmed member checks in with the current code; twice at once → points paid once', async () => {
    const member = await newMember(0);
    const { activity, cadreToken } = await publish({ pointsReward: 15 });
    await call('POST', `/v1/activities/${activity.id}/signups`, { token: member.token });
    const code = CheckInCode.parse((await call('GET', `/v1/admin/activities/${activity.id}/check-in-code`, { token: cadreToken })).body);
    expect(Date.parse(code.expiresAt)).toBeGreaterThan(Date.now());
    const answers = await Promise.all([1, 2].map(() => call('POST', `/v1/activities/${activity.id}/check-ins`, { token: member.token, body: { code: code.code } })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 201)!.body).toEqual({ pointsAwarded: 15 });
    const ledger = LedgerPage.parse((await call('GET', '/v1/points/ledger', { token: member.token })).body).items;
    expect(ledger.filter((e) => e.refType === 'activity' && e.refId === activity.id)).toHaveLength(1);
    expect((await call('GET', '/v1/me', { token: member.token })).body.points.balance).toBe(15);
    // No cancellation after check-in.
    expect((await call('DELETE', `/v1/activities/${activity.id}/signups/me`, { token: member.token })).status).toBe(409);
  });

  it('expired, forged or another activity\'s code → 400 and nothing written; not signed up → 403', async () => {
    const member = await newMember(0);
    const { activity, cadreToken } = await publish();
    const { activity: other } = await publish();
    await call('POST', `/v1/activities/${activity.id}/signups`, { token: member.token });
    const otherCode = CheckInCode.parse((await call('GET', `/v1/admin/activities/${other.id}/check-in-code`, { token: cadreToken })).body).code;
    const good = CheckInCode.parse((await call('GET', `/v1/admin/activities/${activity.id}/check-in-code`, { token: cadreToken })).body).code;
    const [id, slot, mac] = good.split('.');
    const cases = [
      otherCode,
      `${id}.${Number(slot) - 5}.${mac}`, // an old slot with the current MAC: forged
      `${id}.${slot}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      'not-a-code',
      `${id}.${Number(slot) + 1}.${mac}`,
    ];
    for (const code of cases) {
      const answer = await call('POST', `/v1/activities/${activity.id}/check-ins`, { token: member.token, body: { code } });
      expect(answer.status, code).toBe(400);
      expect(answer.body.error.details[0].path).toBe('code');
    }
    expect((await detail(member.token, activity.id)).mySignup).toMatchObject({ status: 'confirmed', checkedIn: false });
    expect((await call('GET', '/v1/me', { token: member.token })).body.points.balance).toBe(0);
    const stranger = await newMember(0);
    expect((await call('POST', `/v1/activities/${activity.id}/check-ins`, { token: stranger.token, body: { code: good } })).status).toBe(403);
  });
});

describe('cadre side', () => {
  it('a cadre of another branch cannot read the participants or the check-in code; the organiser can, as CSV too', async () => {
    const member = await newMember(0);
    const { activity, cadreToken } = await publish();
    await call('POST', `/v1/activities/${activity.id}/signups`, { token: member.token });
    const baoji = (await login('cadre-baoji')).token;
    for (const path of [`/v1/admin/activities/${activity.id}/signups`, `/v1/admin/activities/${activity.id}/check-in-code`]) {
      const answer = await call('GET', path, { token: baoji });
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('OUT_OF_SCOPE');
      expect((await call('GET', path, { token: member.token })).body.error.code).toBe('FORBIDDEN');
    }
    const list = ParticipantPage.parse((await call('GET', `/v1/admin/activities/${activity.id}/signups`, { token: cadreToken })).body);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ userId: member.me.id, status: 'confirmed' });
    const csv = await fetch(`${TEST_API}/v1/admin/activities/${activity.id}/signups?format=csv`, { headers: { authorization: `Bearer ${cadreToken}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).toBe('"昵称","会员号","所在工会","状态","候补顺位","报名时间","签到时间"');
    expect(text).toContain('"已报名"');
  });

  it('validates the times and fields; a cancelled activity tells its participants', async () => {
    const xian = (await login('cadre-xian')).token;
    const bad = await call('POST', '/v1/admin/activities', {
      token: xian,
      body: { title: '时间颠倒', description: '', location: '职工之家', orgId: 'xa', startsAt: hours(3), endsAt: hours(1), signupOpensAt: hours(-1), signupClosesAt: hours(1), capacity: 5, waitlist: true, pointsReward: 0 },
    });
    expect(bad.status).toBe(400);
    expect((await call('POST', '/v1/admin/activities', { token: xian, body: { title: '缺字段' } })).status).toBe(400);
    const outOfScope = await call('POST', '/v1/admin/activities', {
      token: xian,
      body: { title: '越权活动', description: '', location: '宝鸡', orgId: 'bj', startsAt: hours(1), endsAt: hours(2), signupOpensAt: hours(-1), signupClosesAt: hours(1), capacity: 5, waitlist: true, pointsReward: 0 },
    });
    expect(outOfScope.body.error.code).toBe('OUT_OF_SCOPE');

    const member = await newMember(0);
    const { activity, cadreToken } = await publish();
    await call('POST', `/v1/activities/${activity.id}/signups`, { token: member.token });
    const noSeats = await call('PATCH', `/v1/admin/activities/${activity.id}`, { token: cadreToken, body: { capacity: 0 } });
    expect(noSeats.status).toBe(400);
    expect(noSeats.body.error.details).toContainEqual({ path: 'capacity', message: '名额须大于 0' });
    const minusSeats = await call('PATCH', `/v1/admin/activities/${activity.id}`, { token: cadreToken, body: { capacity: -3 } });
    expect(minusSeats.body.error.details).toContainEqual({ path: 'capacity', message: '名额须大于 0' });
    const minusPoints = await call('PATCH', `/v1/admin/activities/${activity.id}`, { token: cadreToken, body: { pointsReward: -3 } });
    expect(minusPoints.status).toBe(400);
    expect(minusPoints.body.error.details).toContainEqual({ path: 'pointsReward', message: '签到奖励积分不能为负数' });
    const moved = await call('PATCH', `/v1/admin/activities/${activity.id}`, { token: cadreToken, body: { location: '工人文化宫' } });
    expect(moved.body.location).toBe('工人文化宫');
    expect((await call('POST', `/v1/admin/activities/${activity.id}/cancel`, { token: cadreToken })).status).toBe(200);
    const inbox = (await call('GET', '/v1/me/messages', { token: member.token })).body.items.map((m: { title: string }) => m.title);
    expect(inbox).toContain('活动已取消');
    expect(inbox).toContain('活动信息有变更');
    expect((await call('POST', `/v1/activities/${activity.id}/signups`, { token: (await newMember(0)).token })).body.error.code).toBe('SIGNUP_CLOSED');
  });
});
