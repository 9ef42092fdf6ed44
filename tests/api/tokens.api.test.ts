/**
 * Bearer tokens (issue 12 item 11): a token must carry `exp`, and its `iat` is bounded — not in the
 * future beyond a small clock skew, and not older than the token lifetime — even when signed with the
 * right key (a leaked key or a minting bug must not yield tokens that live for ever).
 */
import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { call, login } from './client';

// The test stage's literal secret (serverless.yml params.test).
const key = new TextEncoder().encode('test-token-secret-not-for-production-00001');
const now = () => Math.floor(Date.now() / 1000);

function mint(sub: string, claims: { iat?: number; exp?: number }) {
  let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuer('zhgh').setAudience('zhgh-miniprogram');
  if (claims.iat !== undefined) jwt = jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
  return jwt.sign(key);
}

describe('token claims', () => {
  it('a well-formed token of this key works', async () => {
    const user = await login();
    const token = await mint(user.me.id, { iat: now(), exp: now() + 600 });
    expect((await call('GET', '/v1/me', { token })).status).toBe(200);
  });

  it.each<[string, { iat?: number; exp?: number }]>([
    ['no exp', { iat: 0 }],
    ['no iat', { exp: 600 }],
    ['iat an hour in the future', { iat: 3600, exp: 7200 }],
    ['iat older than the lifetime, exp still ahead', { iat: -30 * 86400, exp: 3600 }],
    ['exp far beyond the lifetime', { iat: 0, exp: 365 * 86400 }],
    ['expired', { iat: -7200, exp: -60 }],
  ])('%s → 401', async (_what, offsets) => {
    const user = await login();
    const claims = {
      iat: offsets.iat === undefined ? undefined : now() + offsets.iat,
      exp: offsets.exp === undefined ? undefined : now() + offsets.exp,
    };
    const answer = await call('GET', '/v1/me', { token: await mint(user.me.id, claims) });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('UNAUTHENTICATED');
  });
});
