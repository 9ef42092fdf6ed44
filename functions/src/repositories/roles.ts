/**
 * Cadre roles. A role item lives in the cadre's partition (`ROLE#<orgId>`, entities/user.ts, read with the
 * profile) and is indexed by union (GSI1 `ORG#<orgId>#CADRES`); `ORG#<orgId> / CADRECOUNT` counts a
 * union's cadres so that removing the last cadre of the root can be refused by a condition.
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import { tagOnCreate } from '../entities/tags';
import type { Cadres } from '../usecases/ports';
import { AppError } from '../lib/errors';
import { step, transact, type OnFail, type Step } from '../lib/transact';
import { auditItems, type AuditRecord } from './audit';
import { roleItem, roleSk, userItemKey, type RoleGrant } from '../entities/user';
import { cadreCountKey, orgCadresPk } from '../entities/org';

const countKey = cadreCountKey;
const countTag = tagOnCreate('CadreCount');

export type { CadreOfOrg } from '../entities/user';
import type { CadreOfOrg } from '../entities/user';

/**
 * The steps that make `userId` a union's first cadre: the role, and the cadre count 0 → 1 (only while
 * it has none). Also used when a union is founded (建会), in the same transaction as the union.
 */
export function firstCadreSteps(userId: string, role: RoleGrant, onFail: OnFail): Step[] {
  return [
    step('not yet a cadre here', { Put: { TableName: tableName(), Item: roleItem(userId, role), ConditionExpression: 'attribute_not_exists(PK)' } }, onFail),
    step('no cadre yet', {
      Update: {
        TableName: tableName(),
        Key: countKey(role.orgId),
        UpdateExpression: `ADD #n :one SET ${countTag.set}`,
        ConditionExpression: 'attribute_not_exists(#n) OR #n = :zero',
        ExpressionAttributeNames: { '#n': 'count' },
        ExpressionAttributeValues: marshall({ ':one': 1, ':zero': 0, ...countTag.values }),
      },
    }, onFail),
  ];
}

export class RolesRepository implements Cadres {
  async cadresOf(orgId: string): Promise<CadreOfOrg[]> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': orgCadresPk(orgId) }),
      }),
    );
    return (out.Items ?? []).map((i) => {
      const r = unmarshall(i);
      return { userId: r.userId, orgId: r.orgId, orgName: r.orgName };
    });
  }

  /** Grants a role (never twice) and counts it. */
  async appoint(userId: string, role: RoleGrant, audit?: AuditRecord): Promise<void> {
    await transact([
      step('not yet a cadre here', { Put: { TableName: tableName(), Item: roleItem(userId, role), ConditionExpression: 'attribute_not_exists(PK)' } }, new AppError('INVALID_STATE', '该会员已是此工会的干部')),
      { Update: { TableName: tableName(), Key: countKey(role.orgId), UpdateExpression: `ADD #n :one SET ${countTag.set}`, ExpressionAttributeNames: { '#n': 'count' }, ExpressionAttributeValues: marshall({ ':one': 1, ...countTag.values }) } },
      ...(audit ? auditItems(audit) : []),
    ]);
  }

  /**
   * Grants a union its first cadre: only while it has none (the counter's condition), so a
   * configured bootstrap cadre can never be added beside cadres appointed since. `false` otherwise.
   */
  async appointFirst(userId: string, role: RoleGrant): Promise<boolean> {
    return !(await transact(firstCadreSteps(userId, role, 'answer')));
  }

  /** Removes a role; `keepOne` refuses to remove the last cadre of that union. */
  async remove(userId: string, orgId: string, keepOne: boolean, audit: AuditRecord): Promise<void> {
    await transact([
      step('a cadre here', { Delete: { TableName: tableName(), Key: userItemKey(userId, roleSk(orgId)), ConditionExpression: 'attribute_exists(PK)' } }, new AppError('NOT_FOUND', '该会员不是此工会的干部')),
      step('not the last cadre', {
        Update: {
          TableName: tableName(),
          Key: countKey(orgId),
          UpdateExpression: 'ADD #n :minus',
          ConditionExpression: keepOne ? '#n > :one' : '#n >= :one',
          ExpressionAttributeNames: { '#n': 'count' },
          ExpressionAttributeValues: marshall({ ':minus': -1, ':one': 1 }),
        },
      }, new AppError('INVALID_STATE', '不能移除省总工会的最后一名干部')),
      ...auditItems(audit),
    ]);
  }
}
