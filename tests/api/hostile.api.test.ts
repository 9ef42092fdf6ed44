/**
 * Hostile input on every route of the contract (shared/src/routes.ts — the source of openapi.json):
 * wrong types, missing fields, oversize and malformed bodies, wrong content types, injection-looking
 * and odd unicode strings, bad tokens. Always a 4xx with the error body, never a 5xx; and invalid
 * requests write nothing (checked on the caller's own items and on their audit trail).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { SignJWT } from 'jose';
import { OPERATIONS, type Operation } from '@union/shared/routes';
import { localClient } from '../../scripts/lib/dynamodb-local';
import { TEST_API, TEST_DYNAMO, TEST_TABLE } from '../setup/ports';
import { call, login } from './client';
import { newIdNumber, newMember } from './fixtures';

const ODD_STRINGS = ["'; DROP TABLE users; --", '<script>alert(1)</script>', '../../etc/passwd', '${jndi:ldap://x/a}', '\u0000\u202e\ud83d\ude00', '%00%2e%2e', 'x'.repeat(3000)];
const WRONG_TYPES: unknown[] = [12345, true, null, [], {}, -1e308];

let member: Awaited<ReturnType<typeof newMember>>;
let cadre: Awaited<ReturnType<typeof login>>;

async function ownItems(ids: string[]) {
  const client = localClient(TEST_DYNAMO);
  const found: string[] = [];
  let start: Record<string, any> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: TEST_TABLE, ExclusiveStartKey: start }));
    for (const i of out.Items ?? []) {
      // A login stamps lastLoginAt: other suites running alongside sign in as the seeded cadres too.
      const { lastLoginAt: _login, ...item } = unmarshall(i);
      const text = JSON.stringify(item);
      if (ids.some((id) => text.includes(id)) && !String(item.PK).startsWith('RATE#')) found.push(`${item.PK}|${item.SK}|${JSON.stringify(item)}`);
    }
    start = out.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return found.sort();
}

function pathWith(r: Operation, value: string) {
  return r.path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
}

function validishBody(r: Operation): Record<string, unknown> {
  const shape = (r.body as unknown as { shape?: Record<string, unknown> })?.shape ?? {};
  return Object.fromEntries(Object.keys(shape).map((k) => [k, 'x']));
}

beforeAll(async () => {
  member = await newMember(50);
  // A cadre of 西安 used only here, so their audit trail is ours. (Not of the root: the roles test
  // relies on the root having exactly one cadre.)
  cadre = await newMember(0);
  const memberNo = (await call('GET', '/v1/me', { token: cadre.token })).body.membership.memberNo;
  const xian = (await login('cadre-xian')).token;
  expect((await call('POST', '/v1/admin/roles', { token: xian, body: { memberNo, orgId: 'xa' } })).status).toBe(201);
}, 60_000);

describe('hostile input on every route', () => {
  it('is answered 4xx with the error body, never 5xx, and invalid requests write nothing', { timeout: 300_000 }, async () => {
    const before = await ownItems([member.me.id, cadre.me.id]);
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(member.me.id).setIssuer('zhgh').setAudience('zhgh-miniprogram').setExpirationTime('1h').sign(new TextEncoder().encode('forged-secret-forged-secret-forged-000'));
    const alg = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: member.me.id })).toString('base64url')}.`;
    let requests = 0;
    const failures: string[] = [];
    const expect4xx = (label: string, status: number, body: any, invalid = true) => {
      requests++;
      if (status >= 500) failures.push(`${label} → ${status} ${JSON.stringify(body).slice(0, 200)}`);
      else if (invalid && (status < 400 || !body?.error?.code || !body?.error?.message)) failures.push(`${label} → ${status} (expected 4xx error body)`);
    };

    for (const r of OPERATIONS.filter((x) => !x.path.startsWith('/v1/wechat/'))) {
      const token = r.path.startsWith('/v1/admin/') ? cadre.token : member.token;
      const method = r.method.toUpperCase();
      const label = `${method} ${r.path}`;
      const path = pathWith(r, 'no-such-thing');

      if (r.auth) {
        for (const bad of [undefined, 'garbage', forged, alg]) {
          const a = await call(method, path, { token: bad, body: r.body ? validishBody(r) : undefined });
          expect4xx(`${label} token=${String(bad).slice(0, 10)}`, a.status, a.body);
          if (a.status !== 401) failures.push(`${label} with a bad token → ${a.status}, expected 401`);
        }
      }
      if (r.path.includes('{')) {
        for (const odd of ODD_STRINGS) {
          const a = await call(method, pathWith(r, odd), { token, body: r.body ? validishBody(r) : undefined });
          expect4xx(`${label} param=${odd.slice(0, 12)}`, a.status, a.body);
        }
      }
      const queryKeys = Object.keys((r.query as unknown as { shape?: Record<string, unknown> })?.shape ?? {});
      for (const key of queryKeys) {
        for (const odd of [...ODD_STRINGS, '-1', '1e309', '[]']) {
          const a = await call(method, `${path}?${key}=${encodeURIComponent(odd)}`, { token });
          expect4xx(`${label} ?${key}=${odd.slice(0, 12)}`, a.status, a.body, false);
        }
      }
      if (r.body) {
        const bodies: [string, string, Record<string, string>][] = [
          ['bad JSON', '{"a":', { 'content-type': 'application/json' }],
          ['wrong content type', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }],
          ['oversize', JSON.stringify({ pad: 'x'.repeat(70_000) }), { 'content-type': 'application/json' }],
          ['array body', '[]', { 'content-type': 'application/json' }],
          ['null body', 'null', { 'content-type': 'application/json' }],
          ['empty object', '{}', { 'content-type': 'application/json' }],
        ];
        for (const [what, raw, headers] of bodies) {
          const a = await call(method, path, { token, rawBody: raw, headers });
          expect4xx(`${label} ${what}`, a.status, a.body);
        }
        for (const field of Object.keys(validishBody(r))) {
          for (const wrong of WRONG_TYPES) {
            const a = await call(method, path, { token, body: { ...validishBody(r), [field]: wrong } });
            expect4xx(`${label} ${field}=${JSON.stringify(wrong)}`, a.status, a.body);
          }
          for (const odd of ODD_STRINGS) {
            const a = await call(method, path, { token, body: { ...validishBody(r), [field]: odd } });
            expect4xx(`${label} ${field}=${odd.slice(0, 12)}`, a.status, a.body, false);
          }
        }
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(requests).toBeGreaterThan(500);
    // Nothing the hostile requests asked for happened to the callers' own data.
    const after = await ownItems([member.me.id, cadre.me.id]);
    expect(after.filter((x) => !x.includes('ACTIVE#') && !x.includes('"entity":"Audit'))).toEqual(before.filter((x) => !x.includes('ACTIVE#') && !x.includes('"entity":"Audit')));
    const audit = (await call('GET', `/v1/admin/audit-log?actorUserId=${cadre.me.id}&limit=100`, { token: cadre.token })).body.items;
    expect(audit).toEqual([]);
  });

  it('the official-account webhook refuses unsigned and malformed pushes with 4xx', async () => {
    for (const body of ['', '<xml>', 'x'.repeat(70_000), '{"json":true}']) {
      const res = await fetch(`${TEST_API}/v1/wechat/official-account`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });
});

describe('hostile input, extended: query semantics and other people\'s ids', () => {
  it('bad limits, cursors, dates and enums on every list route are 400; ids of other users and scopes are 403/404; 0 × 5xx, 0 writes', { timeout: 300_000 }, async () => {
    const victim = await newMember(100);
    const goods = await call('POST', '/v1/admin/goods', { token: (await login('cadre-xian')).token, body: { name: '受害者商品', description: '', pointsPrice: 10, stock: 5, perMemberLimit: 1, orgId: 'xa', fulfilment: 'pickup' } });
    const order = await call('POST', '/v1/redemptions', { token: victim.token, body: { goodsId: goods.body.id, quantity: 1 }, headers: { 'idempotency-key': `hostile-${victim.me.id}` } });
    expect(order.status).toBe(201);
    const baoji = (await login('cadre-baoji')).token;
    const baojiGoods = await call('POST', '/v1/admin/goods', { token: baoji, body: { name: '宝鸡商品', description: '', pointsPrice: 10, stock: 5, perMemberLimit: 1, orgId: 'bj', fulfilment: 'pickup' } });
    const applicant = await login();
    const bjRequest = await call('POST', '/v1/join-requests', { token: applicant.token, body: { name: '宝鸡申请', idNumber: newIdNumber(), phone: '13912340001', orgId: 'bj-wb-tj', employer: '宝鸡钛金' } });
    const baojiCadreId = (await login('cadre-baoji')).me.id;
    const watched = [member.me.id, cadre.me.id, victim.me.id, applicant.me.id, baojiCadreId, order.body.id, baojiGoods.body.id];
    const before = await ownItems(watched);

    const failures: string[] = [];
    let requests = 0;
    const expectStatus = async (label: string, method: string, path: string, token: string, allowed: number[], body?: unknown) => {
      requests++;
      const a = await call(method, path, { token, body });
      if (!allowed.includes(a.status)) failures.push(`${label}: ${method} ${path} → ${a.status} ${JSON.stringify(a.body).slice(0, 150)}`);
    };

    // Other users' and other scopes' ids.
    await expectStatus('another member\'s order', 'GET', `/v1/redemptions/${order.body.id}`, member.token, [404]);
    await expectStatus('cancel another member\'s order', 'POST', `/v1/redemptions/${order.body.id}/cancel`, member.token, [404]);
    await expectStatus('another city\'s goods', 'GET', `/v1/goods/${baojiGoods.body.id}`, member.token, [404]);
    await expectStatus('favourite another city\'s goods', 'PUT', `/v1/me/favorites/goods/${baojiGoods.body.id}`, member.token, [404]);
    await expectStatus('edit another city\'s goods', 'PATCH', `/v1/admin/goods/${baojiGoods.body.id}`, cadre.token, [403], { stockDelta: 100 });
    for (const action of ['approve', 'reveal', 'reject']) {
      await expectStatus(`${action} another city's request`, 'POST', `/v1/admin/join-requests/${bjRequest.body.id}/${action}`, cadre.token, [403], action === 'reveal' ? { field: 'idNumber' } : action === 'reject' ? { reason: '越权驳回' } : undefined);
    }
    await expectStatus('adjust another city\'s member', 'POST', '/v1/admin/points-adjustments', cadre.token, [403], { userId: baojiCadreId, delta: 100, reason: '越权调整' });
    await expectStatus('look up another city\'s member', 'GET', `/v1/admin/members/${baojiCadreId}`, cadre.token, [403]);
    await expectStatus('remove another city\'s cadre', 'DELETE', `/v1/admin/roles/bj/${baojiCadreId}`, cadre.token, [403]);
    await expectStatus('orders of another city', 'GET', '/v1/admin/redemptions?orgId=bj', cadre.token, [403]);
    await expectStatus('audit log of the province', 'GET', '/v1/admin/audit-log?orgId=sx', cadre.token, [403]);
    await expectStatus('adjust oneself', 'POST', '/v1/admin/points-adjustments', cadre.token, [403], { userId: cadre.me.id, delta: 100, reason: '自己加分' });

    // Query semantics on every list and query route.
    const crafted = Buffer.from(JSON.stringify({ PK: { S: `USER#${victim.me.id}` }, SK: { S: 'LEDGER#0000000001' } })).toString('base64url');
    const BAD: Record<string, string[]> = {
      limit: ['0', '101', '-5', '1.5', 'abc', '1e3', ''],
      cursor: [crafted, 'x.y', '%%%'],
      from: ['2026-13-45', '2026-02-30', 'yesterday'],
      to: ['2026-00-01', '20261130'],
      month: ['2026-13', '26-11'],
      status: ['bogus', 'PENDING'],
      format: ['xml'],
      kind: ['bogus'],
    };
    for (const r of OPERATIONS.filter((x) => x.method === 'get' && x.query && !x.path.startsWith('/v1/wechat/'))) {
      const shape = (r.query as unknown as { shape?: Record<string, unknown> })?.shape ?? {};
      const token = r.path.startsWith('/v1/admin/') ? (await login('cadre-province')).token : member.token;
      const path = r.path.replace('{id}', r.path.startsWith('/v1/orgs/') ? 'sx' : 'demo-activity-1');
      for (const key of Object.keys(shape).filter((k) => BAD[k])) {
        for (const value of BAD[key]) {
          const extra = key === 'to' || key === 'from' ? (key === 'to' ? '&from=2026-01-01' : '&to=2026-12-31') : '';
          const needs = r.path === '/v1/admin/stats' && key !== 'from' && key !== 'to' ? '&from=2026-01-01&to=2026-01-02' : '';
          await expectStatus(`?${key}=${value}`, 'GET', `${path}?${key}=${encodeURIComponent(value)}${extra}${needs}`, token, [400]);
        }
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(requests).toBeGreaterThan(60);
    const after = await ownItems(watched);
    const stable = (xs: string[]) => xs.filter((x) => !x.includes('ACTIVE#') && !x.includes('"entity":"Audit') && !x.includes('"entity":"Idempotency'));
    expect(stable(after)).toEqual(stable(before));
  });
});
