import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { CadreOrderPage, Goods, Order, OrderPage } from '@union/shared/mall';
import { LedgerPage } from '@union/shared/points';
import { call, login } from './client';
import { newMember } from './fixtures';

async function publish(overrides: Record<string, unknown> = {}, cadre = 'cadre-xian') {
  const token = (await login(cadre)).token;
  const answer = await call('POST', '/v1/admin/goods', {
    token,
    body: { name: '测试商品', description: '用于测试', pointsPrice: 100, stock: 10, perMemberLimit: 1, orgId: 'xa', fulfilment: 'pickup', ...overrides },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return Goods.parse(answer.body);
}

const redeem = (token: string, goodsId: string, quantity = 1, key: string | null = randomUUID()) =>
  call('POST', '/v1/redemptions', { token, body: { goodsId, quantity }, headers: key ? { 'idempotency-key': key } : {} });

async function ledgerSum(token: string) {
  const page = LedgerPage.parse((await call('GET', '/v1/points/ledger?limit=100', { token })).body);
  return { sum: page.items.reduce((s, e) => s + e.delta, 0), entries: page.items };
}

async function balanceOf(token: string) {
  return (await call('GET', '/v1/me', { token })).body.points.balance as number;
}

describe('redemption', () => {
  it('takes the points, the stock and writes the order with a pickup code and a ledger entry', async () => {
    const member = await newMember(500);
    const goods = await publish({ stock: 5, perMemberLimit: 2, pointsPrice: 120 });
    const answer = await redeem(member.token, goods.id, 2);
    expect(answer.status).toBe(201);
    const order = Order.parse(answer.body);
    expect(order).toMatchObject({ goodsId: goods.id, quantity: 2, pointsSpent: 240, status: 'awaiting_pickup' });
    expect(order.pickupCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(await balanceOf(member.token)).toBe(260);
    const { sum, entries } = await ledgerSum(member.token);
    expect(sum).toBe(260);
    expect(entries[0]).toMatchObject({ delta: -240, refType: 'order', refId: order.id, balanceAfter: 260 });
    expect(Goods.parse((await call('GET', `/v1/goods/${goods.id}`, { token: member.token })).body).stock).toBe(3);
    const mine = OrderPage.parse((await call('GET', '/v1/me/redemptions', { token: member.token })).body);
    expect(mine.items[0].id).toBe(order.id);
    expect((await call('GET', `/v1/redemptions/${order.id}`, { token: member.token })).body.pickupCode).toBe(order.pickupCode);
    // Another member cannot see it.
    expect((await call('GET', `/v1/redemptions/${order.id}`, { token: (await login()).token })).status).toBe(404);
  });

  it('names the failed condition: INSUFFICIENT_POINTS, OUT_OF_STOCK, LIMIT_REACHED, NOT_A_MEMBER', async () => {
    const poor = await newMember(50);
    const goods = await publish({ stock: 1, perMemberLimit: 1, pointsPrice: 100 });
    expect((await redeem(poor.token, goods.id)).body.error.code).toBe('INSUFFICIENT_POINTS');
    const rich = await newMember(1000);
    expect((await redeem(rich.token, goods.id, 2)).body.error.code).toBe('LIMIT_REACHED');
    expect((await redeem(rich.token, goods.id)).status).toBe(201);
    expect((await redeem(rich.token, goods.id)).body.error.code).toBe('OUT_OF_STOCK');
    const other = await newMember(1000);
    expect((await redeem(other.token, goods.id)).body.error.code).toBe('OUT_OF_STOCK');
    const visitor = await login();
    const answer = await redeem(visitor.token, goods.id);
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('NOT_A_MEMBER');
  });

  it('flash sale: stock 10, 30 members, 300 requests at once → exactly 10 orders, stock 0, ledgers balance', { timeout: 180_000 }, async () => {
    const members = await Promise.all(Array.from({ length: 30 }, () => newMember(1000)));
    const goods = await publish({ stock: 10, perMemberLimit: 1, pointsPrice: 100 });
    const answers = await Promise.all(members.flatMap((m) => Array.from({ length: 10 }, () => redeem(m.token, goods.id))));
    const created = answers.filter((a) => a.status === 201);
    expect(answers.every((a) => [201, 409, 503].includes(a.status)), JSON.stringify(answers.filter((a) => ![201, 409, 503].includes(a.status)).map((a) => a.body))).toBe(true);
    expect(created).toHaveLength(10);
    expect(Goods.parse((await call('GET', `/v1/goods/${goods.id}`, { token: members[0].token })).body).stock).toBe(0);
    for (const m of members) {
      const balance = await balanceOf(m.token);
      const { sum } = await ledgerSum(m.token);
      expect(balance).toBe(sum);
      expect(balance).toBeGreaterThanOrEqual(0);
      const orders = OrderPage.parse((await call('GET', '/v1/me/redemptions', { token: m.token })).body).items.filter((o) => o.goodsId === goods.id);
      expect(orders.length).toBeLessThanOrEqual(1);
      expect(balance).toBe(1000 - 100 * orders.length);
    }
  });

  it('the same Idempotency-Key 20 times at once → one order, points spent once', async () => {
    const member = await newMember(500);
    const goods = await publish({ stock: 50, perMemberLimit: 5, pointsPrice: 100 });
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => redeem(member.token, goods.id, 1, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await balanceOf(member.token)).toBe(400);
    expect(OrderPage.parse((await call('GET', '/v1/me/redemptions', { token: member.token })).body).items).toHaveLength(1);
    // The same key with another body is refused.
    const reused = await redeem(member.token, goods.id, 2, key);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('bad input → 400 (404 for unknown goods) and nothing changes', async () => {
    const member = await newMember(500);
    const goods = await publish({ stock: 5 });
    const cases: [unknown, string | null, number][] = [
      [{ goodsId: goods.id, quantity: -1 }, randomUUID(), 400],
      [{ goodsId: goods.id, quantity: 0 }, randomUUID(), 400],
      [{ goodsId: goods.id, quantity: 1.5 }, randomUUID(), 400],
      [{ goodsId: goods.id, quantity: 1e12 }, randomUUID(), 400],
      [{ goodsId: goods.id, quantity: '1' }, randomUUID(), 400],
      [{ goodsId: goods.id }, randomUUID(), 400],
      [{ goodsId: goods.id, quantity: 1 }, null, 400],
      [{ goodsId: goods.id, quantity: 1 }, 'short', 400],
      [{ goodsId: 'no-such-goods', quantity: 1 }, randomUUID(), 404],
      [{ goodsId: '../../etc', quantity: 1 }, randomUUID(), 400],
    ];
    for (const [body, key, status] of cases) {
      const answer = await call('POST', '/v1/redemptions', { token: member.token, body, headers: key ? { 'idempotency-key': key } : {} });
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await balanceOf(member.token)).toBe(500);
    expect(Goods.parse((await call('GET', `/v1/goods/${goods.id}`, { token: member.token })).body).stock).toBe(5);
    const xian = (await login('cadre-xian')).token;
    for (const body of [
      { name: '零价商品', description: '', pointsPrice: 0, stock: 1, perMemberLimit: 1, orgId: 'xa', fulfilment: 'pickup' },
      { name: '巨量', description: '', pointsPrice: 10, stock: 1e15, perMemberLimit: 1, orgId: 'xa', fulfilment: 'pickup' },
      { name: '负库存', description: '', pointsPrice: 10, stock: -1, perMemberLimit: 1, orgId: 'xa', fulfilment: 'pickup' },
      { name: '错误方式', description: '', pointsPrice: 10, stock: 1, perMemberLimit: 1, orgId: 'xa', fulfilment: 'drone' },
    ]) {
      expect((await call('POST', '/v1/admin/goods', { token: xian, body })).status, JSON.stringify(body)).toBe(400);
    }
    expect((await call('PATCH', `/v1/admin/goods/${goods.id}`, { token: xian, body: { stockDelta: -6 } })).body.error.code).toBe('OUT_OF_STOCK');
    expect((await call('PATCH', `/v1/admin/goods/${goods.id}`, { token: xian, body: {} })).status).toBe(400);
  });
});

describe('goods form numbers: the message says what is wrong', () => {
  it('a negative stock "cannot be negative", a zero or negative price "must be above 0", a decimal "whole number"; nothing written', async () => {
    const xian = (await login('cadre-xian')).token;
    const base = { name: '数字校验', description: '', pointsPrice: 10, stock: 1, perMemberLimit: 1, orgId: 'xa', fulfilment: 'pickup' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ stock: -3 }, 'stock', '库存不能为负数'],
      [{ pointsPrice: -3 }, 'pointsPrice', '兑换积分须大于 0'],
      [{ pointsPrice: 0 }, 'pointsPrice', '兑换积分须大于 0'],
      [{ perMemberLimit: 0 }, 'perMemberLimit', '每人限兑须大于 0'],
      [{ stock: 1.5 }, 'stock', '库存应为整数'],
    ];
    for (const [overrides, path, message] of cases) {
      const answer = await call('POST', '/v1/admin/goods', { token: xian, body: { ...base, ...overrides } });
      expect(answer.status, JSON.stringify(overrides)).toBe(400);
      expect(answer.body.error.details).toContainEqual({ path, message });
    }
    const goods = await publish({ stock: 2 });
    const patched = await call('PATCH', `/v1/admin/goods/${goods.id}`, { token: xian, body: { pointsPrice: -1 } });
    expect(patched.body.error.details).toContainEqual({ path: 'pointsPrice', message: '兑换积分须大于 0' });
    // Taking away more than there is: the stock would go negative, so 409 with words, and the stock stands.
    const tooMuch = await call('PATCH', `/v1/admin/goods/${goods.id}`, { token: xian, body: { stockDelta: -3 } });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({ code: 'OUT_OF_STOCK', message: '库存不足，无法减少这么多' });
    const member = await newMember(0);
    expect(Goods.parse((await call('GET', `/v1/goods/${goods.id}`, { token: member.token })).body)).toMatchObject({ stock: 2, pointsPrice: 100 });
    const listed = (await call('GET', '/v1/admin/goods?orgId=xa&limit=100', { token: xian })).body.items as { name: string }[];
    expect(listed.some((g) => g.name === '数字校验')).toBe(false);
  });
});

describe('orders: cancel and 核销', () => {
  it('a member cancels an unverified order: points and stock come back, with a ledger entry; twice → 409', async () => {
    const member = await newMember(300);
    const goods = await publish({ stock: 3, perMemberLimit: 1, pointsPrice: 100 });
    const order = Order.parse((await redeem(member.token, goods.id)).body);
    const cancelled = await call('POST', `/v1/redemptions/${order.id}/cancel`, { token: member.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await balanceOf(member.token)).toBe(300);
    expect((await ledgerSum(member.token)).entries[0]).toMatchObject({ delta: 100, refType: 'order', refId: order.id });
    expect(Goods.parse((await call('GET', `/v1/goods/${goods.id}`, { token: member.token })).body).stock).toBe(3);
    expect((await call('POST', `/v1/redemptions/${order.id}/cancel`, { token: member.token })).body.error.code).toBe('INVALID_STATE');
    // The allowance came back too: the member may redeem again.
    expect((await redeem(member.token, goods.id)).status).toBe(201);
    const messages = (await call('GET', '/v1/me/messages', { token: member.token })).body.items;
    expect(messages[0].title).toBe('兑换已取消');
  });

  it('two cadres verifying one code at once → one 200, one 409; a verified order cannot be cancelled', async () => {
    const member = await newMember(300);
    const goods = await publish({ stock: 3 });
    const order = Order.parse((await redeem(member.token, goods.id)).body);
    const [xian, province] = await Promise.all([login('cadre-xian'), login('cadre-province')]);
    const answers = await Promise.all([
      call('POST', '/v1/admin/redemptions/verify', { token: xian.token, body: { pickupCode: order.pickupCode.toLowerCase() } }),
      call('POST', '/v1/admin/redemptions/verify', { token: province.token, body: { pickupCode: order.pickupCode } }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('INVALID_STATE');
    expect((await call('GET', `/v1/redemptions/${order.id}`, { token: member.token })).body.status).toBe('fulfilled');
    expect((await call('POST', `/v1/redemptions/${order.id}/cancel`, { token: member.token })).status).toBe(409);
    const fulfilled = CadreOrderPage.parse((await call('GET', '/v1/admin/redemptions?status=fulfilled&limit=100', { token: xian.token })).body);
    expect(fulfilled.items.map((o) => o.id)).toContain(order.id);
    expect((await call('GET', '/v1/me/messages', { token: member.token })).body.items[0].title).toBe('兑换已核销');
  });

  it('admin routes: a member gets 403 FORBIDDEN, a cadre of another branch 403 OUT_OF_SCOPE', async () => {
    const member = await newMember(300);
    const goods = await publish({ stock: 3 });
    const order = Order.parse((await redeem(member.token, goods.id)).body);
    const baoji = (await login('cadre-baoji')).token;
    const routes: [string, string, unknown][] = [
      ['POST', '/v1/admin/redemptions/verify', { pickupCode: order.pickupCode }],
      ['PATCH', `/v1/admin/goods/${goods.id}`, { stockDelta: 1 }],
      ['POST', '/v1/admin/goods', { name: '越权商品', description: '', pointsPrice: 10, stock: 1, perMemberLimit: 1, orgId: 'xa', fulfilment: 'pickup' }],
      ['POST', '/v1/admin/points-adjustments', { userId: member.me.id, delta: 10, reason: '越权' }],
      ['GET', '/v1/admin/redemptions?orgId=xa', undefined],
      ['GET', '/v1/admin/goods?orgId=xa', undefined],
    ];
    for (const [method, path, body] of routes) {
      const asMember = await call(method, path, { token: member.token, body });
      expect(asMember.status, `${method} ${path}`).toBe(403);
      expect(asMember.body.error.code).toBe('FORBIDDEN');
      const asOutsider = await call(method, path, { token: baoji, body });
      expect(asOutsider.status, `${method} ${path}`).toBe(403);
      expect(asOutsider.body.error.code).toBe('OUT_OF_SCOPE');
    }
    expect((await call('GET', `/v1/redemptions/${order.id}`, { token: member.token })).body.status).toBe('awaiting_pickup');
    expect(await balanceOf(member.token)).toBe(200);
  });

  it('goods: a member sees only goods of unions on their own chain', async () => {
    const member = await newMember(0);
    const mine = await publish({ name: '西安商品' }, 'cadre-xian');
    const baoji = await publish({ name: '宝鸡商品', orgId: 'bj' }, 'cadre-baoji');
    const list = (await call('GET', '/v1/goods', { token: member.token })).body.items.map((g: Goods) => g.id);
    expect(list).toContain(mine.id);
    expect(list).toContain('demo-goods-1'); // the province's
    expect(list).not.toContain(baoji.id);
    expect((await redeem(member.token, baoji.id)).status).toBe(403);
  });
});

describe('cadre points adjustment', () => {
  it('adds and deducts with a reason, never below zero, and audits', async () => {
    const member = await newMember(100);
    const xian = (await login('cadre-xian')).token;
    const minus = await call('POST', '/v1/admin/points-adjustments', { token: xian, body: { userId: member.me.id, delta: -30, reason: '重复发放更正' } });
    expect(minus.status).toBe(201);
    expect(minus.body).toMatchObject({ delta: -30, balanceAfter: 70, refType: 'adjustment' });
    const tooMuch = await call('POST', '/v1/admin/points-adjustments', { token: xian, body: { userId: member.me.id, delta: -71, reason: '扣过头' } });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('INSUFFICIENT_POINTS');
    for (const body of [{ userId: member.me.id, delta: 10 }, { userId: member.me.id, delta: 0, reason: '零' }, { userId: member.me.id, delta: 1.5, reason: '小数' }]) {
      expect((await call('POST', '/v1/admin/points-adjustments', { token: xian, body })).status).toBe(400);
    }
    expect(await balanceOf(member.token)).toBe(70);
    expect((await ledgerSum(member.token)).sum).toBe(70);
  });

  it('twenty concurrent deductions of 10 from 100 → at most ten succeed, never below zero, balance = ledger sum', async () => {
    const member = await newMember(100);
    const xian = (await login('cadre-xian')).token;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => call('POST', '/v1/admin/points-adjustments', { token: xian, body: { userId: member.me.id, delta: -10, reason: '并发扣减' } })),
    );
    const ok = answers.filter((a) => a.status === 201).length;
    expect(answers.every((a) => [201, 409, 503].includes(a.status))).toBe(true);
    expect(await balanceOf(member.token)).toBe(100 - 10 * ok);
    expect((await ledgerSum(member.token)).sum).toBe(100 - 10 * ok);
    expect(ok).toBeLessThanOrEqual(10);
  });
});
