/** Users: profile, membership, cadre roles and the openid mapping. */
import {
  GetItemCommand,
  QueryCommand,
  UpdateItemCommand,
  ConditionalCheckFailedException,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import type { Members } from '../usecases/ports';
import { AppError } from '../lib/errors';
import { step, transact } from '../lib/transact';
import {
  activeDaySk, memberNoKey, openidItem, openidKey, profileFromItem, profileItem, PROFILE_SK, ROLES_END, unionidItem, unionidKey, userItemKey, userKey, userPk,
  type RoleGrant, type UserProfile, type UserWithRoles,
} from '../entities/user';
import { statsItems } from './stats';

export type { Membership, RoleGrant, UserProfile, UserWithRoles } from '../entities/user';
export { newProfile, profileItem, roleItem, unionidItem } from '../entities/user';

export class UsersRepository implements Members {
  /** The user id bound to a WeChat openid, if any. */
  async idByOpenid(openid: string): Promise<string | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: openidKey(openid), ConsistentRead: true }));
    return out.Item?.userId?.S;
  }

  /**
   * Creates the user and their openid mapping together. Two first logins at once: one transaction
   * wins, the other finds the mapping taken and returns the winner's id.
   */
  async createForOpenid(profile: UserProfile, extra: TransactWriteItem[] = []): Promise<string> {
    const failed = await transact([
      // Taken: another first login of this openid won; answer with its user.
      step('openid free', {
        Put: {
          TableName: tableName(),
          Item: openidItem(profile.openid, profile.id),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      }, 'answer'),
      step('new user', { Put: { TableName: tableName(), Item: profileItem(profile), ConditionExpression: 'attribute_not_exists(PK)' } }, new AppError('INTERNAL')),
      // unionid → user: how an official-account follower is matched to their mini-program account.
      ...(profile.unionid ? [{ Put: { TableName: tableName(), Item: unionidItem(profile.unionid, profile.id) } }] : []),
      ...extra,
    ]);
    if (!failed) return profile.id;
    if (typeof failed.old?.userId === 'string') return failed.old.userId;
    const existing = await this.idByOpenid(profile.openid);
    if (!existing) throw new AppError('BUSY');
    return existing;
  }

  /** The profile and roles in one Query: SKs `PROFILE` and `ROLE#…` sort next to each other. */
  async withRoles(userId: string): Promise<UserWithRoles | undefined> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: marshall({ ':pk': userPk(userId), ':from': PROFILE_SK, ':to': ROLES_END }),
        ConsistentRead: true,
      }),
    );
    let profile: UserProfile | undefined;
    const roles: RoleGrant[] = [];
    for (const item of out.Items ?? []) {
      const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _gs, entity, version: _v, userId: _u, ...rest } = unmarshall(item);
      if (entity === 'User') profile = rest as UserProfile;
      else if (entity === 'Role') roles.push(rest as RoleGrant);
    }
    return profile ? { profile, roles } : undefined;
  }

  /**
   * Counts a visit for statistics: the first of the China day makes the user active that day (a
   * `ACTIVE#<day>` item put once), and every visit counts as an entry by its scene.
   */
  async recordVisit(userId: string, orgPath: string | undefined, day: string, fromMenu: boolean): Promise<void> {
    const entry = fromMenu ? { entriesMenu: 1 } : { entriesOther: 1 };
    if (!orgPath) return;
    const later = await transact([
      step('first visit today', { Put: { TableName: tableName(), Item: { ...userItemKey(userId, activeDaySk(day)), ...marshall({ entity: 'ActiveDay', version: 1 }) }, ConditionExpression: 'attribute_not_exists(PK)' } }, 'answer'),
      ...statsItems(orgPath, day, { activeUsers: 1, ...entry }),
    ]);
    if (later) await transact(statsItems(orgPath, day, entry));
  }

  /** The user a WeChat unionid belongs to. */
  async idByUnionid(unionid: string): Promise<string | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: unionidKey(unionid) }));
    return out.Item?.userId?.S;
  }

  /** The user holding a member number (`MEMBERNO#<no>` is written when a membership is approved). */
  async idByMemberNo(memberNo: string): Promise<string | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: memberNoKey(memberNo) }));
    return out.Item?.userId?.S;
  }

  async profile(userId: string): Promise<UserProfile | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: userKey(userId), ConsistentRead: true }));
    return out.Item ? profileFromItem(out.Item) : undefined;
  }

  /** Changes nickname/avatar; records the launch scene of a login. Fails NOT_FOUND for unknown users. */
  async update(userId: string, fields: Partial<Pick<UserProfile, 'nickname' | 'avatarUrl'>> & { lastScene?: number; lastLoginAt?: string }): Promise<void> {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return;
    try {
      await dynamo().send(
        new UpdateItemCommand({
          TableName: tableName(),
          Key: userKey(userId),
          UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
          ExpressionAttributeValues: marshall(Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v]))),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new AppError('NOT_FOUND', '用户不存在');
      throw error;
    }
  }
}
