import type { Org, OrgPage } from '@union/shared/orgs';
import { AppError } from '../lib/errors';
import type { Unions } from './ports';

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
