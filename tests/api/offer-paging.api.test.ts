/**
 * api.md "Conventions": lists take `?limit=&cursor=` and answer `{items, nextCursor}`. `GET /v1/goods`
 * and `GET /v1/activities` ignored both (everything at once, nextCursor always null; goods cut at 50 per
 * union) — found by the outside probe (scripts/probe/contract.ts). Now both page the offer of the
 * member's union chain: goods newest first, activities open signups first.
 */
import { describe, expect, it } from 'vitest';
import { GoodsPage } from '@union/shared/mall';
import { ActivityPage } from '@union/shared/activities';
import { chinaIso } from '@union/shared/china-day';
import { call, everyPage, login } from './client';
import { hanTag, newMember } from './fixtures';

describe('GET /v1/goods pages', () => {
  it('honours limit and cursor over the whole union chain: no item lost or repeated, newest first', { timeout: 120_000 }, async () => {
    // A union of its own (a fresh basic union under 雁塔), so the chain's offer is known: its goods and its ancestors'.
    const xian = (await login('cadre-xian')).token;
    const org = await call('POST', '/v1/admin/orgs', { token: xian, body: { parentId: 'xa-yt', name: `分页${hanTag(6)}公司工会`, level: 'basic' } });
    expect(org.status).toBe(201);
    for (let i = 0; i < 5; i++) {
      const g = await call('POST', '/v1/admin/goods', { token: xian, body: { name: `分页商品${i}`, description: '', pointsPrice: 1, stock: 1, perMemberLimit: 1, orgId: org.body.id, fulfilment: 'pickup' } });
      expect(g.status).toBe(201);
    }
    const member = await newMember(0, org.body.id);
    const whole = GoodsPage.parse((await call('GET', '/v1/goods?limit=100', { token: member.token })).body);
    expect(whole.items.filter((g) => g.orgId === org.body.id)).toHaveLength(5);
    const paged = (await everyPage('/v1/goods', member.token, 2, (b) => GoodsPage.parse(b))).map((g) => g.id);
    expect(paged).toEqual(whole.items.map((g) => g.id));
    expect(new Set(paged).size).toBe(paged.length);
  });

  it('refuses a bad limit or a cursor of another list with 400', async () => {
    const member = await newMember(0);
    const ledgerCursor = (await call('GET', '/v1/points/ledger?limit=1', { token: member.token })).body.nextCursor as string | null;
    const goodsCursor = (await call('GET', '/v1/goods?limit=1', { token: member.token })).body.nextCursor as string | null;
    for (const list of ['/v1/goods', '/v1/activities']) {
      for (const q of ['limit=0', 'limit=abc', 'limit=1000', 'cursor=not-a-cursor', ...[ledgerCursor, list === '/v1/activities' ? goodsCursor : null].filter(Boolean).map((c) => `cursor=${encodeURIComponent(c!)}`)]) {
        const answer = await call('GET', `${list}?${q}`, { token: member.token });
        expect(answer.status, `${list}?${q}`).toBe(400);
        expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      }
    }
  });
});

describe('GET /v1/activities pages', () => {
  it('honours limit and cursor: the pages give the whole list in its order (open signups first), once each', { timeout: 120_000 }, async () => {
    const xian = (await login('cadre-xian')).token;
    const org = await call('POST', '/v1/admin/orgs', { token: xian, body: { parentId: 'xa-yt', name: `活动分页${hanTag(6)}公司工会`, level: 'basic' } });
    expect(org.status).toBe(201);
    const at = (h: number) => chinaIso(new Date(Date.now() + h * 3600_000));
    // Three open for signup and two whose signup opens tomorrow, all of the new union.
    for (const [i, opens] of [[0, -1], [1, 24], [2, -1], [3, 24], [4, -1]] as const) {
      const a = await call('POST', '/v1/admin/activities', {
        token: xian,
        body: { title: `分页活动${i}`, description: '', location: '职工之家', orgId: org.body.id, startsAt: at(72 + i), endsAt: at(74 + i), signupOpensAt: at(opens), signupClosesAt: at(48), capacity: 10, waitlist: false, pointsReward: 0 },
      });
      expect(a.status).toBe(201);
    }
    const member = await newMember(0, org.body.id);
    const whole = ActivityPage.parse((await call('GET', '/v1/activities?limit=100', { token: member.token })).body);
    const ours = whole.items.filter((a) => a.orgId === org.body.id).map((a) => a.title);
    expect(ours).toEqual(['分页活动0', '分页活动2', '分页活动4', '分页活动1', '分页活动3']);
    const paged = (await everyPage('/v1/activities', member.token, 2, (b) => ActivityPage.parse(b))).map((a) => a.id);
    expect(paged).toEqual(whole.items.map((a) => a.id));
  });
});
