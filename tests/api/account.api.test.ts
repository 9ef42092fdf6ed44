/**
 * Export and 注销 over HTTP (serverless offline + DynamoDB Local). Roster members here belong to
 * 西安大雁塔文化旅游发展有限公司工会 (xa-yt-dy), which no other test file uses.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DynamoDBClient, GetItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { AccountExport } from '@union/shared/account-export';
import { chinaIso } from '@union/shared/china-day';
import { call, login } from './client';
import { newMember } from './fixtures';
import { upload } from './roster-client';
import { randomName, randomPhone, uniqueIdNumber, xlsx } from '../fixtures/roster-files';
import { TEST_DYNAMO, TEST_TABLE } from '../setup/ports';
import { idNumberIndex } from '../../functions/src/lib/pii';

const ORG = 'xa-yt-dy';
const HEADER = ['姓名', '身份证号', '手机号', '会员号', '入会日期', '基层工会'];
const hours = (h: number) => chinaIso(new Date(Date.now() + h * 3600_000));
const db = new DynamoDBClient({ endpoint: TEST_DYNAMO, region: 'cn-northwest-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const del = (token: string, body: unknown = { confirm: '注销' }, key: string = randomUUID()) =>
  call('POST', '/v1/me/deletion', { token, body, headers: { 'idempotency-key': key } });

async function scanAll(): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await db.send(new ScanCommand({ TableName: TEST_TABLE, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []).map((i) => unmarshall(i)));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

const activeMembers = async (orgId: string) =>
  Number(unmarshall((await db.send(new GetItemCommand({ TableName: TEST_TABLE, Key: { PK: { S: `ORG#${orgId}` }, SK: { S: 'ORG' } }, ConsistentRead: true }))).Item ?? {}).activeMembers ?? 0);

/** A roster record of ORG imported by its cadre and claimed by a new user (会员认证), topped up with points. */
async function rosterMember(points: number) {
  const cadre = await login('cadre-xian');
  const person = { name: randomName(), idNumber: uniqueIdNumber(), phone: randomPhone(), memberNo: `SXDY${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}` };
  const up = await upload(cadre.token, xlsx([HEADER, [person.name, person.idNumber, person.phone, person.memberNo, '2019-03-01', null]]), { orgId: ORG });
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  for (;;) {
    const committed = await call('POST', `/v1/admin/imports/${up.body.id}/commit`, { token: cadre.token });
    expect(committed.status, JSON.stringify(committed.body)).toBe(200);
    if (committed.body.status === 'committed') break;
  }
  const wechat = `del-${randomUUID().slice(0, 12)}`;
  const user = await login(wechat);
  const verified = await call('POST', '/v1/member-verifications', { token: user.token, body: { name: person.name, idNumber: person.idNumber, phone: person.phone } });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  if (points) {
    const adjusted = await call('POST', '/v1/admin/points-adjustments', { token: cadre.token, body: { userId: user.me.id, delta: points, reason: '测试充值' } });
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(201);
  }
  return { ...user, wechat, person, cadre };
}

