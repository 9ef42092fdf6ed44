import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { AuditPage, MemberSummary, Overview, Stats } from '@union/shared/admin';
import { chinaDay, chinaIso } from '@union/shared/china-day';
import { call, login } from './client';
import { newIdNumber, newMember } from './fixtures';

const today = () => chinaDay(new Date());
const hours = (h: number) => chinaIso(new Date(Date.now() + h * 3600_000));

describe('roles', () => {
  it('appointing above or beside one\'s scope → 403; within scope works and is audited; the root keeps its last cadre', async () => {
    const candidate = await newMember(0);
    const memberNo = (await call('GET', '/v1/me', { token: candidate.token })).body.membership.memberNo;
    const xian = (await login('cadre-xian')).token;
    for (const orgId of ['sx', 'bj', 'jy']) {
      const answer = await call('POST', '/v1/admin/roles', { token: xian, body: { memberNo, orgId } });
      expect(answer.status, orgId).toBe(403);
      expect(answer.body.error.code).toBe('OUT_OF_SCOPE');
    }
    expect((await call('POST', '/v1/admin/roles', { token: candidate.token, body: { memberNo, orgId: 'xa-yt' } })).body.error.code).toBe('FORBIDDEN');
    const appointed = await call('POST', '/v1/admin/roles', { token: xian, body: { memberNo, orgId: 'xa-yt' } });
    expect(appointed.status).toBe(201);
    expect((await call('GET', '/v1/me', { token: candidate.token })).body.roles).toEqual([{ role: 'cadre', orgId: 'xa-yt', orgName: '雁塔区总工会' }]);
    expect((await call('POST', '/v1/admin/roles', { token: xian, body: { memberNo, orgId: 'xa-yt' } })).status).toBe(409);
    // The new cadre cannot act above their union.
    expect((await call('POST', '/v1/admin/roles', { token: candidate.token, body: { memberNo, orgId: 'xa' } })).body.error.code).toBe('OUT_OF_SCOPE');
    const cadres = (await call('GET', '/v1/admin/roles?orgId=xa-yt', { token: xian })).body.items.map((c: { userId: string }) => c.userId);
    expect(cadres).toContain(candidate.me.id);
    const removed = await call('DELETE', `/v1/admin/roles/xa-yt/${candidate.me.id}`, { token: xian });
    expect(removed.status).toBe(200);
    expect((await call('GET', '/v1/me', { token: candidate.token })).body.roles).toEqual([]);

    const province = await login('cadre-province');
    const last = await call('DELETE', `/v1/admin/roles/sx/${province.me.id}`, { token: province.token });
    expect(last.status).toBe(409);
    expect(last.body.error.message).toContain('最后一名干部');
    expect((await call('GET', '/v1/me', { token: province.token })).body.roles.map((r: { orgId: string }) => r.orgId)).toEqual(['sx']);
  });
});

