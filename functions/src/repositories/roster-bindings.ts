/**
 * A roster record's binding to a user, apart from the rest of the roster (imports, 会员认证) so the functions
 * that only read a member's record or release it (注销, export) do not carry the import code. Items:
 * repositories/roster.ts.
 */
import { GetItemCommand, type TransactWriteItem, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import { AppError } from '../lib/errors';
import { step, transact } from '../lib/transact';
import { memberCountStep } from './member-count';
import { auditItems, type AuditRecord } from './audit';
import { userKey } from '../entities/user';
import { statsItems } from './stats';

export const rosterKey = (idHash: string) => marshall({ PK: `ROSTER#${idHash}`, SK: 'RECORD' });
export const bindingKey = (idHash: string) => marshall({ PK: `ROSTER#${idHash}`, SK: 'BINDING' });
export const userBindingKey = (userId: string) => marshall({ PK: `USER#${userId}`, SK: 'ROSTERBINDING' });
const idHashKey = (hash: string) => marshall({ PK: `IDHASH#${hash}`, SK: 'IDHASH' });
const memberNoKey = (no: string) => marshall({ PK: `MEMBERNO#${no}`, SK: 'MEMBERNO' });

export interface RosterRecord {
  idHash: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  nameEnc: string;
  idNumberEnc: string;
  phoneEnc?: string;
  nameMasked: string;
  idNumberMasked: string;
  phoneMasked?: string;
  memberNo?: string;
  joinedOn?: string;
  digest: string;
  createdAt: string;
  updatedAt: string;
  /** Which import wrote it last, and from which row (the import command resumes by these). */
  importId?: string;
  importRow?: number;
  importResult?: 'created' | 'updated';
}

export interface RosterBinding {
  idHash: string;
  userId?: string;
  memberNo?: string;
  boundAt?: string;
}

const strip = <T>(item: Record<string, AttributeValue>): T => {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _gs, entity: _e, version: _v, ...rest } = unmarshall(item);
  return rest as T;
};

export class RosterBindings {
  async record(idHash: string): Promise<RosterRecord | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: rosterKey(idHash), ConsistentRead: true }));
    return out.Item ? strip<RosterRecord>(out.Item) : undefined;
  }

  async binding(idHash: string): Promise<RosterBinding | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: bindingKey(idHash), ConsistentRead: true }));
    return out.Item ? strip<RosterBinding>(out.Item) : undefined;
  }

  /** The record a user is bound to, if any. */
  async boundRecordOf(userId: string): Promise<string | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: userBindingKey(userId), ConsistentRead: true }));
    return out.Item ? (unmarshall(out.Item).idHash as string) : undefined;
  }

  /**
   * Releases a record from its user: the user is no longer a member (the member number stays with the
   * record, for whoever verifies next); counted and audited in the same transaction.
   */
  async unbind(p: { userId: string; idHash: string; membership: { orgPath: string; memberNo: string }; day: string; at: string }, audit: AuditRecord): Promise<void> {
    const changed = new AppError('INVALID_STATE', '该会员的绑定状态已变化，请刷新后重试');
    const items: TransactWriteItem[] = [
        { Delete: { TableName: tableName(), Key: userBindingKey(p.userId), ConditionExpression: 'idHash = :h', ExpressionAttributeValues: marshall({ ':h': p.idHash }) } },
        {
          Update: {
            TableName: tableName(),
            Key: bindingKey(p.idHash),
            UpdateExpression: 'REMOVE userId, boundAt SET unboundAt = :at',
            ConditionExpression: 'userId = :u',
            ExpressionAttributeValues: marshall({ ':u': p.userId, ':at': p.at }),
          },
        },
        {
          Update: {
            TableName: tableName(),
            Key: userKey(p.userId),
            UpdateExpression: 'SET membership = :none',
            ConditionExpression: 'membership.#status = :active AND membership.memberNo = :n',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':active': 'active', ':n': p.membership.memberNo, ':none': { status: 'none' } }),
          },
        },
        { Delete: { TableName: tableName(), Key: idHashKey(p.idHash), ConditionExpression: 'userId = :u', ExpressionAttributeValues: marshall({ ':u': p.userId }) } },
        { Delete: { TableName: tableName(), Key: memberNoKey(p.membership.memberNo), ConditionExpression: 'userId = :u', ExpressionAttributeValues: marshall({ ':u': p.userId }) } },
        ...statsItems(p.membership.orgPath, p.day, { memberDelta: -1 }),
        ...auditItems(audit),
      ];
    // Every condition here means the same: someone changed the binding first.
    const orgId = p.membership.orgPath.split('/').filter(Boolean).at(-1) ?? '';
    await transact([
      ...items.map((item) => (item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck)?.ConditionExpression ? step('binding as read', item, changed) : item),
      memberCountStep(orgId, -1),
    ]);
  }
}
