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

/** The user id in a valid token, or undefined when it is forged, expired or malformed. */
export async function verifyToken(token: string): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, secret(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    return typeof payload.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}
