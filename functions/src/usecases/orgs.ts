import { randomUUID } from 'node:crypto';
import { LEVEL_RANK, ORG_LEVEL_NAMES, childLevels, type CreateOrgInput, type Org, type OrgPage } from '@union/shared/orgs';
import { AppError, validationFailed } from '../lib/errors';
import type { Members, Unions, UnionTree } from './ports';
import { assertOpen, cadreRoles, roleCovering } from './scope';

/** Top-level unions, or a name search across the whole tree when `q` is given. */
export function listOrgs(orgs: Unions, query: { q?: string; limit: number; cursor?: string }): Promise<OrgPage> {
  return query.q ? orgs.search(query.q, query.limit, query.cursor) : orgs.children(null, query.limit, query.cursor);
}

export async function getOrg(orgs: Unions, orgId: string): Promise<Org> {
  const org = await orgs.get(orgId);
  if (!org) throw new AppError('NOT_FOUND', '工会不存在');
  return org;
}

export async function listChildOrgs(orgs: Unions, orgId: string, page: { limit: number; cursor?: string }): Promise<OrgPage> {
  await getOrg(orgs, orgId);
  return orgs.children(orgId, page.limit, page.cursor);
}

export interface TreeDeps {
  orgs: Pick<UnionTree, 'stored' | 'create' | 'rename' | 'close'>;
  users: Pick<Members, 'withRoles'>;
}

/** A new union's id: short, URL-safe and unrelated to its name (names change, ids never do). */
export const newOrgId = () => `o${randomUUID().replace(/-/g, '').slice(0, 12)}`;

/** The path of a union's parent: its own path without the last id. */
const parentPath = (org: Org) => org.path.slice(0, org.path.length - org.id.length - 1);

/**
 * A cadre creates a union under one in their scope:
 * 1. the parent exists, is inside the cadre's scope and is open;
 * 2. the new level sits strictly below the parent's (province > city/industry > county > basic);
 * 3. one transaction puts the union, its name among its siblings (→ NAME_TAKEN) and its search index,
 *    counts it among the parent's open children (conditioned on the parent still open), and audits.
 */
export async function createOrg(deps: TreeDeps, cadreId: string, input: CreateOrgInput, now: Date): Promise<Org> {
  const roles = await cadreRoles(deps.users, cadreId);
  const parent = await deps.orgs.stored(input.parentId);
  if (!parent) throw new AppError('NOT_FOUND', '上级工会不存在');
  const role = roleCovering(roles, parent.path);
  assertOpen(parent, '上级工会已撤销，不能再建立下级工会');
  if (LEVEL_RANK[input.level] <= LEVEL_RANK[parent.level]) {
    const allowed = childLevels(parent.level).map((l) => ORG_LEVEL_NAMES[l]).join('、');
    throw validationFailed([{ path: 'level', message: allowed ? `${parent.name}之下只能建立${allowed}` : `${parent.name}是基层工会，不能再建立下级工会` }]);
  }
  const id = newOrgId();
  const org: Org = {
    id, name: input.name, parentId: parent.id, level: input.level, path: `${parent.path}${id}/`, status: 'open',
    ...(input.creditCode ? { creditCode: input.creditCode } : {}),
  };
  await deps.orgs.create(org, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'org.create', objectType: 'org', objectId: org.id,
    orgId: org.id, orgPath: org.path, after: { name: org.name, level: org.level, parentId: parent.id, creditCode: org.creditCode }, at: now,
  });
  return org;
}

/**
 * The union a cadre changes (rename, close): it must sit below one of their unions — its parent in
 * scope — so a cadre never renames or closes the union that gives them their role.
 */
async function changeableOrg(deps: TreeDeps, cadreId: string, orgId: string) {
  const roles = await cadreRoles(deps.users, cadreId);
  const org = await deps.orgs.stored(orgId);
  if (!org) throw new AppError('NOT_FOUND', '工会不存在');
  roleCovering(roles, org.path); // beside or above: OUT_OF_SCOPE, before anything else is said
  if (!org.parentId) throw new AppError('OUT_OF_SCOPE', '省总工会不能在此修改');
  const role = roles.find((r) => parentPath(org).startsWith(r.orgPath));
  if (!role) throw new AppError('OUT_OF_SCOPE', '本级工会由上级工会修改或撤销');
  return { org, role };
}

/** Renames a union in scope (below the cadre's own); the sibling-name rule holds; audited. */
export async function renameOrg(deps: TreeDeps, cadreId: string, orgId: string, name: string, now: Date): Promise<Org> {
  const { org, role } = await changeableOrg(deps, cadreId, orgId);
  assertOpen(org, '该工会已撤销，不能改名');
  const { openChildren: _c, activeMembers: _m, ...plain } = org;
  if (org.name === name) return plain;
  await deps.orgs.rename(plain, name, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'org.rename', objectType: 'org', objectId: org.id,
    orgId: org.id, orgPath: org.path, before: { name: org.name }, after: { name }, at: now,
  });
  return { ...plain, name };
}

/**
 * Closes (撤销) a union in scope: only with no active members and no open child unions — decided by
 * the condition on its counters in the closing transaction (409 NOT_EMPTY), never by a prior read.
 */
export async function closeOrg(deps: TreeDeps, cadreId: string, orgId: string, now: Date): Promise<Org> {
  const { org, role } = await changeableOrg(deps, cadreId, orgId);
  assertOpen(org, '该工会已撤销');
  const { openChildren, activeMembers, ...plain } = org;
  await deps.orgs.close(plain, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'org.close', objectType: 'org', objectId: org.id,
    orgId: org.id, orgPath: org.path, before: { status: 'open', openChildren, activeMembers }, after: { status: 'closed' }, at: now,
  });
  return { ...plain, status: 'closed' };
}
