import { randomUUID } from 'node:crypto';
import type { LoginResponse } from '@union/shared/me';
import { chinaDay, chinaIso } from '@union/shared/china-day';
import { AppError } from '../lib/errors';
import { issueToken } from '../lib/tokens';
import { logger } from '../lib/log';
import { newProfile } from '../entities/user';
import type { Cadres, Members, Unions, WechatSessions } from './ports';
import { toMe, withCurrentNames } from './me';

/** WeChat's scene number for a mini-program opened from an official account's menu. */
export const OFFICIAL_ACCOUNT_MENU_SCENE = 1035;

/**
 * Logs a WeChat user in:
 * 1. exchange the `wx.login` code for the openid (session_key stays inside the adapter);
 * 2. find the user bound to the openid, or create one (a race of two first logins yields one user);
 * 3. a configured bootstrap openid becomes the root union's first cadre (only while it has none);
 * 4. record the launch scene (1035 = official-account menu) for entry statistics;
 * 5. issue a signed, expiring token and answer it with `Me`.
 */
export async function loginWithWechat(
  deps: { sessions: WechatSessions; users: Members; orgs?: Unions; roles?: Cadres; rootCadreOpenids?: string[] },
  request: { code: string; scene?: number },
  now: Date,
): Promise<LoginResponse> {
  const identity = await deps.sessions.exchange(request.code);
  const userId =
    (await deps.users.idByOpenid(identity.openid)) ??
    (await deps.users.createForOpenid(newProfile(randomUUID(), identity.openid, identity.unionid, now)));
  await deps.users.update(userId, { lastScene: request.scene, lastLoginAt: now.toISOString() });
  if (deps.rootCadreOpenids?.includes(identity.openid) && deps.orgs && deps.roles) {
    const root = (await deps.orgs.children(null, 1)).items[0];
    if (root) await deps.roles.appointFirst(userId, { role: 'cadre', orgId: root.id, orgName: root.name, orgPath: root.path });
  }
  const found = await deps.users.withRoles(userId);
  if (!found) throw new AppError('BUSY');
  // Statistics must never fail a login.
  await deps.users
    .recordVisit(userId, found.profile.membership.orgPath, chinaDay(now), request.scene === OFFICIAL_ACCOUNT_MENU_SCENE)
    .catch((error) => logger.error('visit not counted', { error: String(error) }));
  const { token, expiresAt } = await issueToken(userId, now);
  return { token, expiresAt: chinaIso(expiresAt), me: toMe(deps.orgs ? await withCurrentNames(deps.orgs, found) : found, now) };
}
