/**
 * Unions and their indexes:
 *
 *   ORG#<id>       ORG          a union         (GSI1: ORGCHILDREN#<parentId|ROOT> / <order>#<id>)
 *   ORG#<id>       CADRECOUNT   how many cadres the union has
 *                               (a closed union moves to GSI1 ORGCLOSED#<parentId>, leaves the index)
 *   ORGQ#<bigram>  ORG#<id>     name search index: one item per distinct two-character piece
 *   ORGNAME#<parentId>#<normalised name>  ORGNAME  a name taken among siblings (unique by condition)
 *
 * The union item keeps two counters that closing is conditioned on, changed only inside the
 * transactions that change what they count: `openChildren` (open child unions) and `activeMembers`.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Org } from '@union/shared/orgs';

/** A union with the counters its closing is conditioned on, as the tree's own writes need it. */
export interface StoredOrg extends Org {
  openChildren: number;
  activeMembers: number;
}

export const orgKey = (orgId: string) => marshall({ PK: `ORG#${orgId}`, SK: 'ORG' });
export const cadreCountKey = (orgId: string) => marshall({ PK: `ORG#${orgId}`, SK: 'CADRECOUNT' });
export const orgCadresPk = (orgId: string) => `ORG#${orgId}#CADRES`;
export const orgChildrenPk = (parentId: string | null) => `ORGCHILDREN#${parentId ?? 'ROOT'}`;
export const orgSearchPk = (bigram: string) => `ORGQ#${bigram}`;
export const orgSearchSk = (orgId: string) => `ORG#${orgId}`;
/** The ids on a materialised path, root first: `/sx/xa/` → sx, xa. */
export const pathIds = (path: string) => path.split('/').filter(Boolean);
export const orgClosedPk = (parentId: string) => `ORGCLOSED#${parentId}`;
/** Sibling names compare without spaces, in NFKC form (full-width brackets and letters fold) and lower case. */
export const normaliseOrgName = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
export const orgNameKey = (parentId: string | null, name: string) => marshall({ PK: `ORGNAME#${parentId ?? 'ROOT'}#${normaliseOrgName(name)}`, SK: 'ORGNAME' });

/** A union read from its item (status `open` for unions stored before closing existed). */
export const orgFromItem = (item: Record<string, unknown>): Org => {
  const { id, name, parentId, level, path, status, creditCode } = item as Org;
  return { id, name, parentId: parentId ?? null, level, path, status: status ?? 'open', ...(creditCode ? { creditCode } : {}) };
};

/** The stored item of a union (without its name and index items), open, with its counters. */
export function orgItem(org: Org, order: string, counters: { openChildren?: number; activeMembers?: number } = {}) {
  return {
    ...orgKey(org.id),
    ...marshall({ GSI1PK: orgChildrenPk(org.parentId), GSI1SK: `${order}#${org.id}` }),
    ...marshall({ entity: 'Org', version: 1, ...org, status: 'open', openChildren: 0, activeMembers: 0, ...counters }, { removeUndefinedValues: true }),
  };
}

/** The item that holds a union's name among its siblings. */
export const orgNameItem = (org: Pick<Org, 'id' | 'name' | 'parentId'>) => ({
  ...orgNameKey(org.parentId, org.name),
  ...marshall({ entity: 'OrgName', version: 1, orgId: org.id }),
});

/** The text the name search matches against. */
export const orgSearchName = (name: string) => name.replace(/\s+/g, '').toLowerCase();

/** One name-search index item of a union, for one piece of its name. */
export function orgSearchItem(org: Org, bigram: string) {
  const attrs = { id: org.id, name: org.name, parentId: org.parentId, level: org.level, path: org.path, ...(org.creditCode ? { creditCode: org.creditCode } : {}) };
  return { ...marshall({ PK: orgSearchPk(bigram), SK: orgSearchSk(org.id) }), ...marshall({ entity: 'OrgSearch', version: 1, searchName: orgSearchName(org.name), ...attrs }) };
}
export const orgSearchKey = (bigram: string, orgId: string) => marshall({ PK: orgSearchPk(bigram), SK: orgSearchSk(orgId) });
