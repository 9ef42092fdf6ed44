/**
 * The user entity and everything kept in a user's partition. This module is the only place that
 * spells `USER#`: other repositories ask it for the keys of their items under a user.
 *
 *   USER#<id>   PROFILE               the user: profile, membership, balance, streak, ledgerSeq
 *   USER#<id>   ROLE#<orgId>          a cadre role        (GSI1: ORG#<orgId>#CADRES / USER#<id>)
 *   USER#<id>   SIGNIN#<china-day>    one sign-in; its existence is the once-per-day guard
 *   USER#<id>   LEDGER#<seq>          points ledger entry, seq = 1, 2, 3… per user
 *   USER#<id>   GOODSCOUNT#<goodsId>  how many of a goods item the member holds (per-member limit)
 *   USER#<id>   MSG#<time>#<id>       an inbox message;  USER#<id> / INBOX the unread count
 *   USER#<id>   FAV#<kind>#<id>       a favourite
 *   USER#<id>   ACTIVE#<china-day>    the user was active that day (statistics, once per day)
 *   USER#<id>   CLOSED                注销: the account closed (kept, with the ledger, for the union's books)
 *   OPENID#<openid>   OPENID          WeChat openid → user id
 *   UNIONID#<unionid> UNIONID         WeChat unionid → user id
 *   MEMBERNO#<no>     MEMBERNO        member number → user id
 */
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export interface Membership {
  status: 'none' | 'pending' | 'active';
  orgId?: string;
  orgName?: string;
  orgPath?: string;
  memberNo?: string;
}

export interface UserProfile {
  id: string;
  openid: string;
  unionid?: string;
  nickname: string;
  avatarUrl: string;
  membership: Membership;
  balance: number;
  ledgerSeq: number;
  signInStreak: number;
  lastSignInDay?: string;
  createdAt: string;
}

export interface RoleGrant {
  role: 'cadre';
  orgId: string;
  orgName: string;
  /** Materialised path of the union, so "is X in my scope" needs no tree walk. */
  orgPath: string;
}

/** A user together with their cadre roles — what one Query of the user's partition returns. */
export interface UserWithRoles {
  profile: UserProfile;
  roles: RoleGrant[];
}

/** A cadre as listed under their union. */
export interface CadreOfOrg {
  userId: string;
  orgId: string;
  orgName: string;
}

export const USER_VERSION = 1;

/** The partition of everything a user owns. */
export const userPk = (userId: string) => `USER#${userId}`;
/** The key of an item in a user's partition, marshalled. */
export const userItemKey = (userId: string, sk: string): Record<string, AttributeValue> => marshall({ PK: userPk(userId), SK: sk });
export const userKey = (userId: string) => userItemKey(userId, 'PROFILE');

export const PROFILE_SK = 'PROFILE';
export const roleSk = (orgId: string) => `ROLE#${orgId}`;
/** The last sort key a role can have: profile + roles are one Query `SK BETWEEN PROFILE AND ROLES_END`. */
export const ROLES_END = 'ROLE#\uffff';
export const signInSk = (day: string) => `SIGNIN#${day}`;
export const SIGNIN_PREFIX = 'SIGNIN#';
export const ledgerSk = (seq: number) => `LEDGER#${String(seq).padStart(12, '0')}`;
export const LEDGER_PREFIX = 'LEDGER#';
export const goodsCountSk = (goodsId: string) => `GOODSCOUNT#${goodsId}`;
export const messageSk = (messageId: string) => `MSG#${messageId}`;
export const MESSAGE_PREFIX = 'MSG#';
export const INBOX_SK = 'INBOX';
export const favoriteSk = (kind: string, id: string) => `FAV#${kind}#${id}`;
export const FAVORITE_PREFIX = 'FAV#';
export const activeDaySk = (day: string) => `ACTIVE#${day}`;
export const CLOSED_SK = 'CLOSED';

export const openidKey = (openid: string) => marshall({ PK: `OPENID#${openid}`, SK: 'OPENID' });
export const unionidKey = (unionid: string) => marshall({ PK: `UNIONID#${unionid}`, SK: 'UNIONID' });
export const memberNoKey = (memberNo: string) => marshall({ PK: `MEMBERNO#${memberNo.toUpperCase()}`, SK: 'MEMBERNO' });

export const profileItem = (p: UserProfile) => ({
  ...userKey(p.id),
  ...marshall({ entity: 'User', version: USER_VERSION, ...p }, { removeUndefinedValues: true }),
});

export function profileFromItem(item: Record<string, AttributeValue>): UserProfile {
  const { PK: _pk, SK: _sk, entity: _e, version: _v, ...rest } = unmarshall(item);
  return rest as UserProfile;
}

export const roleItem = (userId: string, r: RoleGrant) => ({
  ...userItemKey(userId, roleSk(r.orgId)),
  GSI1PK: { S: `ORG#${r.orgId}#CADRES` },
  GSI1SK: { S: userPk(userId) },
  ...marshall({ entity: 'Role', version: 1, userId, ...r }),
});

export const openidItem = (openid: string, userId: string) => ({ ...openidKey(openid), ...marshall({ entity: 'Openid', version: 1, userId }) });
export const unionidItem = (unionid: string, userId: string) => ({ ...unionidKey(unionid), ...marshall({ entity: 'Unionid', version: 1, userId }) });
export const memberNoItem = (memberNo: string, userId: string) => ({ ...memberNoKey(memberNo), ...marshall({ entity: 'MemberNo', version: 1, userId }) });

export function newProfile(id: string, openid: string, unionid: string | undefined, now: Date): UserProfile {
  return {
    id,
    openid,
    unionid,
    nickname: '微信用户',
    avatarUrl: '',
    membership: { status: 'none' },
    balance: 0,
    ledgerSeq: 0,
    signInStreak: 0,
    createdAt: now.toISOString(),
  };
}
