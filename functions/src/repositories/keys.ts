/**
 * The single-table key layout, in one place. Every item also carries `entity` (its type) so a scan of
 * the table stays readable and migrations stay possible.
 *
 *   USER#<id>      PROFILE               the user: profile, membership, balance, streak, ledgerSeq
 *   USER#<id>      ROLE#<orgId>          a cadre role        (GSI1: ORG#<orgId>#CADRES / USER#<id>)
 *   USER#<id>      SIGNIN#<china-day>    one sign-in; its existence is the once-per-day guard
 *   USER#<id>      LEDGER#<seq>          points ledger entry, seq = 1, 2, 3… per user
 *   OPENID#<id>    OPENID                WeChat openid → user id
 *   ORG#<id>       ORG                   a union         (GSI1: ORGCHILDREN#<parentId|ROOT> / <order>#<id>)
 *   ORGQ#<bigram>  ORG#<id>              name search index: one item per distinct two-character piece
 *                                       (a closed union moves to GSI1 ORGCLOSED#<parentId>, leaves the index)
 *   ORGNAME#<parentId>#<normalised name>  ORGNAME   a name taken among siblings (unique by condition)
 *   ORGAPP#<id>    ORGAPP                a 建会 application (GSI1: USERORGAPP#<userId> / <createdAt>)
 *   ORGAPPCODE#<creditCode>  ORGAPPCODE  an enterprise's open 建会 application (one at a time)
 *   SEED           DEMO                  marks the demo seed as loaded
 */
export const userKey = (userId: string) => ({ PK: { S: `USER#${userId}` }, SK: { S: 'PROFILE' } });
export const roleSk = (orgId: string) => `ROLE#${orgId}`;
export const signInSk = (day: string) => `SIGNIN#${day}`;
export const ledgerSk = (seq: number) => `LEDGER#${String(seq).padStart(12, '0')}`;
export const openidKey = (openid: string) => ({ PK: { S: `OPENID#${openid}` }, SK: { S: 'OPENID' } });
export const orgKey = (orgId: string) => ({ PK: { S: `ORG#${orgId}` }, SK: { S: 'ORG' } });
export const orgChildrenPk = (parentId: string | null) => `ORGCHILDREN#${parentId ?? 'ROOT'}`;
export const orgSearchPk = (bigram: string) => `ORGQ#${bigram}`;
export const orgClosedPk = (parentId: string) => `ORGCLOSED#${parentId}`;
/** Sibling names compare without spaces, in NFKC form (full-width brackets and letters fold) and lower case. */
export const normaliseOrgName = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
export const orgNameKey = (parentId: string | null, name: string) => ({ PK: { S: `ORGNAME#${parentId ?? 'ROOT'}#${normaliseOrgName(name)}` }, SK: { S: 'ORGNAME' } });