async function goods(cadreToken: string, stock: number) {
  const answer = await call('POST', '/v1/admin/goods', {
    token: cadreToken, body: { name: '注销测试商品', description: '用于测试', pointsPrice: 100, stock, perMemberLimit: 2, orgId: 'xa', fulfilment: 'pickup' },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.id as string;
}

/** An activity of 西安 tomorrow with one place and a waiting list, signup open now. */
async function tomorrowsActivity(cadreToken: string) {
  const answer = await call('POST', '/v1/admin/activities', {
    token: cadreToken,
    body: {
      title: '注销测试活动', description: '用于测试', location: '职工之家', orgId: 'xa', startsAt: hours(24), endsAt: hours(26),
      signupOpensAt: hours(-1), signupClosesAt: hours(20), capacity: 1, waitlist: true, pointsReward: 5,
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.id as string;
}

const redeem = (token: string, goodsId: string) => call('POST', '/v1/redemptions', { token, body: { goodsId, quantity: 1 }, headers: { 'idempotency-key': randomUUID() } });
const signUp = (token: string, id: string) => call('POST', `/v1/activities/${id}/signups`, { token, headers: { 'idempotency-key': randomUUID() } });

describe('GET /v1/me/export', () => {
  it('holds every kind of record about me, my personal data in full, and nobody else\'s', async () => {
    const member = await newMember(400);
    const other = await newMember(400);
    const cadre = await login('cadre-xian');
    const goodsId = await goods(cadre.token, 10);
    const activityId = await tomorrowsActivity(cadre.token);
    const order = await redeem(member.token, goodsId);
    expect(order.status).toBe(201);
    const cancelled = await redeem(member.token, goodsId);
    expect((await call('POST', `/v1/redemptions/${cancelled.body.id}/cancel`, { token: member.token })).status).toBe(200);
    const othersOrder = await redeem(other.token, goodsId);
    expect((await signUp(member.token, activityId)).status).toBe(201);
    expect((await call('PUT', `/v1/me/favorites/goods/${goodsId}`, { token: member.token })).status).toBe(200);
    const transfer = await call('POST', '/v1/transfer-requests', { token: member.token, body: { toOrgId: 'xa-yt-ca', reason: '工作调动' } });
    expect(transfer.status, JSON.stringify(transfer.body)).toBe(201);

    const answer = await call('GET', '/v1/me/export', { token: member.token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const data = AccountExport.parse(answer.body);
    expect(data.profile).toMatchObject({ id: member.me.id, membership: { status: 'active', orgId: 'xa-yt-qy' }, points: { balance: 300 } });
    // The join request as filed, decrypted (fixtures.ts: 测试会员 and a 身份证号 / phone of its own).
    expect(data.joinRequests).toHaveLength(1);
    expect(data.joinRequests[0].name).toBe('测试会员');
    expect(data.joinRequests[0].idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(data.joinRequests[0].phone).toMatch(/^1\d{10}$/);
    expect(data.transferRequests.map((t) => t.id)).toEqual([transfer.body.id]);
    expect(data.ledger.reduce((s, e) => s + e.delta, 0)).toBe(300);
    expect(data.ledger.map((e) => e.reason)).toEqual(expect.arrayContaining(['积分调整：测试充值']));
    expect(data.orders.map((o) => o.status).sort()).toEqual(['awaiting_pickup', 'cancelled']);
    expect(data.orders.find((o) => o.id === order.body.id)?.pickupCode).toBe(order.body.pickupCode);
    expect(data.signups).toEqual([expect.objectContaining({ activityId, activityTitle: '注销测试活动', status: 'confirmed' })]);
    expect(data.favorites).toEqual([expect.objectContaining({ kind: 'goods', id: goodsId })]);
    expect(data.messages.length).toBeGreaterThan(0);
    expect(data.roster).toBeNull();
    // Nobody else's: not the other member's order, id or personal data.
    const text = JSON.stringify(data);
    expect(text).not.toContain(othersOrder.body.id);
    expect(text).not.toContain(other.me.id);

    // A roster member's export carries the roster record in full.
    const bound = await rosterMember(0);
    const theirs = AccountExport.parse((await call('GET', '/v1/me/export', { token: bound.token })).body);
    expect(theirs.roster).toMatchObject({ orgId: ORG, name: bound.person.name, idNumber: bound.person.idNumber, phone: bound.person.phone, memberNo: bound.person.memberNo });
  });

  it('a long ledger is exported whole (paged inside)', { timeout: 120_000 }, async () => {
    const member = await newMember(0);
    const cadre = await login('cadre-xian');
    // One at a time: each posting moves the same balance.
    for (let i = 1; i <= 120; i++) {
      const a = await call('POST', '/v1/admin/points-adjustments', { token: cadre.token, body: { userId: member.me.id, delta: 1, reason: `第${i}次` } });
      expect(a.status, JSON.stringify(a.body)).toBe(201);
    }
    const data = AccountExport.parse((await call('GET', '/v1/me/export', { token: member.token })).body);
    expect(data.ledger).toHaveLength(120);
    expect(data.profile.points.balance).toBe(120);
  });

  it('without a token: 401 with the error body', async () => {
    const answer = await call('GET', '/v1/me/export');
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.any(String) });
  });
});

describe('POST /v1/me/deletion (注销)', () => {
  it('refunds the open order, frees the place to the waiter, unbinds the roster, erases personal data; the token stops; a new login is a new user who can 会员认证 again', { timeout: 120_000 }, async () => {
    const member = await rosterMember(500);
    const waiter = await newMember(0);
    const goodsId = await goods(member.cadre.token, 5);
    const activityId = await tomorrowsActivity(member.cadre.token);
    expect((await redeem(member.token, goodsId)).status).toBe(201);
    expect((await signUp(member.token, activityId)).body.status).toBe('confirmed');
    expect((await signUp(waiter.token, activityId)).body.status).toBe('waitlisted');
    const membersBefore = await activeMembers(ORG);

    const answer = await del(member.token);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ status: 'deleted', ordersCancelled: 1, signupsCancelled: 1, pointsForfeited: 500 });

    // The token stops at once, on every route.
    for (const [method, path] of [['GET', '/v1/me'], ['GET', '/v1/me/export'], ['GET', '/v1/points/ledger'], ['GET', '/v1/me/messages']]) {
      const after = await call(method, path, { token: member.token });
      expect(after.status, `${method} ${path}`).toBe(401);
      expect(after.body.error.code).toBe('UNAUTHENTICATED');
    }
    // Stock back, the waiter promoted, the union counts one member fewer.
    expect((await call('GET', `/v1/goods/${goodsId}`, { token: waiter.token })).body.stock).toBe(5);
    expect((await call('GET', `/v1/activities/${activityId}`, { token: waiter.token })).body.mySignup).toMatchObject({ status: 'confirmed' });
    expect(await activeMembers(ORG)).toBe(membersBefore - 1);
    // Audited in the union's log.
    const audit = await call('GET', `/v1/admin/audit-log?action=account.delete&actorUserId=${member.me.id}`, { token: member.cadre.token });
    expect(audit.status, JSON.stringify(audit.body)).toBe(200);
    expect(audit.body.items).toHaveLength(1);

    // No personal data left: the whole table holds neither name, phone, 身份证号 (or its hash), openid nor
    // unionid — but the union's own roster record (ROSTER#<hash>, encrypted), which stays, unbound.
    const hash = idNumberIndex(member.person.idNumber);
    const needles = [member.person.name, member.person.phone, member.person.idNumber, hash, `dev-${member.wechat}`, `dev-union-${member.wechat}`];
    const items = await scanAll();
    const leaks = items
      .filter((item) => item.PK !== `ROSTER#${hash}`)
      .map((item) => ({ key: `${item.PK} / ${item.SK}`, text: JSON.stringify(item) }))
      .flatMap(({ key, text }) => needles.filter((n) => text.includes(n)).map((n) => `${key} holds ${n}`));
    expect(leaks).toEqual([]);
    expect(items.find((i) => i.PK === `ROSTER#${hash}` && i.SK === 'BINDING')?.userId).toBeUndefined();
    // What stays of the account: its ledger, closed to 0 by the lapse entry, and the closed marker.
    const left = items.filter((i) => i.PK === `USER#${member.me.id}`);
    expect(left.every((i) => i.SK === 'CLOSED' || i.SK.startsWith('LEDGER#'))).toBe(true);
    expect(left.filter((i) => i.SK.startsWith('LEDGER#')).reduce((s, i) => s + i.delta, 0)).toBe(0);

    // The same WeChat again: a new user, not a member, who can claim the record again.
    const again = await login(member.wechat);
    expect(again.me.id).not.toBe(member.me.id);
    expect(again.me).toMatchObject({ membership: { status: 'none' }, points: { balance: 0 } });
    const verified = await call('POST', '/v1/member-verifications', { token: again.token, body: { name: member.person.name, idNumber: member.person.idNumber, phone: member.person.phone } });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({ status: 'bound', memberNo: member.person.memberNo });
    expect(await activeMembers(ORG)).toBe(membersBefore);
  });

  it('a member who joined by request: pending transfer withdrawn, membership released, can apply again', async () => {
    const member = await newMember(50);
    const transfer = await call('POST', '/v1/transfer-requests', { token: member.token, body: { toOrgId: 'xa-yt-ca', reason: '工作调动' } });
    expect(transfer.status).toBe(201);
    const answer = await del(member.token);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ requestsWithdrawn: 1, pointsForfeited: 50 });
    const cadre = await login('cadre-xian');
    const decided = await call('GET', `/v1/admin/transfer-requests?status=rejected&orgId=xa-yt-ca&limit=100`, { token: cadre.token });
    expect(decided.body.items.find((t: { id: string }) => t.id === transfer.body.id)).toMatchObject({ memberName: '已注销用户' });
  });

  it('a burst of 10 deletions (different keys) deletes once: one 200, the rest 401/409, one lapse entry, one audit record', { timeout: 60_000 }, async () => {
    const member = await newMember(200);
    const answers = await Promise.all(Array.from({ length: 10 }, () => del(member.token)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200), JSON.stringify(answers.map((a) => a.body))).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 401 || s === 409)).toBe(true);
    const items = (await scanAll()).filter((i) => i.PK === `USER#${member.me.id}`);
    expect(items.filter((i) => String(i.refId ?? '').startsWith('deletion:'))).toHaveLength(1);
    const cadre = await login('cadre-xian');
    const audit = await call('GET', `/v1/admin/audit-log?action=account.delete&actorUserId=${member.me.id}`, { token: cadre.token });
    expect(audit.body.items).toHaveLength(1);
    // The same key again replays the one answer.
    const key = randomUUID();
    const next = await newMember(0);
    const same = await Promise.all(Array.from({ length: 5 }, () => del(next.token, undefined, key)));
    expect(new Set(same.map((a) => a.status))).toEqual(new Set([200]));
  });

  it('bad input, no token, a cadre: error bodies and nothing deleted', async () => {
    const member = await newMember(10);
    for (const body of [{}, { confirm: '删除' }, { confirm: 1 }]) {
      const answer = await del(member.token, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String) });
    }
    const plain = await call('POST', '/v1/me/deletion', { token: member.token, rawBody: 'confirm=注销', headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(415);
    const anonymous = await call('POST', '/v1/me/deletion', { body: { confirm: '注销' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    expect((await call('GET', '/v1/me', { token: member.token })).status).toBe(200);
    const cadre = await login('cadre-beilin');
    const refused = await del(cadre.token);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('干部') });
    expect((await call('GET', '/v1/me', { token: cadre.token })).status).toBe(200);
  });
});
