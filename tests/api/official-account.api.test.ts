import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { signatureOf } from '../../functions/src/lib/official-account';
import { TEST_API } from '../setup/ports';
import { call, login } from './client';
import { newMember } from './fixtures';

const TOKEN = 'local-oa-token';
function signed(now = Math.floor(Date.now() / 1000), token = TOKEN) {
  const timestamp = String(now);
  const nonce = randomUUID().slice(0, 10);
  return { timestamp, nonce, signature: signatureOf(token, timestamp, nonce) };
}
const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();

function push(fields: Record<string, string | number>) {
  return `<xml>${Object.entries(fields).map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v}]]></${k}>`)).join('')}</xml>`;
}
async function post(body: string, q = signed()) {
  const res = await fetch(`${TEST_API}/v1/wechat/official-account?${qs(q)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return { status: res.status, text: await res.text() };
}
const signInClick = (follower: string, createTime: number) =>
  push({ ToUserName: 'gh_union', FromUserName: follower, CreateTime: createTime, MsgType: 'event', Event: 'CLICK', EventKey: 'SIGN_IN' });

describe('official account webhook', () => {
  it('answers the server URL check only with a valid, fresh signature', async () => {
    const ok = await fetch(`${TEST_API}/v1/wechat/official-account?${qs({ ...signed(), echostr: 'hello-123' })}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('hello-123');
    const cases = [
      { ...signed(), signature: '0'.repeat(40) },
      signed(Math.floor(Date.now() / 1000), 'another-token'),
      signed(Math.floor(Date.now() / 1000) - 3600), // replayed an hour later
      { timestamp: String(Math.floor(Date.now() / 1000)), nonce: 'x' },
    ];
    for (const q of cases) {
      const res = await fetch(`${TEST_API}/v1/wechat/official-account?${qs({ ...q, echostr: 'hello-123' })}`);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('hello-123');
    }
  });

  it('a menu SIGN_IN click signs the linked member in and replies with points and streak; three deliveries → one sign-in', async () => {
    const name = `oa-${Date.now()}`;
    const user = await login(name); // the mini-program account, unionid dev-union-<name>
    const createTime = Math.floor(Date.now() / 1000);
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await post(signInClick(`oa-${name}`, createTime)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(replies[0].text).toContain('<ToUserName><![CDATA[oa-' + name + ']]></ToUserName>');
    expect(replies[0].text).toContain('签到成功！获得 5 积分，已连续签到 1 天');
    expect(replies.slice(1).map((r) => r.text)).toEqual(['success', 'success']);
    const ledger = (await call('GET', '/v1/points/ledger', { token: user.token })).body.items;
    expect(ledger).toHaveLength(1);
    // A later, different click the same day: already signed in.
    const later = await post(signInClick(`oa-${name}`, createTime + 60));
    expect(later.text).toContain('今天已经签到过了');
  });

  it('a follower with no mini-program account gets a link to it, and nothing is written', async () => {
    const reply = await post(signInClick(`oa-nobody-${Date.now()}`, Math.floor(Date.now() / 1000)));
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('还没有登录过');
  });

  it('malformed XML → 400; a forged signature on a push → 403; nothing is signed in', async () => {
    const name = `oa-bad-${Date.now()}`;
    const user = await login(name);
    for (const body of ['<xml><FromUserName>a</xml>', 'not xml', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>', '<xml><A><B>1</B></A></xml>']) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
    }
    const forged = await post(signInClick(`oa-${name}`, Math.floor(Date.now() / 1000)), { ...signed(), signature: 'f'.repeat(40) });
    expect(forged.status).toBe(403);
    expect((await call('GET', '/v1/points/ledger', { token: user.token })).body.items).toEqual([]);
  });

  it('keyword 签到 works like the menu; other text gets help', async () => {
    const name = `oa-kw-${Date.now()}`;
    await login(name);
    const reply = await post(push({ ToUserName: 'gh_union', FromUserName: `oa-${name}`, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'text', Content: '签到', MsgId: String(Date.now()) }));
    expect(reply.text).toContain('签到成功');
    const help = await post(push({ ToUserName: 'gh_union', FromUserName: `oa-${name}`, CreateTime: Math.floor(Date.now() / 1000), MsgType: 'text', Content: '你好', MsgId: String(Date.now() + 1) }));
    expect(help.text).toContain('回复“签到”');
  });
});

describe('favourites', () => {
  it('add and remove idempotently; the list shows the current status', async () => {
    // A member of 秦云: 西安's activity is on their chain (a non-member is offered the province's only).
    const user = await newMember(0);
    for (let i = 0; i < 2; i++) expect((await call('PUT', '/v1/me/favorites/goods/demo-goods-1', { token: user.token })).status).toBe(200);
    expect((await call('PUT', '/v1/me/favorites/activity/demo-activity-2', { token: user.token })).status).toBe(200);
    const list = (await call('GET', '/v1/me/favorites', { token: user.token })).body.items;
    expect(list).toHaveLength(2);
    expect(list.find((f: { kind: string }) => f.kind === 'goods')).toMatchObject({ id: 'demo-goods-1', title: '工会定制保温杯', pointsPrice: 200 });
    expect(list.find((f: { kind: string }) => f.kind === 'activity')).toMatchObject({ id: 'demo-activity-2', title: '冬季职工健步走' });
    for (let i = 0; i < 2; i++) expect((await call('DELETE', '/v1/me/favorites/goods/demo-goods-1', { token: user.token })).status).toBe(200);
    expect((await call('GET', '/v1/me/favorites', { token: user.token })).body.items).toHaveLength(1);
    expect((await call('PUT', '/v1/me/favorites/goods/no-such-goods', { token: user.token })).status).toBe(404);
    expect((await call('PUT', '/v1/me/favorites/article/x', { token: user.token })).status).toBe(400);
  });
});
