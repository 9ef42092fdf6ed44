/**
 * The audit log: append-only records of every cadre action, written in the same transaction as the
 * action (an action without its audit record cannot happen).
 */
import { randomUUID } from 'node:crypto';
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { chinaDay, chinaIso } from '@union/shared/china-day';
import { tableName } from '../lib/dynamo';
import type { AuditLog } from '../usecases/ports';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { transact } from '../lib/transact';
import { filteredPage } from './query-pages';
import type { AuditEntry, AuditRecord } from '../entities/audit';

export type { AuditEntry, AuditRecord } from '../entities/audit';

/**
 * The audit record as transaction items: the record under its China day, and one copy per union on the
 * object's path (`AUDITQ#<orgId>`), so each cadre reads their whole scope newest-first from one
 * partition. Every item is put with attribute_not_exists: append-only.
 */
export function auditItems(record: AuditRecord): TransactWriteItem[] {
  const id = randomUUID();
  const { at, ...rest } = record;
  const body = { entity: 'Audit', version: 1, id, ...rest, at: chinaIso(at) };
  const sk = `${at.toISOString()}#${id}`;
  const keys = [{ PK: `AUDIT#${chinaDay(at)}`, SK: sk }, ...record.orgPath.split('/').filter(Boolean).map((orgId) => ({ PK: `AUDITQ#${orgId}`, SK: sk }))];
  return keys.map((key, i) => ({
    Put: {
      TableName: tableName(),
      Item: marshall({ ...key, ...body, ...(i > 0 ? { entity: 'AuditScopeEntry' } : {}) }, { removeUndefinedValues: true }),
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }));
}

/** Writes one audit record on its own (for reads of personal data, which change nothing else). */
export async function writeAudit(record: AuditRecord): Promise<void> {
  await transact(auditItems(record));
}


/** The audit log of a union's subtree, newest first, optionally between two instants and by action. */
export async function auditLog(
  orgId: string,
  q: { from?: string; to?: string; action?: string; actorUserId?: string; limit: number; cursor?: string },
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const filters: string[] = [];
  const values: Record<string, unknown> = { ':pk': `AUDITQ#${orgId}`, ':from': q.from ?? '0', ':to': `${q.to ?? '9'}\uffff` };
  if (q.action) {
    filters.push('begins_with(#action, :action)');
    values[':action'] = q.action;
  }
  if (q.actorUserId) {
    filters.push('actorUserId = :actor');
    values[':actor'] = q.actorUserId;
  }
  const partition = `${values[':pk']}|${values[':from']}|${values[':to']}`;
  const input = {
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    ...(q.action ? { ExpressionAttributeNames: { '#action': 'action' } } : {}),
    ExpressionAttributeValues: marshall(values),
    ScanIndexForward: false,
  };
  const out = await filteredPage(input, { limit: q.limit, start: decodeCursor(q.cursor, partition), keyNames: ['PK', 'SK'] });
  const items = out.items.map((i) => {
    const { PK: _p, SK: _s, entity: _e, version: _v, ...rest } = unmarshall(i);
    return rest as AuditEntry;
  });
  return { items, nextCursor: encodeCursor(out.lastKey, partition) };
}

/** The audit log as the use cases see it. */
export class AuditTrail implements AuditLog {
  write(record: AuditRecord) {
    return writeAudit(record);
  }
  ofScope(orgId: string, q: Parameters<typeof auditLog>[1]) {
    return auditLog(orgId, q);
  }
}
