/**
 * Idempotency is a property of the route (ROUTES `idempotent`), applied to every write that declares it:
 * a retried request with the same Idempotency-Key answers the first result and writes nothing twice; the
 * same key with another request is 409; many copies at once still write once.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, login } from './client';
import { newMember } from './fixtures';

const ledgerOf = async (token: string) => (await call('GET', '/v1/points/ledger?limit=50', { token })).body.items as { delta: number; reason: string }[];

describe('Idempotency-Key on writes', () => {
  it('a retried points adjustment posts once and answers the first result', async () => {
    const member = await newMember(0);
    const cadre = (await login('cadre-xian')).token;
    const key = randomUUID();
    const body = { userId: member.me.id, delta: 7, reason: '重试测试' };
    const first = await call('POST', '/v1/admin/points-adjustments', { token: cadre, body, headers: { 'idempotency-key': key } });
    const retry = await call('POST', '/v1/admin/points-adjustments', { token: cadre, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const entries = (await ledgerOf(member.token)).filter((e) => e.reason.includes('重试测试'));
    expect(entries).toHaveLength(1);
    expect((await call('GET', '/v1/me', { token: member.token })).body.points.balance).toBe(7);
  });

  it('the same key with another request is 409 IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
    const member = await newMember(0);
    const cadre = (await login('cadre-xian')).token;
    const key = randomUUID();
    await call('POST', '/v1/admin/points-adjustments', { token: cadre, body: { userId: member.me.id, delta: 3, reason: '第一次' }, headers: { 'idempotency-key': key } });
    const other = await call('POST', '/v1/admin/points-adjustments', { token: cadre, body: { userId: member.me.id, delta: 300, reason: '第二次' }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await call('GET', '/v1/me', { token: member.token })).body.points.balance).toBe(3);
  });

  it('twenty copies of one sign-in at once sign in once; each copy gets the first answer or is told to retry', async () => {
    const user = await login();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => call('POST', '/v1/sign-ins', { token: user.token, headers: { 'idempotency-key': key } })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 503), statuses.join(',')).toBe(true);
    for (const a of answers.filter((x) => x.status === 503)) expect(a.body.error.code).toBe('BUSY');
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThan(0);
    for (const a of created) expect(a.body).toEqual(created[0].body);
    // A retry after the dust settles gets the stored answer, not ALREADY_SIGNED_IN.
    const later = await call('POST', '/v1/sign-ins', { token: user.token, headers: { 'idempotency-key': key } });
    expect(later.status).toBe(201);
    expect(later.body).toEqual(created[0].body);
    expect((await ledgerOf(user.token)).length).toBe(1);
  });

  it('a retried 核销 answers the first result instead of INVALID_STATE; a failed request is not remembered', async () => {
    const member = await newMember(100);
    const cadre = (await login('cadre-xian')).token;
    const goods = await call('POST', '/v1/admin/goods', {
      token: cadre,
      body: { name: `幂等测试${randomUUID().slice(0, 6)}`, description: '测试', pointsPrice: 10, stock: 5, perMemberLimit: 5, orgId: 'xa-yt-qy', fulfilment: 'pickup' },
    });
    expect(goods.status, JSON.stringify(goods.body)).toBe(201);
    const order = await call('POST', '/v1/redemptions', { token: member.token, body: { goodsId: goods.body.id, quantity: 1 }, headers: { 'idempotency-key': randomUUID() } });
    expect(order.status).toBe(201);
    const key = randomUUID();
    // A wrong code fails, and the key is free again for the right request.
    const wrong = await call('POST', '/v1/admin/redemptions/verify', { token: cadre, body: { pickupCode: 'ZZZZZZZZ' }, headers: { 'idempotency-key': randomUUID() } });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    const first = await call('POST', '/v1/admin/redemptions/verify', { token: cadre, body: { pickupCode: order.body.pickupCode }, headers: { 'idempotency-key': key } });
    const retry = await call('POST', '/v1/admin/redemptions/verify', { token: cadre, body: { pickupCode: order.body.pickupCode }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    const fresh = await call('POST', '/v1/admin/redemptions/verify', { token: cadre, body: { pickupCode: order.body.pickupCode }, headers: { 'idempotency-key': randomUUID() } });
    expect(fresh.status).toBe(409);
  });

  it('a malformed key is 400; redemption without one is 400', async () => {
    const member = await newMember(10);
    const bad = await call('POST', '/v1/sign-ins', { token: member.token, headers: { 'idempotency-key': 'no' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('Idempotency-Key');
    const none = await call('POST', '/v1/redemptions', { token: member.token, body: { goodsId: 'x', quantity: 1 } });
    expect(none.status).toBe(400);
  });
});

describe('the edge', () => {
  it('an unknown route answers the error body', async () => {
    const a = await call('GET', '/v1/no-such-route');
    expect(a.status).toBe(404);
    expect(a.body.error.code).toBe('NOT_FOUND');
  });
});
