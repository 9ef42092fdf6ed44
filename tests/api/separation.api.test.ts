/**
 * Separation of duties and visibility (issue 12, items 1, 2, 9, 10): no cadre acts on their own
 * account, order or request; cadre views never carry a pickup code; full personal data only for
 * requests under review; goods and activities of other unions are not readable or favouritable by id.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ERRORS } from '@union/shared/errors';
import { call, login } from './client';
import { newIdNumber, newMember } from './fixtures';
import { RolesRepository } from '../../functions/src/repositories/roles';

const balanceOf = async (token: string) => (await call('GET', '/v1/me', { token })).body.points.balance as number;

/** A fresh active member of 秦云 appointed cadre of `orgId` (so their own data is in their scope). */
async function newCadre(orgId = 'xa', points = 0) {
  const user = await newMember(points);
  const memberNo = (await call('GET', '/v1/me', { token: user.token })).body.membership.memberNo;
  const appointed = await call('POST', '/v1/admin/roles', { token: (await login('cadre-province')).token, body: { memberNo, orgId } });
  expect(appointed.status, JSON.stringify(appointed.body)).toBe(201);
  return user;
}

async function publishGoods(cadre: string, orgId: string, pointsPrice = 10) {
  const answer = await call('POST', '/v1/admin/goods', {
    token: (await login(cadre)).token,
    body: { name: '分权测试商品', description: '', pointsPrice, stock: 10, perMemberLimit: 2, orgId, fulfilment: 'pickup' },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.id as string;
}

describe('SELF_ACTION: no cadre acts on their own account', () => {
  it('has a Chinese message and status 403', () => {
    expect(ERRORS.SELF_ACTION.status).toBe(403);
    expect(ERRORS.SELF_ACTION.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses a points adjustment on oneself, and nothing is posted', async () => {
    const cadre = await newCadre('xa', 10);
    const answer = await call('POST', '/v1/admin/points-adjustments', { token: cadre.token, body: { userId: cadre.me.id, delta: 100000, reason: '自己给自己加分' } });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('SELF_ACTION');
    expect(await balanceOf(cadre.token)).toBe(10);
    // Another cadre in scope may still adjust them.
    const other = await call('POST', '/v1/admin/points-adjustments', { token: (await login('cadre-xian')).token, body: { userId: cadre.me.id, delta: 5, reason: '他人调整' } });
    expect(other.status).toBe(201);
  });

  it('refuses 核销 of one\'s own order; another cadre may verify it', async () => {
    const cadre = await newCadre('xa', 100);
    const goodsId = await publishGoods('cadre-xian', 'xa');
    const order = await call('POST', '/v1/redemptions', { token: cadre.token, body: { goodsId, quantity: 1 }, headers: { 'idempotency-key': randomUUID() } });
    expect(order.status).toBe(201);
    const own = await call('POST', '/v1/admin/redemptions/verify', { token: cadre.token, body: { pickupCode: order.body.pickupCode } });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('SELF_ACTION');
    expect((await call('GET', `/v1/redemptions/${order.body.id}`, { token: cadre.token })).body.status).toBe('awaiting_pickup');
    const other = await call('POST', '/v1/admin/redemptions/verify', { token: (await login('cadre-xian')).token, body: { pickupCode: order.body.pickupCode } });
    expect(other.status).toBe(200);
  });

  it('refuses approving one\'s own transfer request', async () => {
    const cadre = await newCadre('xa');
    const filed = await call('POST', '/v1/transfer-requests', { token: cadre.token, body: { toOrgId: 'xa-yt-ca', reason: '调动工作' } });
    expect(filed.status).toBe(201);
    const own = await call('POST', `/v1/admin/transfer-requests/${filed.body.id}/approve`, { token: cadre.token });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('SELF_ACTION');
    const rejectOwn = await call('POST', `/v1/admin/transfer-requests/${filed.body.id}/reject`, { token: cadre.token, body: { reason: '自己驳回' } });
    expect(rejectOwn.body.error.code).toBe('SELF_ACTION');
    expect((await call('GET', '/v1/me', { token: cadre.token })).body.membership.orgId).toBe('xa-yt-qy');
  });

  it('refuses approving one\'s own join request', async () => {
    const user = await login();
    const filed = await call('POST', '/v1/join-requests', {
      token: user.token,
      body: { name: '自审测试', idNumber: newIdNumber(), phone: '13912340000', orgId: 'xa-yt-qy', employer: '测试单位' },
    });
    expect(filed.status).toBe(201);
    // A cadre who is not (yet) a member: only the root's configured administrators start this way.
    await new RolesRepository().appoint(user.me.id, { role: 'cadre', orgId: 'xa-yt', orgName: '雁塔区总工会', orgPath: '/sx/xa/xa-yt/' });
    const own = await call('POST', `/v1/admin/join-requests/${filed.body.id}/approve`, { token: user.token });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('SELF_ACTION');
    expect((await call('GET', '/v1/me', { token: user.token })).body.membership.status).toBe('pending');
    const reveal = await call('POST', `/v1/admin/join-requests/${filed.body.id}/reveal`, { token: user.token, body: { field: 'idNumber' } });
    expect(reveal.body.error.code).toBe('SELF_ACTION');
  });
});

describe('pickup codes stay with the member', () => {
  it('cadre order lists and the 核销 answer carry no pickupCode; the member\'s own order does', async () => {
    const member = await newMember(100);
    const goodsId = await publishGoods('cadre-xian', 'xa-yt');
    const order = await call('POST', '/v1/redemptions', { token: member.token, body: { goodsId, quantity: 1 }, headers: { 'idempotency-key': randomUUID() } });
    expect(order.body.pickupCode).toMatch(/^[2-9A-Z]{8}$/);
    const xian = (await login('cadre-xian')).token;
    const list = await call('GET', '/v1/admin/redemptions?orgId=xa-yt&status=awaiting_pickup&limit=100', { token: xian });
    expect(list.status).toBe(200);
    const mine = list.body.items.find((o: { id: string }) => o.id === order.body.id);
    expect(mine).toBeTruthy();
    for (const o of list.body.items) expect(o).not.toHaveProperty('pickupCode');
    expect(JSON.stringify(list.body)).not.toContain(order.body.pickupCode);
    const verified = await call('POST', '/v1/admin/redemptions/verify', { token: xian, body: { pickupCode: order.body.pickupCode } });
    expect(verified.status).toBe(200);
    expect(verified.body).not.toHaveProperty('pickupCode');
    const fulfilled = await call('GET', '/v1/admin/redemptions?orgId=xa-yt&status=fulfilled&limit=100', { token: xian });
    expect(JSON.stringify(fulfilled.body)).not.toContain(order.body.pickupCode);
    expect((await call('GET', `/v1/redemptions/${order.body.id}`, { token: member.token })).body.pickupCode).toBe(order.body.pickupCode);
  });
});

describe('reveal is for requests under review only', () => {
  it('a decided request stays masked', async () => {
    const user = await login();
    const filed = await call('POST', '/v1/join-requests', {
      token: user.token,
      body: { name: '揭示测试', idNumber: newIdNumber(), phone: '13912341111', orgId: 'xa-yt-qy', employer: '测试单位' },
    });
    const xian = (await login('cadre-xian')).token;
    expect((await call('POST', `/v1/admin/join-requests/${filed.body.id}/reveal`, { token: xian, body: { field: 'phone' } })).body.value).toBe('13912341111');
    expect((await call('POST', `/v1/admin/join-requests/${filed.body.id}/approve`, { token: xian })).status).toBe(200);
    for (const field of ['name', 'idNumber', 'phone']) {
      const after = await call('POST', `/v1/admin/join-requests/${filed.body.id}/reveal`, { token: xian, body: { field } });
      expect(after.status, field).toBe(409);
      expect(after.body.error.code).toBe('INVALID_STATE');
      expect(JSON.stringify(after.body)).not.toContain('13912341111');
    }
  });
});

describe('goods and activities by id follow the union chain', () => {
  it('another city\'s goods and activities are 404 by id and cannot be favourited', async () => {
    const member = await newMember(0); // 秦云, under 西安
    const baojiGoods = await publishGoods('cadre-baoji', 'bj');
    const baojiActivity = await call('POST', '/v1/admin/activities', {
      token: (await login('cadre-baoji')).token,
      body: {
        title: '宝鸡职工篮球赛', description: '', orgId: 'bj', location: '宝鸡体育馆', capacity: 10, pointsReward: 0, waitlist: false,
        startsAt: new Date(Date.now() + 3 * 86400_000).toISOString(), endsAt: new Date(Date.now() + 3 * 86400_000 + 3600_000).toISOString(),
        signupOpensAt: new Date(Date.now() - 3600_000).toISOString(), signupClosesAt: new Date(Date.now() + 2 * 86400_000).toISOString(),
      },
    });
    expect(baojiActivity.status, JSON.stringify(baojiActivity.body)).toBe(201);
    for (const path of [`/v1/goods/${baojiGoods}`, `/v1/activities/${baojiActivity.body.id}`]) {
      const answer = await call('GET', path, { token: member.token });
      expect(answer.status, path).toBe(404);
      expect(answer.body.error.code).toBe('NOT_FOUND');
    }
    expect((await call('PUT', `/v1/me/favorites/goods/${baojiGoods}`, { token: member.token })).status).toBe(404);
    expect((await call('PUT', `/v1/me/favorites/activity/${baojiActivity.body.id}`, { token: member.token })).status).toBe(404);
    expect((await call('GET', '/v1/me/favorites', { token: member.token })).body.items).toEqual([]);

    // On the chain (province, 西安, own union) they are readable; a cadre reads what is in their scope.
    expect((await call('GET', '/v1/goods/demo-goods-1', { token: member.token })).status).toBe(200);
    expect((await call('GET', '/v1/goods/demo-goods-3', { token: member.token })).status).toBe(200);
    expect((await call('GET', `/v1/goods/${baojiGoods}`, { token: (await login('cadre-baoji')).token })).status).toBe(200);
    expect((await call('GET', `/v1/activities/${baojiActivity.body.id}`, { token: (await login('cadre-province')).token })).status).toBe(200);
    // A non-member sees the province's offer only, as in the list.
    const stranger = (await login()).token;
    expect((await call('GET', '/v1/goods/demo-goods-1', { token: stranger })).status).toBe(200);
    expect((await call('GET', '/v1/goods/demo-goods-3', { token: stranger })).status).toBe(404);
  });
});
