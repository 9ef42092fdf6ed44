/**
 * Bursts on ONE member's ledger over HTTP (serverless-offline, DynamoDB Local). Every posting is guarded
 * by the member's ledgerSeq, so the database serialises them and each loser reads again and retries on
 * the server (RETRY.ledger, lib/retry.ts). Asserted: after at most one client retry with the same
 * Idempotency-Key (what the mini-program does on 503) every request is applied exactly once, and
 * balance = Σ ledger = Σ lots. How many succeed on the first try depends on the machine's load: it is
 * printed, not asserted (the figures: `npm run bench:ledger-race`, docs/design.md).
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { chinaDay } from '@union/shared/china-day';
import { LedgerPage, PointsSummary } from '@union/shared/points';
import { ArticleDetail } from '@union/shared/articles';
import { call, everyPage, login, type Answer } from './client';
import { newMember } from './fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request with its own Idempotency-Key, sent once more with the same key if the first answer is 503. */
async function withOneRetry(method: string, path: string, token: string, body?: unknown): Promise<{ first: Answer; last: Answer }> {
  const headers = { 'idempotency-key': randomUUID() };
  const first = await call(method, path, { token, body, headers });
  if (first.status !== 503) return { first, last: first };
  expect(first.body.error.code).toBe('BUSY');
  await sleep(Number(first.headers.get('retry-after') ?? 1) * 1000);
  return { first, last: await call(method, path, { token, body, headers }) };
}

/** A cadre of its own (the suite's shared cadres have a write rate limit other files spend too). */
async function newCadre() {
  const cadre = await newMember(0);
  const memberNo = (await call('GET', '/v1/me', { token: cadre.token })).body.membership.memberNo;
  const appointed = await call('POST', '/v1/admin/roles', { token: (await login('cadre-xian')).token, body: { memberNo, orgId: 'xa-yt' } });
  expect(appointed.status, JSON.stringify(appointed.body)).toBe(201);
  return cadre;
}

/** Balance, ledger and lots of a member agree. */
async function consistent(token: string) {
  const ledger = await everyPage('/v1/points/ledger', token, 100, (b) => LedgerPage.parse(b));
  const summary = PointsSummary.parse((await call('GET', '/v1/points/summary', { token })).body);
  const sum = ledger.reduce((s, e) => s + e.delta, 0);
  expect(summary.balance).toBe(sum);
  expect(summary.expiring.reduce((s, l) => s + l.points, 0)).toBe(sum);
  // Entries are numbered without gaps, each balanceAfter the running sum.
  const oldestFirst = [...ledger].reverse();
  let running = 0;
  for (const e of oldestFirst) {
    running += e.delta;
    expect(e.balanceAfter).toBe(running);
  }
  return { balance: summary.balance, ledger };
}

