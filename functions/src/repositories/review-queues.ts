/**
 * The review queues every request kind shares (join, transfer, 建会): one entry per union on the path
 * of the request's union, moved when the request is decided, and the decision item itself.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { tableName } from '../lib/dynamo';
import { pathIds } from '../entities/org';
import { queuePk, type RequestKind, type RequestStatus } from '../entities/membership-request';

export function queuePuts(kind: RequestKind, status: RequestStatus, path: string, sortTime: string, id: string): TransactWriteItem[] {
  return pathIds(path).map((orgId) => ({
    Put: {
      TableName: tableName(),
      Item: marshall({ PK: queuePk(kind, status, orgId), SK: `${sortTime}#${id}`, entity: 'ReviewQueueEntry', version: 1, requestId: id }),
    },
  }));
}
export function queueDeletes(kind: RequestKind, status: RequestStatus, path: string, sortTime: string, id: string): TransactWriteItem[] {
  return pathIds(path).map((orgId) => ({
    Delete: { TableName: tableName(), Key: marshall({ PK: queuePk(kind, status, orgId), SK: `${sortTime}#${id}` }) },
  }));
}

/**
 * The decision on a request: pending → `status` with who and when (and any extra fields), on the
 * condition that it is still pending — the item every decision transaction starts with.
 */
export function decisionItem(key: Record<string, any>, status: 'approved' | 'rejected', decision: { by: string; at: string }, extra: Record<string, string> = {}): TransactWriteItem {
  const fields = { decidedAt: decision.at, decidedBy: decision.by, ...extra };
  return {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: `SET #status = :decided, ${Object.keys(fields).map((k, i) => `#f${i} = :f${i}`).join(', ')}`,
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(Object.keys(fields).map((k, i) => [`#f${i}`, k])) },
      ExpressionAttributeValues: marshall({ ':decided': status, ':pending': 'pending', ...Object.fromEntries(Object.values(fields).map((v, i) => [`:f${i}`, v])) }),
    },
  };
}

/** A decided request leaves the pending queues and joins the queues of its new status. */
export const queueMove = (kind: RequestKind, status: 'approved' | 'rejected', path: string, r: { id: string; createdAt: string }, decidedAt: string) => [
  ...queueDeletes(kind, 'pending', path, r.createdAt, r.id),
  ...queuePuts(kind, status, path, decidedAt, r.id),
];

