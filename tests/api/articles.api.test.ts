import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AdminArticle, ArticleDetail, ArticlePage, ReadCredit } from '@union/shared/articles';
import { AuditPage } from '@union/shared/admin';
import { FavoritePage } from '@union/shared/favorites';
import { LedgerPage } from '@union/shared/points';
import { call, everyPage, login } from './client';
import { newMember } from './fixtures';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A published article of `orgId` written by `cadre`; `pinned`, `readPoints` and the body may be set. */
async function publish(cadre: string, orgId: string, extra: Record<string, unknown> = {}) {
  const token = (await login(cadre)).token;
  const title = `测试资讯 ${randomUUID().slice(0, 8)}`;
  const written = await call('POST', '/v1/admin/articles', { token, body: { kind: 'news', title, summary: '摘要', body: '正文第一段', orgId, ...extra } });
  expect(written.status, JSON.stringify(written.body)).toBe(201);
  const draft = AdminArticle.parse(written.body);
  expect(draft.status).toBe('draft');
  const published = await call('POST', `/v1/admin/articles/${draft.id}/publish`, { token });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return { article: AdminArticle.parse(published.body), cadreToken: token };
}

async function listIds(token: string, query = '') {
  const answer = await call('GET', `/v1/articles?limit=50${query}`, { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return ArticlePage.parse(answer.body).items;
}

const balanceOf = async (token: string) => (await call('GET', '/v1/me', { token })).body.points.balance as number;

describe('who sees which articles', () => {
  it('a 宝鸡 member sees 宝鸡 and the province, never 西安; the province’s are public even without membership; pinned first', async () => {
    const [xian, baoji, province, pinned] = await Promise.all([
      publish('cadre-xian', 'xa'),
      publish('cadre-baoji', 'bj'),
      publish('cadre-province', 'sx'),
      publish('cadre-province', 'sx', { pinned: true }),
    ]);
    const bjMember = await newMember(0, 'bj-wb-ql', 'cadre-baoji');
    const xaMember = await newMember(0);
    const stranger = await login();

    const bjSees = (await listIds(bjMember.token)).map((a) => a.id);
    expect(bjSees).toEqual(expect.arrayContaining([baoji.article.id, province.article.id, pinned.article.id]));
    expect(bjSees).not.toContain(xian.article.id);
    expect((await call('GET', `/v1/articles/${xian.article.id}`, { token: bjMember.token })).status).toBe(404);

    const xaSees = (await listIds(xaMember.token)).map((a) => a.id);
    expect(xaSees).toEqual(expect.arrayContaining([xian.article.id, province.article.id]));
    expect(xaSees).not.toContain(baoji.article.id);

    const strangerSees = await listIds(stranger.token);
    expect(strangerSees.map((a) => a.id)).toEqual(expect.arrayContaining([province.article.id, pinned.article.id]));
    expect(strangerSees.every((a) => a.orgId === 'sx')).toBe(true);
    const opened = await call('GET', `/v1/articles/${province.article.id}`, { token: stranger.token });
    expect(opened.status).toBe(200);
    expect(ArticleDetail.parse(opened.body)).toMatchObject({ body: '<p>正文第一段</p>', readCredited: false });

    // Pinned ones come before every unpinned one.
    expect(bjSees.indexOf(pinned.article.id)).toBeLessThan(bjSees.indexOf(province.article.id));
    const flags = (await listIds(bjMember.token)).map((a) => a.pinned);
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
  });

  it('pages through a chain of several unions without repeating or skipping', async () => {
    const member = await newMember(0);
    const all = await listIds(member.token, '&kind=news');
    const seen = (await everyPage('/v1/articles?kind=news', member.token, 2, (b) => ArticlePage.parse(b))).map((a) => a.id);
    expect(seen.slice(0, all.length)).toEqual(all.map((a) => a.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect((await call('GET', '/v1/articles?cursor=bm90LWEta2V5', { token: member.token })).status).toBe(400);
  });

  it('unpublished articles leave the list and their page at once', async () => {
    const member = await newMember(0);
    const { article, cadreToken } = await publish('cadre-xian', 'xa');
    expect((await listIds(member.token)).map((a) => a.id)).toContain(article.id);
    const off = await call('POST', `/v1/admin/articles/${article.id}/unpublish`, { token: cadreToken });
    expect(off.status).toBe(200);
    expect((await listIds(member.token)).map((a) => a.id)).not.toContain(article.id);
    expect((await call('GET', `/v1/articles/${article.id}`, { token: member.token })).status).toBe(404);
  });
});

describe('bodies are sanitised on the server', () => {
  it('drops script, event handlers, javascript: links, style with url(), non-https images', async () => {
    const hostile = [
      '<p onclick="steal()">你好<script>alert(1)</script></p>',
      '<a href="javascript:alert(1)">坏链接</a><a href="JaVaScRiPt&colon;alert(1)">变形</a><a href="https://www.sxgh.org.cn/" onmouseover="x()">好链接</a>',
      '<p style="background:url(https://tracker.example/p.gif)">样式</p>',
      '<img src="http://tracker.example/pixel.gif"><img src="https://img.example/a.png" onerror="x()">',
      '<iframe src="https://evil.example"></iframe><svg onload="alert(1)"></svg><h3>小标题</h3>',
    ].join('');
    const { article } = await publish('cadre-province', 'sx', { body: hostile });
    const stored = article.body;
    for (const bad of ['<script', 'alert', 'onclick', 'onmouseover', 'onerror', 'onload', 'javascript', 'url(', 'tracker.example', 'iframe', 'svg', 'steal']) {
      expect(stored.toLowerCase()).not.toContain(bad.toLowerCase());
    }
    expect(stored).toContain('<a href="https://www.sxgh.org.cn/">好链接</a>');
    expect(stored).toContain('<img src="https://img.example/a.png"');
    expect(stored).toContain('<h3>小标题</h3>');
    expect(stored).toContain('<p>你好</p>');
    const served = ArticleDetail.parse((await call('GET', `/v1/articles/${article.id}`, { token: (await login()).token })).body);
    expect(served.body).toBe(stored);
  });

  it('refuses a body with nothing left to show, a non-https cover, and bad input, writing nothing', async () => {
    const token = (await login('cadre-xian')).token;
    const base = { kind: 'news', title: '标题测试', summary: '', orgId: 'xa' };
    const empty = await call('POST', '/v1/admin/articles', { token, body: { ...base, body: '<script>alert(1)</script>' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    const cover = await call('POST', '/v1/admin/articles', { token, body: { ...base, body: '正文', coverUrl: 'http://a.example/c.png' } });
    expect(cover.status).toBe(400);
    expect(cover.body.error.details[0].path).toBe('coverUrl');
    const kind = await call('POST', '/v1/admin/articles', { token, body: { ...base, body: '正文', kind: 'ad' } });
    expect(kind.status).toBe(400);
    const before = await call('GET', '/v1/admin/articles?orgId=xa&limit=100', { token });
    expect(before.body.items.some((a: { title: string }) => a.title === '标题测试')).toBe(false);
  });
});

describe('reading points', () => {
  it('TOO_SOON before the open time; a 20-request burst after it credits exactly once through the ledger', async () => {
    const member = await newMember(0);
    const { article } = await publish('cadre-xian', 'xa', { readPoints: 3 });
    const unopened = await call('POST', `/v1/articles/${article.id}/reads`, { token: member.token });
    expect(unopened.status).toBe(409);
    expect(unopened.body.error.code).toBe('TOO_SOON');

    const opened = ArticleDetail.parse((await call('GET', `/v1/articles/${article.id}`, { token: member.token })).body);
    expect(opened).toMatchObject({ readCredited: false, readPoints: 3 });
    expect(opened.readSeconds).toBeGreaterThan(0);
    const early = await call('POST', `/v1/articles/${article.id}/reads`, { token: member.token });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'TOO_SOON' });
    expect(early.body.error.message).toContain(`${opened.readSeconds} 秒`);
    expect(await balanceOf(member.token)).toBe(0);

    await sleep(opened.readSeconds * 1000 + 300);
    const burst = await Promise.all(Array.from({ length: 20 }, () => call('POST', `/v1/articles/${article.id}/reads`, { token: member.token })));
    expect(burst.filter((a) => a.status === 201)).toHaveLength(1);
    const losers = burst.filter((a) => a.status !== 201);
    expect(losers.map((a) => a.status)).toEqual(Array(19).fill(409));
    expect(new Set(losers.map((a) => a.body.error.code))).toEqual(new Set(['ALREADY_CREDITED']));
    expect(ReadCredit.parse(burst.find((a) => a.status === 201)!.body)).toEqual({ pointsAwarded: 3, balance: 3 });

    expect(await balanceOf(member.token)).toBe(3);
    const ledger = LedgerPage.parse((await call('GET', '/v1/points/ledger', { token: member.token })).body).items;
    expect(ledger.filter((e) => e.refType === 'article')).toEqual([expect.objectContaining({ delta: 3, balanceAfter: 3, refId: article.id })]);
    expect(ArticleDetail.parse((await call('GET', `/v1/articles/${article.id}`, { token: member.token })).body).readCredited).toBe(true);
    const again = await call('POST', `/v1/articles/${article.id}/reads`, { token: member.token });
    expect(again.body.error.code).toBe('ALREADY_CREDITED');
  });

  it('three articles a day: four credited at once → three pay, one DAILY_CAP_REACHED', async () => {
    const member = await newMember(0);
    const articles = await Promise.all(Array.from({ length: 4 }, () => publish('cadre-xian', 'xa')));
    const details = await Promise.all(articles.map(({ article }) => call('GET', `/v1/articles/${article.id}`, { token: member.token })));
    await sleep(ArticleDetail.parse(details[0].body).readSeconds * 1000 + 300);
    const answers = await Promise.all(articles.map(({ article }) => call('POST', `/v1/articles/${article.id}/reads`, { token: member.token })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => [a.status, a.body.error.code])).toEqual([[409, 'DAILY_CAP_REACHED']]);
    expect(await balanceOf(member.token)).toBe(3 * 2);
  });

  it('non-members may read but earn nothing: 403 NOT_A_MEMBER', async () => {
    const stranger = await login();
    const { article } = await publish('cadre-province', 'sx');
    expect((await call('GET', `/v1/articles/${article.id}`, { token: stranger.token })).status).toBe(200);
    const answer = await call('POST', `/v1/articles/${article.id}/reads`, { token: stranger.token });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('NOT_A_MEMBER');
  });
});

describe('cadre tools', () => {
  it('scope, state transitions, pinning and the audit log', async () => {
    const member = await newMember(0);
    expect((await call('POST', '/v1/admin/articles', { token: member.token, body: { kind: 'news', title: '越权', summary: '', body: '正文', orgId: 'xa' } })).status).toBe(403);
    const { article, cadreToken } = await publish('cadre-xian', 'xa');
    const baoji = (await login('cadre-baoji')).token;
    const outOfScope = await call('PATCH', `/v1/admin/articles/${article.id}`, { token: baoji, body: { pinned: true } });
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.body.error.code).toBe('OUT_OF_SCOPE');
    expect((await call('POST', '/v1/admin/articles', { token: baoji, body: { kind: 'news', title: '越级', summary: '', body: '正文', orgId: 'xa' } })).body.error.code).toBe('OUT_OF_SCOPE');

    const twice = await call('POST', `/v1/admin/articles/${article.id}/publish`, { token: cadreToken });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INVALID_STATE');

    const pinned = await call('PUT', `/v1/admin/articles/${article.id}`, { token: cadreToken, body: { pinned: true, title: '置顶后的标题' } });
    expect(pinned.status, JSON.stringify(pinned.body)).toBe(200);
    const top = (await listIds(member.token)).find((a) => a.id === article.id);
    expect(top).toMatchObject({ pinned: true, title: '置顶后的标题' });

    // Two cadre taps at once: one unpublish, one INVALID_STATE.
    const racing = await Promise.all([0, 1].map(() => call('POST', `/v1/admin/articles/${article.id}/unpublish`, { token: cadreToken })));
    expect(racing.map((a) => a.status).sort()).toEqual([200, 409]);

    const inScope = await call('GET', '/v1/admin/articles?orgId=xa&status=draft&limit=100', { token: cadreToken });
    expect(inScope.body.items.map((a: { id: string }) => a.id)).toContain(article.id);
    const log = AuditPage.parse((await call('GET', '/v1/admin/audit-log?action=article.&limit=100', { token: cadreToken })).body);
    const mine = log.items.filter((e) => e.objectId === article.id).map((e) => e.action);
    expect(mine).toEqual(expect.arrayContaining(['article.create', 'article.publish', 'article.update', 'article.unpublish']));
  });

  it('members keep articles among their favourites', async () => {
    const member = await newMember(0);
    const { article } = await publish('cadre-xian', 'xa');
    expect((await call('PUT', `/v1/me/favorites/article/${article.id}`, { token: member.token })).status).toBe(200);
    const favs = FavoritePage.parse((await call('GET', '/v1/me/favorites', { token: member.token })).body);
    expect(favs.items).toEqual([expect.objectContaining({ kind: 'article', id: article.id, title: article.title, status: '已发布', available: true })]);
    expect((await call('PUT', '/v1/me/favorites/article/no-such-article', { token: member.token })).status).toBe(404);
  });
});