describe('a burst on one member\'s ledger', () => {
  it('30 adjustments at once, each with its own key: every one applied exactly once after at most one client retry', async () => {
    const [cadre, member] = await Promise.all([newCadre(), newMember(0)]);
    const sent = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      withOneRetry('POST', '/v1/admin/points-adjustments', cadre.token, { userId: member.me.id, delta: i + 1, reason: `批量发放第${i + 1}笔` })));
    const firstTry = sent.filter((s) => s.first.status === 201).length;
    console.log(`[ledger-race] 30 adjustments at once on one member: ${firstTry}/30 → 201 on the first try, ${sent.filter((s) => s.last.status === 201).length}/30 after one client retry`);
    expect(sent.map((s) => s.first.status).every((s) => s === 201 || s === 503)).toBe(true);
    expect(sent.map((s) => s.last.status)).toEqual(Array(30).fill(201));

    const { balance, ledger } = await consistent(member.token);
    expect(balance).toBe((30 * 31) / 2);
    for (let i = 0; i < 30; i++) {
      const entries = ledger.filter((e) => e.reason === `积分调整：批量发放第${i + 1}笔`);
      expect(entries, `key ${i + 1}`).toHaveLength(1);
      expect(entries[0].id).toBe(sent[i].last.body.id);
    }
    expect(ledger).toHaveLength(30);
  });

  it('sign-in, reading credit, adjustments, redemptions and a cancellation at once: all succeed, ledger consistent', async () => {
    const [cadre, member] = await Promise.all([newCadre(), newMember(1000)]);
    const goods = await call('POST', '/v1/admin/goods', {
      token: cadre.token, body: { name: '并发测试商品', description: '用于测试', pointsPrice: 100, stock: 10, perMemberLimit: 5, orgId: 'xa-yt', fulfilment: 'pickup' },
    });
    expect(goods.status, JSON.stringify(goods.body)).toBe(201);
    const earlier = await call('POST', '/v1/redemptions', { token: member.token, body: { goodsId: goods.body.id, quantity: 1 }, headers: { 'idempotency-key': randomUUID() } });
    expect(earlier.status, JSON.stringify(earlier.body)).toBe(201);
    const written = await call('POST', '/v1/admin/articles', { token: cadre.token, body: { kind: 'news', title: `并发阅读 ${randomUUID().slice(0, 8)}`, summary: '摘要', body: '正文', orgId: 'xa-yt' } });
    expect((await call('POST', `/v1/admin/articles/${written.body.id}/publish`, { token: cadre.token })).status).toBe(200);
    const opened = ArticleDetail.parse((await call('GET', `/v1/articles/${written.body.id}`, { token: member.token })).body);
    await sleep(opened.readSeconds * 1000 + 300);

    const today = chinaDay(new Date());
    // 补签 needs a missed day of this China month before today (none on the 1st) and the rule to allow it.
    const allowance = (await call('GET', '/v1/sign-ins/make-up', { token: member.token })).body as { cost: number; perMonth: number };
    const missed = today.endsWith('-01') || allowance.perMonth === 0 ? undefined : `${today.slice(0, 8)}01`;
    const requests: Array<[string, string, string, unknown?]> = [
      ['POST', '/v1/sign-ins', member.token],
      ['POST', `/v1/articles/${opened.id}/reads`, member.token],
      ...[5, -7, 11].map((delta, i): [string, string, string, unknown] => ['POST', '/v1/admin/points-adjustments', cadre.token, { userId: member.me.id, delta, reason: `同时调整${i + 1}` }]),
      ...[1, 2].map((quantity): [string, string, string, unknown] => ['POST', '/v1/redemptions', member.token, { goodsId: goods.body.id, quantity }]),
      ['POST', `/v1/redemptions/${earlier.body.id}/cancel`, member.token],
      ...(missed ? [['POST', '/v1/sign-ins/make-up', member.token, { day: missed }] as [string, string, string, unknown]] : []),
    ];
    const sent = await Promise.all(requests.map(([method, path, token, body]) => withOneRetry(method, path, token, body)));
    console.log(`[ledger-race] mixed burst of ${requests.length} on one member: ${sent.filter((s) => s.first.status < 300).length}/${requests.length} succeeded on the first try`);
    sent.forEach((s, i) => expect([s.last.status, requests[i][1]], JSON.stringify(s.last.body)).toEqual([requests[i][1].endsWith('/cancel') ? 200 : 201, requests[i][1]]));

    const { balance, ledger } = await consistent(member.token);
    const signedIn = sent[0].last.body.points as number;
    const read = sent[1].last.body.pointsAwarded as number;
    const madeUp = missed ? (sent[8].last.body.points as number) - allowance.cost : 0; // the made-up day's reward, less its cost
    expect(balance).toBe(1000 + signedIn + read + 5 - 7 + 11 - 100 * 3 + madeUp);
    // Before the burst: the top-up and the earlier redemption; then one entry per posting (补签 two).
    expect(ledger).toHaveLength(2 + 8 + (missed ? 2 : 0));
  });
});
