/**
 * 建会 applications: an enterprise asks to found a basic-level union under a county or industry union.
 *
 *   ORGAPP#<id>              ORGAPP       the application; the contact person only as ciphertext + masked
 *                                         copies (GSI1: USERORGAPP#<userId> / <createdAt> — "mine")
 *   ORGAPPCODE#<creditCode>  ORGAPPCODE   the enterprise's one open application (deleted on decision)
 *   REVIEWQ#orgapp#<status>#<orgId>       queue entries, one per union on the parent's path
 *
 * Approval is one transaction: the application pending → approved (conditional: of ten cadres
 * approving at once, one wins), the union created with its sibling-name item and the parent's open
 * count, and the applicant made its first cadre.
 */
import { BatchGetItemCommand, GetItemCommand, QueryCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Org } from '@union/shared/orgs';
import { dynamo, tableName } from '../lib/dynamo';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { AppError } from '../lib/errors';
import { failedAt, transact } from '../lib/transact';
import { auditItems, type AuditRecord } from './audit';
import { orgKey } from './keys';
import { decisionItem, queueMove, queuePk, queuePuts, type RequestStatus } from './membership';
import { newOrgFailure, newOrgItems } from './orgs';
import { firstCadreItems } from './roles';

export interface StoredOrgApplication {
  id: string;
  userId: string;
  status: RequestStatus;
  name: string;
  parentId: string;
  parentName: string;
  parentPath: string;
  employer: string;
  creditCode: string;
  contactNameEnc: string;
  contactPhoneEnc: string;
  contactNameMasked: string;
  contactPhoneMasked: string;
  workforce: number;
  notifyConsent: boolean;
  createdAt: string;
  decidedAt?: string;
  decidedBy?: string;
  reason?: string;
  orgId?: string;
}

const appKey = (id: string) => marshall({ PK: `ORGAPP#${id}`, SK: 'ORGAPP' });
const openCodeKey = (creditCode: string) => marshall({ PK: `ORGAPPCODE#${creditCode}`, SK: 'ORGAPPCODE' });
const decided = () => new AppError('INVALID_STATE', '该申请已被处理');

const stripKeys = (item: Record<string, unknown>): StoredOrgApplication => {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _gs, entity: _e, version: _v, ...rest } = item;
  return rest as unknown as StoredOrgApplication;
};

export class OrgApplicationsRepository {
  async get(id: string): Promise<StoredOrgApplication | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: appKey(id), ConsistentRead: true }));
    return out.Item ? stripKeys(unmarshall(out.Item)) : undefined;
  }

  /**
   * Files an application: one open application per enterprise (credit code) at a time, the parent
   * still open, and an entry in the review queue of every union on the parent's path.
   */
  async file(a: StoredOrgApplication): Promise<void> {
    await transact(
      [
        {
          Put: {
            TableName: tableName(),
            Item: marshall({ ...unmarshall(appKey(a.id)), GSI1PK: `USERORGAPP#${a.userId}`, GSI1SK: a.createdAt, entity: 'OrgApplication', version: 1, ...a }, { removeUndefinedValues: true }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        { Put: { TableName: tableName(), Item: marshall({ ...unmarshall(openCodeKey(a.creditCode)), entity: 'OrgApplicationOpen', applicationId: a.id }), ConditionExpression: 'attribute_not_exists(PK)' } },
        {
          ConditionCheck: {
            TableName: tableName(),
            Key: orgKey(a.parentId),
            ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(#status) OR #status = :open)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':open': 'open' }),
          },
        },
        ...queuePuts('orgapp', 'pending', a.parentPath, a.createdAt, a.id),
      ],
      (reasons) => {
        if (failedAt(reasons, 1)) return new AppError('REQUEST_PENDING', '该单位已有一份待审核的建会申请');
        if (failedAt(reasons, 2)) return new AppError('INVALID_STATE', '所选上级工会已撤销，请重新选择');
        return new AppError('BUSY');
      },
    );
  }

  /** pending → approved, the union founded and its first cadre appointed: all or nothing. */
  async approve(a: StoredOrgApplication, org: Org, decision: { by: string; at: string; now: Date }, audit: AuditRecord): Promise<void> {
    const FIRST_ORG_ITEM = 4;
    const items: TransactWriteItem[] = [
      decisionItem(appKey(a.id), 'approved', decision, { orgId: org.id }),
      ...firstCadreItems(a.userId, { role: 'cadre', orgId: org.id, orgName: org.name, orgPath: org.path }),
      { Delete: { TableName: tableName(), Key: openCodeKey(a.creditCode) } },
      ...newOrgItems(org, decision.now),
      ...queueMove('orgapp', 'approved', a.parentPath, a, decision.at),
      ...auditItems(audit),
    ];
    await transact(items, (reasons) => (failedAt(reasons, 0) ? decided() : newOrgFailure(reasons, FIRST_ORG_ITEM) ?? new AppError('BUSY')));
  }

  async reject(a: StoredOrgApplication, decision: { by: string; at: string; reason: string }, audit: AuditRecord): Promise<void> {
    await transact(
      [
        decisionItem(appKey(a.id), 'rejected', decision, { reason: decision.reason }),
        { Delete: { TableName: tableName(), Key: openCodeKey(a.creditCode) } },
        ...queueMove('orgapp', 'rejected', a.parentPath, a, decision.at),
        ...auditItems(audit),
      ],
      (reasons) => (failedAt(reasons, 0) ? decided() : new AppError('BUSY')),
    );
  }

  /** An applicant's applications, newest first. */
  async byUser(userId: string, limit: number, cursor?: string): Promise<{ items: StoredOrgApplication[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': `USERORGAPP#${userId}` }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    return { items: (out.Items ?? []).map((i) => stripKeys(unmarshall(i))), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  /** The review queue of a union's subtree: pending oldest first, decided newest first. */
  async queue(status: RequestStatus, orgId: string, limit: number, cursor?: string): Promise<{ items: StoredOrgApplication[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': queuePk('orgapp', status, orgId) }),
        ScanIndexForward: status === 'pending',
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    const ids = (out.Items ?? []).map((i) => unmarshall(i).requestId as string);
    if (ids.length === 0) return { items: [], nextCursor: null };
    const got = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: ids.map(appKey), ConsistentRead: true } } }));
    const byId = new Map((got.Responses?.[tableName()] ?? []).map((i) => { const a = stripKeys(unmarshall(i)); return [a.id, a]; }));
    return { items: ids.map((id) => byId.get(id)).filter((x): x is StoredOrgApplication => Boolean(x)), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }
}
