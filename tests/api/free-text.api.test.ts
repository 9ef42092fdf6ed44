/**
 * Free text (issue 12 item 13): every free-text field refuses control characters, bidi overrides,
 * zero-width characters and lone surrogates — one shared refinement (shared/src/common.ts#text) — with
 * 400 VALIDATION_FAILED naming the field; ordinary Chinese, emoji and (in descriptions) line breaks pass.
 */
import { describe, expect, it } from 'vitest';
import { call, login } from './client';
import { newIdNumber, newMember } from './fixtures';

const BAD: [string, string][] = [
  ['NUL', '张\u0000三'],
  ['bell', '张三\u0007'],
  ['escape', '\u001b[31m张三'],
  ['C1 control', '张\u0085三'],
  ['right-to-left override', '张三\u202egnp.exe'],
  ['left-to-right isolate', '\u2066张三\u2069'],
  ['right-to-left mark', '张三\u200f'],
  ['zero-width space', '张\u200b三'],
  ['zero-width joiner', '张\u200d三'],
  ['word joiner', '张\u2060三'],
  ['byte-order mark', '\ufeff张三'],
  ['lone high surrogate', '张三\ud83d'],
  ['lone low surrogate', '\ude00张三'],
];

describe('free text', () => {
  it.each(BAD)('%s is refused in nickname, employer, titles, names and reasons', async (_what, bad) => {
    const user = await login();
    const xian = (await login('cadre-xian')).token;
    const member = await newMember(0);
    const cases: [string, string, unknown, string, string][] = [
      ['PATCH', '/v1/me', { nickname: bad }, 'nickname', user.token],
      ['POST', '/v1/join-requests', { name: '陈思远', idNumber: newIdNumber(), phone: '13912345678', orgId: 'xa-yt-qy', employer: `${bad}公司` }, 'employer', user.token],
      ['POST', '/v1/admin/goods', { name: `${bad}杯`, description: '', pointsPrice: 1, stock: 1, perMemberLimit: 1, orgId: 'xa', fulfilment: 'pickup' }, 'name', xian],
      ['POST', '/v1/admin/goods', { name: '保温杯', description: `介绍${bad}`, pointsPrice: 1, stock: 1, perMemberLimit: 1, orgId: 'xa', fulfilment: 'pickup' }, 'description', xian],
      ['POST', '/v1/admin/points-adjustments', { userId: member.me.id, delta: 1, reason: `原因${bad}` }, 'reason', xian],
      ['POST', '/v1/transfer-requests', { toOrgId: 'xa-yt-ca', reason: `调动${bad}` }, 'reason', member.token],
    ];
    for (const [method, path, body, field, token] of cases) {
      const answer = await call(method, path, { token, body });
      expect(answer.status, `${method} ${path} ${field}`).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      expect(answer.body.error.details.map((d: { path: string }) => d.path), `${path}`).toContain(field);
    }
  });

  it('ordinary text passes: Chinese, emoji, a middle dot, and line breaks in a description', async () => {
    const user = await login();
    const renamed = await call('PATCH', '/v1/me', { token: user.token, body: { nickname: '小明😀·工会' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.nickname).toBe('小明😀·工会');
    const goods = await call('POST', '/v1/admin/goods', {
      token: (await login('cadre-xian')).token,
      body: { name: '保温杯', description: '第一行\n第二行\t制表', pointsPrice: 1, stock: 1, perMemberLimit: 1, orgId: 'xa', fulfilment: 'pickup' },
    });
    expect(goods.status).toBe(201);
    // A line break is not for one-line fields.
    expect((await call('PATCH', '/v1/me', { token: user.token, body: { nickname: '小\n明' } })).status).toBe(400);
  });

  it('a field too short but not blank is told the minimum; a blank one is asked to fill it in', async () => {
    const xian = (await login('cadre-xian')).token;
    const goods = (name: string) => call('POST', '/v1/admin/goods', { token: xian, body: { name, description: '', pointsPrice: 1, stock: 1, perMemberLimit: 1, orgId: 'xa', fulfilment: 'pickup' } });
    for (const [name, message] of [['杯', '请填写商品名称（至少 2 个字）'], ['  ', '请填写商品名称']]) {
      const answer = await goods(name);
      expect(answer.status).toBe(400);
      expect(answer.body.error.details).toContainEqual({ path: 'name', message });
    }
  });
});