describe('audit log', () => {
  it('every cadre write route leaves an audit entry that a cadre in scope can read', { timeout: 60_000 }, async () => {
    const xian = (await login('cadre-xian')).token;
    const member = await newMember(100);
    const actions: [string, string][] = [];

    const joiner = await login();
    const filed = await call('POST', '/v1/join-requests', { token: joiner.token, body: { name: '审计测试', idNumber: newIdNumber(), phone: '13912345678', orgId: 'xa-yt-qy', employer: '单位' } });
    await call('POST', `/v1/admin/join-requests/${filed.body.id}/reveal`, { token: xian, body: { field: 'phone' } });
    actions.push(['join_request.reveal', filed.body.id]);
    await call('POST', `/v1/admin/join-requests/${filed.body.id}/reject`, { token: xian, body: { reason: '测试驳回' } });
    actions.push(['join_request.reject', filed.body.id]);
    const filed2 = await call('POST', '/v1/join-requests', { token: joiner.token, body: { name: '审计测试', idNumber: newIdNumber(), phone: '13912345678', orgId: 'xa-yt-qy', employer: '单位' } });
    await call('POST', `/v1/admin/join-requests/${filed2.body.id}/approve`, { token: xian });
    actions.push(['join_request.approve', filed2.body.id]);

    const t1 = await call('POST', '/v1/transfer-requests', { token: member.token, body: { toOrgId: 'xa-bl-zl', reason: '调动' } });
    await call('POST', `/v1/admin/transfer-requests/${t1.body.id}/reject`, { token: xian, body: { reason: '测试驳回' } });
    actions.push(['transfer_request.reject', t1.body.id]);
    const t2 = await call('POST', '/v1/transfer-requests', { token: member.token, body: { toOrgId: 'xa-bl-zl', reason: '调动' } });
    await call('POST', `/v1/admin/transfer-requests/${t2.body.id}/approve`, { token: xian });
    actions.push(['transfer_request.approve', t2.body.id]);

    const goods = await call('POST', '/v1/admin/goods', { token: xian, body: { name: '审计商品', description: '', pointsPrice: 10, stock: 5, perMemberLimit: 1, orgId: 'xa', fulfilment: 'pickup' } });
    actions.push(['goods.create', goods.body.id]);
    await call('PATCH', `/v1/admin/goods/${goods.body.id}`, { token: xian, body: { stockDelta: 1 } });
    actions.push(['goods.update', goods.body.id]);
    const order = await call('POST', '/v1/redemptions', { token: member.token, body: { goodsId: goods.body.id, quantity: 1 }, headers: { 'idempotency-key': randomUUID() } });
    await call('POST', '/v1/admin/redemptions/verify', { token: xian, body: { pickupCode: order.body.pickupCode } });
    actions.push(['order.verify', order.body.id]);
    await call('POST', '/v1/admin/points-adjustments', { token: xian, body: { userId: member.me.id, delta: 5, reason: '审计' } });
    actions.push(['points.adjust', member.me.id]);

    const activity = await call('POST', '/v1/admin/activities', {
      token: xian,
      body: { title: '审计活动', description: '', location: '职工之家', orgId: 'xa', startsAt: hours(1), endsAt: hours(2), signupOpensAt: hours(-1), signupClosesAt: hours(1), capacity: 5, waitlist: false, pointsReward: 0 },
    });
    actions.push(['activity.create', activity.body.id]);
    await call('PATCH', `/v1/admin/activities/${activity.body.id}`, { token: xian, body: { location: '工人文化宫' } });
    actions.push(['activity.update', activity.body.id]);
    await call('POST', `/v1/admin/activities/${activity.body.id}/cancel`, { token: xian });
    actions.push(['activity.cancel', activity.body.id]);

    const memberNo = (await call('GET', '/v1/me', { token: member.token })).body.membership.memberNo;
    await call('POST', '/v1/admin/roles', { token: xian, body: { memberNo, orgId: 'xa-bl' } });
    actions.push(['role.appoint', member.me.id]);
    await call('DELETE', `/v1/admin/roles/xa-bl/${member.me.id}`, { token: xian });
    actions.push(['role.remove', member.me.id]);

    const province = (await login('cadre-province')).token;
    const log = AuditPage.parse((await call('GET', `/v1/admin/audit-log?limit=100&from=${today()}&to=${today()}`, { token: province })).body);
    for (const [action, objectId] of actions) {
      const entry = log.items.find((e) => e.action === action && e.objectId === objectId);
      expect(entry, `${action} ${objectId}`).toBeDefined();
      expect(entry!.actorUserId).toBeTruthy();
    }
    const adjust = log.items.find((e) => e.action === 'points.adjust' && e.objectId === member.me.id)!;
    expect(adjust.before).toMatchObject({ balance: expect.any(Number) });
    expect(adjust.after).toMatchObject({ delta: 5, reason: '审计' });
    // Filterable, and scoped: 宝鸡's cadre sees none of 西安's entries.
    const onlyVerify = AuditPage.parse((await call('GET', '/v1/admin/audit-log?action=order.verify&limit=100', { token: xian })).body);
    expect(onlyVerify.items.every((e) => e.action === 'order.verify')).toBe(true);
    const baoji = AuditPage.parse((await call('GET', '/v1/admin/audit-log?limit=100', { token: (await login('cadre-baoji')).token })).body);
    expect(baoji.items.some((e) => e.orgPath.startsWith('/sx/xa/'))).toBe(false);
    expect((await call('GET', '/v1/admin/audit-log?orgId=xa', { token: (await login('cadre-baoji')).token })).status).toBe(403);
  });
});

describe('overview, stats and member lookup', () => {
  it('shows to-do counts, live statistics and a member found by number — masked', async () => {
    const xian = (await login('cadre-xian')).token;
    // 未央区: a part of 西安's subtree no other test writes to.
    const before = Overview.parse((await call('GET', '/v1/admin/overview?orgId=xa-wy', { token: xian })).body);
    const joiner = await login();
    const filed = await call('POST', '/v1/join-requests', { token: joiner.token, body: { name: '统计测试', idNumber: newIdNumber(), phone: '13912345678', orgId: 'xa-wy-hc', employer: '单位' } });
    expect(filed.status).toBe(201);
    const after = Overview.parse((await call('GET', '/v1/admin/overview?orgId=xa-wy', { token: xian })).body);
    expect(after.pendingJoinRequests).toBe(before.pendingJoinRequests + 1);

    const statsBefore = Stats.parse((await call('GET', `/v1/admin/stats?from=${today()}&to=${today()}`, { token: xian })).body);
    const member = await newMember(0);
    await call('POST', '/v1/sign-ins', { token: member.token });
    const statsAfter = Stats.parse((await call('GET', `/v1/admin/stats?from=${today()}&to=${today()}`, { token: xian })).body);
    expect(statsAfter.totals.signIns - statsBefore.totals.signIns).toBeGreaterThanOrEqual(1);
    expect(statsAfter.members - statsBefore.members).toBeGreaterThanOrEqual(1);
    expect(statsAfter.days).toHaveLength(1);
    expect((await call('GET', '/v1/admin/stats?from=2026-02-01&to=2025-01-01', { token: xian })).status).toBe(400);
    expect((await call('GET', '/v1/admin/stats?orgId=bj&from=2026-01-01&to=2026-01-02', { token: xian })).body.error.code).toBe('OUT_OF_SCOPE');

    const memberNo = (await call('GET', '/v1/me', { token: member.token })).body.membership.memberNo;
    const found = MemberSummary.parse((await call('GET', `/v1/admin/members?memberNo=${memberNo}`, { token: xian })).body);
    expect(found).toMatchObject({ userId: member.me.id, memberNo, orgName: '陕西秦云软件有限公司工会' });
    expect(found.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(found.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect((await call('GET', `/v1/admin/members?memberNo=${memberNo}`, { token: (await login('cadre-baoji')).token })).body.error.code).toBe('OUT_OF_SCOPE');
  });
});
