/**
 * api.md "Conventions": lists take `?limit=&cursor=` and answer `{items, nextCursor}`. `GET /v1/goods`
 * ignored both (everything at once, 50 per union at most, nextCursor always null) — found by the outside
 * probe (scripts/probe/contract.ts). Now pages of the merged offer of the member's union chain, newest first.
 */
import { describe, expect, it } from 'vitest';
import { GoodsPage } from '@union/shared/mall';
import { call, login } from './client';
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
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const answer = await call('GET', `/v1/goods?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: member.token });
      expect(answer.status).toBe(200);
      const page = GoodsPage.parse(answer.body);
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((g) => g.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole.items.map((g) => g.id));
    expect(new Set(paged).size).toBe(paged.length);
  });

  it('refuses a bad limit or a cursor of another list with 400', async () => {
    const member = await newMember(0);
    for (const q of ['limit=0', 'limit=abc', 'limit=1000', 'cursor=not-a-cursor']) {
      const answer = await call('GET', `/v1/goods?${q}`, { token: member.token });
      expect(answer.status, q).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    }
    const ledgerCursor = (await call('GET', '/v1/points/ledger?limit=1', { token: member.token })).body.nextCursor;
    if (ledgerCursor) expect((await call('GET', `/v1/goods?cursor=${encodeURIComponent(ledgerCursor)}`, { token: member.token })).status).toBe(400);
  });
});
