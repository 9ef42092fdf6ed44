/**
 * The audit log: append-only, one item per cadre action, written in the same transaction as the action
 * (an action without its audit record cannot happen). Keyed by China day for time-ordered reading.
 */
import { randomUUID } from 'node:crypto';
import { PutItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { chinaDay, chinaIso } from '@union/shared/china-day';
import { dynamo, tableName } from '../lib/dynamo';

export interface AuditRecord {
  actorUserId: string;
  /** The union whose cadre role authorised the action. */
  actorOrgId: string;
  action: string;
  objectType: string;
  objectId: string;
  /** The union the object belongs to (its path: audit queries by scope). */
  orgId: string;
  orgPath: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  at: Date;
}

export function auditItem(record: AuditRecord): TransactWriteItem {
  const id = randomUUID();
  const { at, ...rest } = record;
  return {
    Put: {
      TableName: tableName(),
      Item: marshall(
        { PK: `AUDIT#${chinaDay(at)}`, SK: `${at.toISOString()}#${id}`, entity: 'Audit', version: 1, id, ...rest, at: chinaIso(at) },
        { removeUndefinedValues: true },
      ),
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Writes one audit record on its own (for reads of personal data, which change nothing else). */
export async function writeAudit(record: AuditRecord): Promise<void> {
  const put = auditItem(record).Put!;
  await dynamo().send(new PutItemCommand({ TableName: put.TableName, Item: put.Item, ConditionExpression: put.ConditionExpression }));
}
