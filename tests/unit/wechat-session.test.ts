import { describe, expect, it } from 'vitest';
import { wechatSessionsFor, WechatApiSessions } from '../../functions/src/adapters/wechat-session';

const fakeWechat = (body: object) => {
  const calls: string[] = [];
  const http = (async (url: URL | string) => {
    calls.push(String(url));
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { http, calls };
};

describe('WeChat code exchange', () => {
  it('accepts dev codes on local and test stages', async () => {
    for (const STAGE of ['local', 'test']) {
      const sessions = wechatSessionsFor({ STAGE, DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', WECHAT_APPID: '', WECHAT_SECRET: '' });
      await expect(sessions.exchange('dev:member-1')).resolves.toMatchObject({ openid: 'dev-member-1' });
    }
  });

  it('refuses dev codes on every other stage without calling WeChat', async () => {
    for (const STAGE of ['prod', 'dev', 'staging']) {
      const wechat = fakeWechat({ openid: 'should-not-be-used' });
      const sessions = wechatSessionsFor({ STAGE, DYNAMODB_ENDPOINT: '', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }, wechat.http);
      await expect(sessions.exchange('dev:member-1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', statusCode: 401 });
      expect(wechat.calls).toEqual([]);
    }
  });

  it('calls code2Session with the configured AppID and secret and keeps session_key inside', async () => {
    const wechat = fakeWechat({ openid: 'o-123', unionid: 'u-456', session_key: 'SECRET-KEY' });
    const identity = await new WechatApiSessions('wxappid', 'appsecret', wechat.http).exchange('081abc');
    expect(identity).toEqual({ openid: 'o-123', unionid: 'u-456' });
    expect(JSON.stringify(identity)).not.toContain('SECRET-KEY');
    const url = new URL(wechat.calls[0]);
    expect(url.origin + url.pathname).toBe('https://api.weixin.qq.com/sns/jscode2session');
    expect(Object.fromEntries(url.searchParams)).toEqual({ appid: 'wxappid', secret: 'appsecret', js_code: '081abc', grant_type: 'authorization_code' });
  });

  it('maps WeChat errors to clear answers', async () => {
    await expect(new WechatApiSessions('a', 'b', fakeWechat({ errcode: 40029, errmsg: 'invalid code' }).http).exchange('x')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(new WechatApiSessions('a', 'b', fakeWechat({ errcode: -1 }).http).exchange('x')).rejects.toMatchObject({ code: 'BUSY' });
    const down = (async () => { throw new TypeError('fetch failed'); }) as typeof fetch;
    await expect(new WechatApiSessions('a', 'b', down).exchange('x')).rejects.toMatchObject({ code: 'BUSY', statusCode: 503 });
  });
});
