/**
 * Cadre roles. A role item lives in the cadre's partition (`USER#<id> / ROLE#<orgId>`, read with the
 * profile) and is indexed by union (GSI1 `ORG#<orgId>#CADRES`); `ORG#<orgId> / CADRECOUNT` counts a
 * union's cadres so that removing the last cadre of the root can be refused by a condition.
 */
import { QueryCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import { AppError } from '../lib/errors';
import { failedAt, transact } from '../lib/transact';
import { auditItems, type AuditRecord } from './audit';
import { roleSk } from './keys';
import { roleItem, type RoleGrant } from './users';

const countKey = (orgId: string) => marshall({ PK: `ORG#${orgId}`, SK: 'CADRECOUNT' });

export interface CadreOfOrg {
  userId: string;
  orgId: string;
  orgName: string;
}

/**
 * The items that make `userId` a union's first cadre: the role, and the cadre count 0 → 1 (only while
 * it has none). Also used when a union is founded (建会) in the same transaction as the role.
 */
export function firstCadreItems(userId: string, role: RoleGrant): TransactWriteItem[] {
  return [
    { Put: { TableName: tableName(), Item: roleItem(userId, role), ConditionExpression: 'attribute_not_exists(PK)' } },
    {
      Update: {
        TableName: tableName(),
        Key: countKey(role.orgId),
        UpdateExpression: 'ADD #n :one',
        ConditionExpression: 'attribute_not_exists(#n) OR #n = :zero',
        ExpressionAttributeNames: { '#n': 'count' },
        ExpressionAttributeValues: marshall({ ':one': 1, ':zero': 0 }),
      },
    },
  ];
}

export class RolesRepository {
  async cadresOf(orgId: string): Promise<CadreOfOrg[]> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': `ORG#${orgId}#CADRES` }),
      }),
    );
    return (out.Items ?? []).map((i) => {
      const r = unmarshall(i);
      return { userId: r.userId, orgId: r.orgId, orgName: r.orgName };
    });
  }

  /** Grants a role (never twice) and counts it. */
  async appoint(userId: string, role: RoleGrant, audit?: AuditRecord): Promise<void> {
    await transact(
      [
        { Put: { TableName: tableName(), Item: roleItem(userId, role), ConditionExpression: 'attribute_not_exists(PK)' } },
        { Update: { TableName: tableName(), Key: countKey(role.orgId), UpdateExpression: 'ADD #n :one', ExpressionAttributeNames: { '#n': 'count' }, ExpressionAttributeValues: marshall({ ':one': 1 }) } },
        ...(audit ? auditItems(audit) : []),
      ],
      (reasons) => (failedAt(reasons, 0) ? new AppError('INVALID_STATE', '该会员已是此工会的干部') : new AppError('BUSY')),
    );
  }

  /**
   * Grants a union its first cadre: only while it has none (the counter's condition), so a
   * configured bootstrap cadre can never be added beside cadres appointed since. `false` otherwise.
   */
  async appointFirst(userId: string, role: RoleGrant): Promise<boolean> {
    return transact(firstCadreItems(userId, role), () => undefined);
  }

  /** Removes a role; `keepOne` refuses to remove the last cadre of that union. */
  async remove(userId: string, orgId: string, keepOne: boolean, audit: AuditRecord): Promise<void> {
    await transact(
      [
        { Delete: { TableName: tableName(), Key: marshall({ PK: `USER#${userId}`, SK: roleSk(orgId) }), ConditionExpression: 'attribute_exists(PK)' } },
        {
          Update: {
            TableName: tableName(),
            Key: countKey(orgId),
            UpdateExpression: 'ADD #n :minus',
            ConditionExpression: keepOne ? '#n > :one' : '#n >= :one',
            ExpressionAttributeNames: { '#n': 'count' },
            ExpressionAttributeValues: marshall({ ':minus': -1, ':one': 1 }),
          },
        },
        ...auditItems(audit),
      ],
      (reasons) => {
        if (failedAt(reasons, 0)) return new AppError('NOT_FOUND', '该会员不是此工会的干部');
        if (failedAt(reasons, 1)) return new AppError('INVALID_STATE', '不能移除省总工会的最后一名干部');
        return new AppError('BUSY');
      },
    );
  }
}
