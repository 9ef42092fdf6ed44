/**
 * Filing and reading 建会 applications (items and keys in entities/org-application.ts); deciding them
 * is in org-application-decisions.ts.
 */
import { BatchGetItemCommand, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { AppError } from '../lib/errors';
import { step, transact } from '../lib/transact';
import type { OrgApplications, Page } from '../usecases/ports';
import { queuePk, type RequestStatus } from '../entities/membership-request';
import { orgKey } from '../entities/org';
import {
  openApplicationItem, orgApplicationFromItem, orgApplicationItem, orgApplicationKey, orgApplicationsOfUserPk, type StoredOrgApplication,
} from '../entities/org-application';
import { queuePuts } from './review-queues';

export type { StoredOrgApplication } from '../entities/org-application';

/** Filing and reading applications (the member-facing function carries no decision code). */
export class OrgApplicationFiling implements Omit<OrgApplications, 'approve' | 'reject'> {
  async get(id: string): Promise<StoredOrgApplication | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: orgApplicationKey(id), ConsistentRead: true }));
    return out.Item ? orgApplicationFromItem(unmarshall(out.Item)) : undefined;
  }

  /**
   * Files an application: one open application per enterprise (credit code) at a time, the parent
   * still open, and an entry in the review queue of every union on the parent's path.
   */
  async file(a: StoredOrgApplication): Promise<void> {
    await transact([
      step('new application', { Put: { TableName: tableName(), Item: orgApplicationItem(a), ConditionExpression: 'attribute_not_exists(PK)' } }, new AppError('BUSY')),
      step('no open application of this enterprise', { Put: { TableName: tableName(), Item: openApplicationItem(a), ConditionExpression: 'attribute_not_exists(PK)' } },
        new AppError('REQUEST_PENDING', '该单位已有一份待审核的建会申请')),
      step('parent open', {
        ConditionCheck: {
          TableName: tableName(),
          Key: orgKey(a.parentId),
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(#status) OR #status = :open)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':open': 'open' }),
        },
      }, new AppError('INVALID_STATE', '所选上级工会已撤销，请重新选择')),
      ...queuePuts('orgapp', 'pending', a.parentPath, a.createdAt, a.id),
    ]);
  }

  /** An applicant's applications, newest first. */
  async byUser(userId: string, limit: number, cursor?: string): Promise<Page<StoredOrgApplication>> {
    const pk = orgApplicationsOfUserPk(userId);
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': pk }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, pk),
      }),
    );
    return { items: (out.Items ?? []).map((i) => orgApplicationFromItem(unmarshall(i))), nextCursor: encodeCursor(out.LastEvaluatedKey, pk) };
  }

  /** The review queue of a union's subtree: pending oldest first, decided newest first. */
  async queue(status: RequestStatus, orgId: string, limit: number, cursor?: string): Promise<Page<StoredOrgApplication>> {
    const pk = queuePk('orgapp', status, orgId);
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': pk }),
        ScanIndexForward: status === 'pending',
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, pk),
      }),
    );
    const ids = (out.Items ?? []).map((i) => unmarshall(i).requestId as string);
    if (ids.length === 0) return { items: [], nextCursor: null };
    const got = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: ids.map(orgApplicationKey), ConsistentRead: true } } }));
    const byId = new Map((got.Responses?.[tableName()] ?? []).map((i) => { const a = orgApplicationFromItem(unmarshall(i)); return [a.id, a]; }));
    return { items: ids.map((id) => byId.get(id)).filter((x): x is StoredOrgApplication => Boolean(x)), nextCursor: encodeCursor(out.LastEvaluatedKey, pk) };
  }
}
