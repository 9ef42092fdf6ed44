/**
 * Signed, expiring bearer tokens: compact JWTs, HS256 only, made with node:crypto. (jose did the same
 * with 14 KB of every bundle for algorithms this service never accepts.) The token names the user;
 * roles are read fresh. Verification refuses any other header, a bad signature (compared in constant
 * time), another issuer or audience, an expired or not-yet-valid token, and one without `exp` or with an
 * `iat` in the future or beyond one lifetime.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { config } from '../config';

const ISSUER = 'zhgh';
const AUDIENCE = 'zhgh-miniprogram';
/** Clock skew allowed between the Lambda that issued a token and the one checking it. */
const LEEWAY_SECONDS = 0;
/** Hosts' clocks drift a little: an `iat` this far ahead of ours is still accepted. */
const IAT_SKEW_SECONDS = 30;

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const sign = (input: string) => createHmac('sha256', config().TOKEN_SECRET).update(input).digest();

export async function issueToken(userId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + config().TOKEN_TTL_SECONDS;
  const input = `${b64(JSON.stringify({ alg: 'HS256' }))}.${b64(JSON.stringify({ sub: userId, iss: ISSUER, aud: AUDIENCE, iat, exp }))}`;
  return { token: `${input}.${b64(sign(input))}`, expiresAt: new Date(exp * 1000) };
}

function json(part: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The user id in a valid token, or undefined when it is forged, expired or malformed. */
export async function verifyToken(token: string, now = new Date()): Promise<string | undefined> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) return undefined;
  const [head, body, signature] = parts;
  const header = json(head);
  if (header?.alg !== 'HS256' || 'crit' in header || (header.typ !== undefined && header.typ !== 'JWT')) return undefined;
  const expected = sign(`${head}.${body}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const claims = json(body);
  const t = Math.floor(now.getTime() / 1000);
  if (!claims || claims.iss !== ISSUER) return undefined;
  if (claims.aud !== AUDIENCE && !(Array.isArray(claims.aud) && claims.aud.includes(AUDIENCE))) return undefined;
  if (typeof claims.exp !== 'number' || claims.exp <= t - LEEWAY_SECONDS) return undefined;
  // Bounded as this service issues them: iat present, not in the future (beyond the skew), not older
  // than one lifetime, and exp no further than one lifetime after it — so a token minted wrongly (or
  // with a leaked key) cannot live for ever.
  const ttl = config().TOKEN_TTL_SECONDS;
  if (typeof claims.iat !== 'number' || claims.iat > t + IAT_SKEW_SECONDS || claims.iat < t - ttl - IAT_SKEW_SECONDS) return undefined;
  if (claims.exp - claims.iat > ttl) return undefined;
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > t + LEEWAY_SECONDS)) return undefined;
  return typeof claims.sub === 'string' ? claims.sub : undefined;
}
