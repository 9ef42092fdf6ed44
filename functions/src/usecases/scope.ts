import { AppError } from '../lib/errors';
import type { RoleGrant, UserProfile } from '../entities/user';
import type { Members, Unions } from './ports';

/** The cadre roles of a user; 403 FORBIDDEN when there are none. */
export async function cadreRoles(users: Pick<Members, 'withRoles'>, userId: string): Promise<RoleGrant[]> {
  const found = await users.withRoles(userId);
  if (!found || found.roles.length === 0) throw new AppError('FORBIDDEN', '仅工会干部可以使用此功能');
  return found.roles;
}

/**
 * The role that puts a union (by its materialised path) inside this cadre's scope: their union or any
 * union below it. Never above or beside: 403 OUT_OF_SCOPE.
 */
export function roleCovering(roles: RoleGrant[], orgPath: string): RoleGrant {
  const role = roles.find((r) => orgPath.startsWith(r.orgPath));
  if (!role) throw new AppError('OUT_OF_SCOPE');
  return role;
}

/**
 * The union a cadre asks about: `orgId` when it is in their scope (their union or one below), or by
 * default the union of their first role. 403 FORBIDDEN for non-cadres, OUT_OF_SCOPE above or beside.
 */
export async function scopedOrg(deps: { users: Pick<Members, 'withRoles'>; orgs: Pick<Unions, 'get'> }, cadreId: string, orgId?: string) {
  const roles = await cadreRoles(deps.users, cadreId);
  const org = await deps.orgs.get(orgId ?? roles[0].orgId);
  if (!org) throw new AppError('NOT_FOUND', '工会不存在');
  return { org, role: roleCovering(roles, org.path), roles };
}

/** 409 INVALID_STATE for a closed (撤销) union: it keeps its history, readable, but takes nothing new. */
export function assertOpen(org: { status?: string }, message = '该工会已撤销，只能查看') {
  if (org.status === 'closed') throw new AppError('INVALID_STATE', message);
}

/** `scopedOrg` for actions that create something in the union: it must also be open. */
export async function scopedOpenOrg(deps: { users: Pick<Members, 'withRoles'>; orgs: Pick<Unions, 'get'> }, cadreId: string, orgId?: string) {
  const found = await scopedOrg(deps, cadreId, orgId);
  assertOpen(found.org);
  return found;
}

/**
 * Separation of duties: a cadre never acts on their own account, order or request (403 SELF_ACTION),
 * however wide their scope — another cadre must.
 */
export function notSelf(cadreId: string, subjectUserId: string): void {
  if (cadreId === subjectUserId) throw new AppError('SELF_ACTION');
}

type OfferDeps = { users: Pick<Members, 'profile' | 'withRoles'>; orgs: Pick<Unions, 'children'> };

/**
 * The unions whose goods and activities a user is offered: their own union and every one above it (an
 * active member), or the root's offer alone (anyone else), top first.
 */
export async function offerChain(deps: OfferDeps, userId: string, profile?: UserProfile): Promise<string[]> {
  const p = profile ?? (await deps.users.profile(userId));
  const path = p?.membership.status === 'active' ? p.membership.orgPath : undefined;
  if (path) return path.split('/').filter(Boolean);
  return [(await deps.orgs.children(null, 1)).items[0]?.id].filter(Boolean) as string[];
}

/**
 * Whether one item (goods, an activity) of the union at `orgPath` may be read by id: the same chain as
 * the lists, or a union a cadre role of theirs covers (the 管理 pages open what they manage). The answer
 * to anything else is 404, as if it did not exist — it tells nothing about other unions.
 */
export async function assertOffered(deps: OfferDeps, userId: string, item: { orgId: string; orgPath: string }, what: string): Promise<void> {
  const found = await deps.users.withRoles(userId);
  if (found?.roles.some((r) => item.orgPath.startsWith(r.orgPath))) return;
  if ((await offerChain(deps, userId, found?.profile)).includes(item.orgId)) return;
  throw new AppError('NOT_FOUND', `${what}不存在`);
}
