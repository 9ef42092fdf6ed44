import type { Me } from '@union/shared/me';
import { addDays, chinaDay } from '@union/shared/china-day';
import { AppError } from '../lib/errors';
import type { UserWithRoles } from '../entities/user';
import type { Members, Unions } from './ports';

/** The streak a person sees: it lives on through today only if they signed in today or yesterday. */
export function visibleStreak(lastSignInDay: string | undefined, streak: number, now: Date): number {
  const today = chinaDay(now);
  return lastSignInDay === today || lastSignInDay === addDays(today, -1) ? streak : 0;
}

/** The `Me` of api.md from a stored user and roles. */
export function toMe({ profile, roles }: UserWithRoles, now: Date): Me {
  const { membership: m } = profile;
  return {
    id: profile.id,
    nickname: profile.nickname,
    avatarUrl: profile.avatarUrl,
    membership: { status: m.status, orgId: m.orgId, orgName: m.orgName, memberNo: m.memberNo },
    points: { balance: profile.balance },
    signIn: {
      streak: visibleStreak(profile.lastSignInDay, profile.signInStreak, now),
      signedToday: profile.lastSignInDay === chinaDay(now),
    },
    roles: roles.map((r) => ({ role: r.role, orgId: r.orgId, orgName: r.orgName })),
  };
}

/**
 * Union names as they are now: memberships and roles keep the name they were granted with, so a
 * union renamed since shows its new name (one BatchGetItem). A failed read keeps the stored names.
 */
export async function withCurrentNames(orgs: Pick<Unions, 'getMany'>, found: UserWithRoles): Promise<UserWithRoles> {
  const m = found.profile.membership;
  const ids = [...(m.orgId ? [m.orgId] : []), ...found.roles.map((r) => r.orgId)];
  if (ids.length === 0) return found;
  const names = new Map((await orgs.getMany(ids).catch(() => [])).map((o) => [o.id, o.name]));
  return {
    profile: { ...found.profile, membership: { ...m, orgName: (m.orgId && names.get(m.orgId)) || m.orgName } },
    roles: found.roles.map((r) => ({ ...r, orgName: names.get(r.orgId) ?? r.orgName })),
  };
}

/** Who am I: profile, membership, balance, today's sign-in state and cadre roles. */
export async function getMe(users: Pick<Members, 'withRoles'>, userId: string, now: Date, orgs?: Pick<Unions, 'getMany'>): Promise<Me> {
  const found = await users.withRoles(userId);
  if (!found) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
  return toMe(orgs ? await withCurrentNames(orgs, found) : found, now);
}

/** Edits nickname and avatar, then answers the new `Me`. */
export async function updateMyProfile(
  users: Pick<Members, 'withRoles' | 'update'>,
  userId: string,
  patch: { nickname?: string; avatarUrl?: string },
  now: Date,
  orgs?: Pick<Unions, 'getMany'>,
): Promise<Me> {
  await users.update(userId, patch);
  return getMe(users, userId, now, orgs);
}
