/** Signed, expiring bearer tokens (HS256 JWT via jose). The token names the user; roles are read fresh. */
import { SignJWT, jwtVerify } from 'jose';
import { config } from '../config';

const ISSUER = 'zhgh';
const AUDIENCE = 'zhgh-miniprogram';

let key: Uint8Array | undefined;
const secret = () => (key ??= new TextEncoder().encode(config().TOKEN_SECRET));

export async function issueToken(userId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + config().TOKEN_TTL_SECONDS;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(secret());
  return { token, expiresAt: new Date(exp * 1000) };
}

/** Clocks of Lambda hosts drift by at most a few seconds; allow this much either way. */
const CLOCK_SKEW_SECONDS = 30;

/**
 * The user id in a valid token, or undefined when it is forged, expired or malformed. Beyond the
 * signature, the claims are bounded as this service issues them: `sub`, `iat` and `exp` present, `iat`
 * not in the future (beyond the skew) nor older than one lifetime, and `exp - iat` no longer than one
 * lifetime — so a token minted wrongly (or with a leaked key) cannot live for ever.
 */
export async function verifyToken(token: string): Promise<string | undefined> {
  const ttl = config().TOKEN_TTL_SECONDS;
  try {
    const { payload } = await jwtVerify(token, secret(), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'iat', 'exp'],
      maxTokenAge: ttl,
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
    const { iat, exp, sub } = payload as { iat: number; exp: number; sub: unknown };
    // jose bounds the age of `iat` only when it is in the past; a future one is refused here.
    if (iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS || exp - iat > ttl) return undefined;
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}
