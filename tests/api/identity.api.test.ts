import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { LoginResponse, Me } from '@union/shared/me';
import { ErrorBody } from '@union/shared/common';
import { call, login } from './client';

describe('POST /v1/auth/wechat-login', () => {
  it('logs a seeded member in and answers a token with Me', async () => {
    const answer = await call('POST', '/v1/auth/wechat-login', { body: { code: 'dev:member-1', scene: 1035 } });
    expect(answer.status).toBe(200);
    const body = LoginResponse.parse(answer.body);
    expect(body.me.nickname).toBe('张晓明');
    expect(body.me.membership).toMatchObject({ status: 'active', orgName: '陕西秦云软件有限公司工会', memberNo: 'SX61010001' });
    expect(body.me.roles).toEqual([]);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    expect(JSON.stringify(body)).not.toMatch(/session_key|openid/);
  });

  it('creates a new user with no membership for any other dev name, and the same user on the next login', async () => {
    const name = `t-new-${Date.now()}`;
    const first = await login(name);
    const again = await login(name);
    expect(first.me).toMatchObject({ membership: { status: 'none' }, points: { balance: 0 }, signIn: { streak: 0, signedToday: false } });
    expect(again.me.id).toBe(first.me.id);
  });

  it('creates exactly one user when the same first login arrives ten times at once', async () => {
    const name = `t-race-${Date.now()}`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => login(name)));
    expect(new Set(answers.map((a) => a.me.id)).size).toBe(1);
  });

  it('shows cadre roles', async () => {
    const { me } = await login('cadre-xian');
    expect(me.roles).toEqual([{ role: 'cadre', orgId: 'xa', orgName: '西安市总工会' }]);
  });

  it.each([
    [{ code: '' }, 'code'],
    [{ code: 123 }, 'code'],
    [{}, 'code'],
    [{ code: 'dev:UPPER' }, 'code'],
  ])('refuses %j with 400 naming the field', async (body, field) => {
    const answer = await call('POST', '/v1/auth/wechat-login', { body });
    expect(answer.status).toBe(400);
    const error = ErrorBody.parse(answer.body).error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.map((d) => d.path)).toContain(field);
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('answers malformed JSON, a wrong content type and an oversize body with 4xx error bodies', async () => {
    const badJson = await call('POST', '/v1/auth/wechat-login', { rawBody: '{"code":', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('VALIDATION_FAILED');
    const wrongType = await call('POST', '/v1/auth/wechat-login', { rawBody: 'code=dev:x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = await call('POST', '/v1/auth/wechat-login', { body: { code: 'dev:x', pad: 'x'.repeat(70_000) } });
    expect(huge.status).toBe(413);
  });
});

describe('GET/PATCH /v1/me', () => {
  it('401 without a token, with a forged token and with an expired token', async () => {
    const none = await call('GET', '/v1/me');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');

    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u-member-1').setIssuer('zhgh')
      .setAudience('zhgh-miniprogram').setExpirationTime('1h').sign(new TextEncoder().encode('not-the-secret-not-the-secret-0000000'));
    expect((await call('GET', '/v1/me', { token: forged })).status).toBe(401);

    const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u-member-1').setIssuer('zhgh')
      .setAudience('zhgh-miniprogram').setIssuedAt(1_700_000_000).setExpirationTime(1_700_000_100)
      .sign(new TextEncoder().encode('test-token-secret-not-for-production-00001'));
    const answer = await call('GET', '/v1/me', { token: expired });
    expect(answer.status).toBe(401);
    expect(answer.body.error.message).toContain('登录已过期');
  });

  it('edits the nickname and avatar', async () => {
    const { token } = await login();
    const answer = await call('PATCH', '/v1/me', { token, body: { nickname: '  小王  ', avatarUrl: 'https://thirdwx.qlogo.cn/a.png' } });
    expect(answer.status).toBe(200);
    expect(Me.parse(answer.body)).toMatchObject({ nickname: '小王', avatarUrl: 'https://thirdwx.qlogo.cn/a.png' });
    expect((await call('GET', '/v1/me', { token })).body.nickname).toBe('小王');
  });

  it('answers PUT like PATCH (WeChat cannot send PATCH)', async () => {
    const { token } = await login();
    const answer = await call('PUT', '/v1/me', { token, body: { nickname: '小程序' } });
    expect(answer.status).toBe(200);
    expect(answer.body.nickname).toBe('小程序');
  });

  it('refuses a bad patch and changes nothing', async () => {
    const { token } = await login();
    for (const body of [{}, { nickname: '' }, { nickname: '长'.repeat(21) }, { avatarUrl: 'javascript:alert(1)' }, { role: 'cadre' }]) {
      const answer = await call('PATCH', '/v1/me', { token, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    }
    const me = (await call('GET', '/v1/me', { token })).body;
    expect(me.nickname).toBe('微信用户');
    expect(me.roles).toEqual([]);
  });
});
