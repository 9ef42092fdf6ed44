/**
 * Unions and their indexes:
 *
 *   ORG#<id>       ORG          a union         (GSI1: ORGCHILDREN#<parentId|ROOT> / <order>#<id>)
 *   ORG#<id>       CADRECOUNT   how many cadres the union has
 *   ORGQ#<bigram>  ORG#<id>     name search index: one item per distinct two-character piece
 */
import { marshall } from '@aws-sdk/util-dynamodb';

export const orgKey = (orgId: string) => marshall({ PK: `ORG#${orgId}`, SK: 'ORG' });
export const cadreCountKey = (orgId: string) => marshall({ PK: `ORG#${orgId}`, SK: 'CADRECOUNT' });
export const orgCadresPk = (orgId: string) => `ORG#${orgId}#CADRES`;
export const orgChildrenPk = (parentId: string | null) => `ORGCHILDREN#${parentId ?? 'ROOT'}`;
export const orgSearchPk = (bigram: string) => `ORGQ#${bigram}`;
export const orgSearchSk = (orgId: string) => `ORG#${orgId}`;
/** The ids on a materialised path, root first: `/sx/xa/` → sx, xa. */
export const pathIds = (path: string) => path.split('/').filter(Boolean);
