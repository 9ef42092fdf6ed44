import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { issueToken, verifyToken } from '../../functions/src/lib/tokens';

// The same secret vitest.config.ts gives the functions.
const secret = new TextEncoder().encode('test-token-secret-not-for-production-00001');
const at = new Date('2026-11-24T02:00:00Z');
const jwt = (claims: Record<string, unknown> = {}, header: Record<string, unknown> = { alg: 'HS256' }) =>
  new SignJWT({ iss: 'zhgh', aud: 'zhgh-miniprogram', sub: 'u1', iat: Math.floor(at.getTime() / 1000) - 60, exp: Math.floor(at.getTime() / 1000) + 60, ...claims })
    .setProtectedHeader(header as { alg: string })
    .sign(secret);

describe('bearer tokens (HS256 without jose in the bundle; jose is the reference here)', () => {
  it('verifies its own tokens and tokens jose made the same way', async () => {
    // Prepare
    const own = (await issueToken('u1', at)).token;
    const reference = await jwt();
    // Act, Assess
    expect(await verifyToken(own, at)).toBe('u1');
    expect(await verifyToken(reference, at)).toBe('u1');
  });

  it('refuses a forged signature, another algorithm, issuer or audience, expiry, and garbage', async () => {
    const valid = await jwt();
    const forged = `${valid.slice(0, valid.lastIndexOf('.'))}.${Buffer.alloc(32).toString('base64url')}`;
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${valid.split('.')[1]}.`;
    const answers = await Promise.all([
      verifyToken(forged, at),
      verifyToken(none, at),
      verifyToken(await jwt({}, { alg: 'HS512' }), at),
      verifyToken(await jwt({ iss: 'other' }), at),
      verifyToken(await jwt({ aud: 'other' }), at),
      verifyToken(await jwt({ exp: Math.floor(at.getTime() / 1000) - 1 }), at),
      verifyToken(await jwt({ nbf: Math.floor(at.getTime() / 1000) + 60 }), at),
      verifyToken(await jwt({ sub: 42 }), at),
      verifyToken('a.b', at),
      verifyToken('not a token', at),
      verifyToken('', at),
    ]);
    expect(answers).toEqual(answers.map(() => undefined));
  });

  it('expires after the configured lifetime', async () => {
    const { token, expiresAt } = await issueToken('u1', at);
    expect(await verifyToken(token, new Date(expiresAt.getTime() - 1000))).toBe('u1');
    expect(await verifyToken(token, expiresAt)).toBeUndefined();
  });
});
