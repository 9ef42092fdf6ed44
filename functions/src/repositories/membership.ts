/**
 * Join (入会) and transfer (转会) requests.
 *
 *   JOINREQ#<id>      JOINREQ          the request; personal data only as ciphertext + masked copies
 *                                      (GSI1: USERJOIN#<userId> / <createdAt> — "my applications")
 *   TRANSFERREQ#<id>  TRANSFERREQ      a transfer (GSI1: USERTRANSFER#<userId> / <createdAt>)
 *   REVIEWQ#<kind>#<status>#<orgId>  <time>#<id>
 *                                      review queue entries, one per union on the path of the request's
 *                                      union, so every cadre reads their whole scope oldest-first from
 *                                      one partition (≤ 5 levels: fan-out is bounded)
 *   IDHASH#<hmac>     IDHASH           one per 身份证号 that is an active member (keyed hash, not the number)
 *   COUNTER           MEMBERNO         the member-number sequence
 *
 * Every state change is one transaction conditioned on the current state: two cadres deciding at once
 * give one success and one INVALID_STATE; a user can hold one open request at a time.
 */
import { BatchGetItemCommand, GetItemCommand, QueryCommand, UpdateItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import { AppError } from '../lib/errors';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { failedAt, transact } from '../lib/transact';
import { auditItems, type AuditRecord } from './audit';
import { userKey } from './keys';
import { memberMoveItems, statsItems } from './stats';
import { memberCountItem } from './orgs';

const waitSeconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

export type RequestStatus = 'pending' | 'approved' | 'rejected';
/** What a review queue holds: join, transfer and 建会 (org application) requests. */
export type RequestKind = 'join' | 'transfer' | 'orgapp';

export interface StoredJoinRequest {
  id: string;
  userId: string;
  status: RequestStatus;
  orgId: string;
  orgName: string;
  orgPath: string;
  nameEnc: string;
  idNumberEnc: string;
  phoneEnc: string;
  idHash: string;
  nameMasked: string;
  idNumberMasked: string;
  phoneMasked: string;
  employer: string;
  notifyConsent: boolean;
  createdAt: string;
  decidedAt?: string;
  decidedBy?: string;
  reason?: string;
  memberNo?: string;
}

export interface StoredTransferRequest {
  id: string;
  userId: string;
  status: RequestStatus;
  fromOrgId: string;
  fromOrgName: string;
  fromOrgPath: string;
  toOrgId: string;
  toOrgName: string;
  toOrgPath: string;
  reason: string;
  memberName: string;
  memberNo?: string;
  createdAt: string;
  decidedAt?: string;
  decidedBy?: string;
  rejectReason?: string;
}

const joinKey = (id: string) => marshall({ PK: `JOINREQ#${id}`, SK: 'JOINREQ' });
const transferKey = (id: string) => marshall({ PK: `TRANSFERREQ#${id}`, SK: 'TRANSFERREQ' });
const idHashKey = (hash: string) => marshall({ PK: `IDHASH#${hash}`, SK: 'IDHASH' });
export const queuePk = (kind: RequestKind, status: RequestStatus, orgId: string) => `REVIEWQ#${kind}#${status}#${orgId}`;
/** `/sx/xa/xa-yt/xa-yt-qy/` → `['sx', 'xa', 'xa-yt', 'xa-yt-qy']`. */
const pathIds = (path: string) => path.split('/').filter(Boolean);

export function queuePuts(kind: RequestKind, status: RequestStatus, path: string, sortTime: string, id: string): TransactWriteItem[] {
  return pathIds(path).map((orgId) => ({
    Put: {
      TableName: tableName(),
      Item: marshall({ PK: queuePk(kind, status, orgId), SK: `${sortTime}#${id}`, entity: 'ReviewQueueEntry', requestId: id }),
    },
  }));
}
function queueDeletes(kind: RequestKind, status: RequestStatus, path: string, sortTime: string, id: string): TransactWriteItem[] {
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

/** Items 0 (the request) and 1 (the user) failing their conditions mean someone decided first. */
const decidedFirst = (reasons: Parameters<typeof failedAt>[0]) =>
  failedAt(reasons, 0) || failedAt(reasons, 1) ? new AppError('INVALID_STATE', '该申请已被处理') : new AppError('BUSY');

const stripKeys = <T>(item: Record<string, unknown>): T => {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _gs, entity: _e, version: _v, ...rest } = item;
  return rest as T;
};

export class MembershipRepository {
  async joinRequest(id: string): Promise<StoredJoinRequest | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: joinKey(id), ConsistentRead: true }));
    return out.Item ? stripKeys<StoredJoinRequest>(unmarshall(out.Item)) : undefined;
  }

  async transferRequest(id: string): Promise<StoredTransferRequest | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: transferKey(id), ConsistentRead: true }));
    return out.Item ? stripKeys<StoredTransferRequest>(unmarshall(out.Item)) : undefined;
  }

  /**
   * Files a join request: the user's membership goes none → pending (the one-open-request guard), the
   * 身份证号 must not already be an active member, the request and its queue entries are put.
   */
  async fileJoinRequest(r: StoredJoinRequest): Promise<void> {
    await transact(
      [
        {
          Update: {
            TableName: tableName(),
            Key: userKey(r.userId),
            UpdateExpression: 'SET membership = :pending',
            ConditionExpression: 'membership.#status = :none',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':none': 'none', ':pending': { status: 'pending', orgId: r.orgId, orgName: r.orgName, orgPath: r.orgPath, requestId: r.id } }),
          },
        },
        { ConditionCheck: { TableName: tableName(), Key: idHashKey(r.idHash), ConditionExpression: 'attribute_not_exists(PK)' } },
        {
          Put: {
            TableName: tableName(),
            Item: marshall({ ...unmarshall(joinKey(r.id)), GSI1PK: `USERJOIN#${r.userId}`, GSI1SK: r.createdAt, entity: 'JoinRequest', version: 1, ...r }, { removeUndefinedValues: true }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        ...queuePuts('join', 'pending', r.orgPath, r.createdAt, r.id),
      ],
      (reasons) => {
        if (failedAt(reasons, 1)) return new AppError('ID_NUMBER_IN_USE');
        if (failedAt(reasons, 0)) return new AppError('REQUEST_PENDING'); // refined by the use case
        return new AppError('BUSY');
      },
    );
  }

  /** The next member number: an atomic counter (a gap after a failed approval is harmless). */
  async nextMemberNo(): Promise<string> {
    const out = await dynamo().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall({ PK: 'COUNTER', SK: 'MEMBERNO' }),
        UpdateExpression: 'ADD #n :one',
        ExpressionAttributeNames: { '#n': 'value' },
        ExpressionAttributeValues: marshall({ ':one': 1 }),
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return `SX${String(70_000_000 + Number(unmarshall(out.Attributes!).value))}`;
  }

  /** pending → approved: the user becomes an active member of the request's union, in one transaction. */
  async approveJoin(r: StoredJoinRequest, decision: { by: string; at: string; memberNo: string }, audit: AuditRecord): Promise<void> {
    await transact(
      [
        decisionItem(joinKey(r.id), 'approved', decision, { memberNo: decision.memberNo }),
        {
          Update: {
            TableName: tableName(),
            Key: userKey(r.userId),
            UpdateExpression: 'SET membership = :active',
            ConditionExpression: 'membership.#status = :pending AND membership.requestId = :id',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({
              ':pending': 'pending',
              ':id': r.id,
              ':active': { status: 'active', orgId: r.orgId, orgName: r.orgName, orgPath: r.orgPath, memberNo: decision.memberNo, since: decision.at },
            }),
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: marshall({ ...unmarshall(idHashKey(r.idHash)), entity: 'IdNumberIndex', userId: r.userId, at: decision.at }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        { Put: { TableName: tableName(), Item: marshall({ PK: `MEMBERNO#${decision.memberNo}`, SK: 'MEMBERNO', entity: 'MemberNo', userId: r.userId }), ConditionExpression: 'attribute_not_exists(PK)' } },
        // The union counts its active members (closing needs 0) and must still be open to take one.
        memberCountItem(r.orgId, 1),
        ...queueMove('join', 'approved', r.orgPath, r, decision.at),
        ...statsItems(r.orgPath, decision.at.slice(0, 10), { newMembers: 1, requestsDecided: 1, requestWaitSeconds: waitSeconds(r.createdAt, decision.at) }),
        ...auditItems(audit),
      ],
      (reasons) => {
        if (failedAt(reasons, 0) || failedAt(reasons, 1)) return decidedFirst(reasons);
        if (failedAt(reasons, 2)) return new AppError('ID_NUMBER_IN_USE');
        if (failedAt(reasons, 4)) return new AppError('INVALID_STATE', '该工会已撤销，不能再接收会员');
        return new AppError('BUSY');
      },
    );
  }

  /** pending → rejected with a reason; the user may apply again. */
  async rejectJoin(r: StoredJoinRequest, decision: { by: string; at: string; reason: string }, audit: AuditRecord): Promise<void> {
    await transact(
      [
        decisionItem(joinKey(r.id), 'rejected', decision, { reason: decision.reason }),
        {
          Update: {
            TableName: tableName(),
            Key: userKey(r.userId),
            UpdateExpression: 'SET membership = :none',
            ConditionExpression: 'membership.#status = :pending AND membership.requestId = :id',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':pending': 'pending', ':id': r.id, ':none': { status: 'none' } }),
          },
        },
        ...queueMove('join', 'rejected', r.orgPath, r, decision.at),
        ...statsItems(r.orgPath, decision.at.slice(0, 10), { requestsDecided: 1, requestWaitSeconds: waitSeconds(r.createdAt, decision.at) }),
        ...auditItems(audit),
      ],
      decidedFirst,
    );
  }

  /** Files a transfer: only an active member of `fromOrgId` with no open transfer. */
  async fileTransfer(r: StoredTransferRequest): Promise<void> {
    await transact(
      [
        {
          Update: {
            TableName: tableName(),
            Key: userKey(r.userId),
            UpdateExpression: 'SET openTransferId = :id',
            ConditionExpression: 'membership.#status = :active AND membership.orgId = :from AND attribute_not_exists(openTransferId)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':id': r.id, ':active': 'active', ':from': r.fromOrgId }),
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: marshall({ ...unmarshall(transferKey(r.id)), GSI1PK: `USERTRANSFER#${r.userId}`, GSI1SK: r.createdAt, entity: 'TransferRequest', version: 1, ...r }, { removeUndefinedValues: true }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        ...queuePuts('transfer', 'pending', r.toOrgPath, r.createdAt, r.id),
      ],
      (reasons) => (failedAt(reasons, 0) ? new AppError('REQUEST_PENDING') : new AppError('BUSY')),
    );
  }

  /** pending → approved: the membership moves to the destination; member number, points, history stay. */
  async approveTransfer(r: StoredTransferRequest, decision: { by: string; at: string }, audit: AuditRecord): Promise<void> {
    await transact(
      [
        decisionItem(transferKey(r.id), 'approved', decision),
        {
          Update: {
            TableName: tableName(),
            Key: userKey(r.userId),
            UpdateExpression: 'SET membership.orgId = :to, membership.orgName = :toName, membership.orgPath = :toPath REMOVE openTransferId',
            ConditionExpression: 'openTransferId = :id AND membership.orgId = :from AND membership.#status = :active',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':to': r.toOrgId, ':toName': r.toOrgName, ':toPath': r.toOrgPath, ':id': r.id, ':from': r.fromOrgId, ':active': 'active' }),
          },
        },
        memberCountItem(r.toOrgId, 1),
        memberCountItem(r.fromOrgId, -1),
        ...queueMove('transfer', 'approved', r.toOrgPath, r, decision.at),
        ...memberMoveItems(r.fromOrgPath, r.toOrgPath, decision.at.slice(0, 10)),
        ...auditItems(audit),
      ],
      (reasons) => (failedAt(reasons, 2) && !failedAt(reasons, 0) && !failedAt(reasons, 1) ? new AppError('INVALID_STATE', '转入的工会已撤销，不能再接收会员') : decidedFirst(reasons)),
    );
  }

  async rejectTransfer(r: StoredTransferRequest, decision: { by: string; at: string; reason: string }, audit: AuditRecord): Promise<void> {
    await transact(
      [
        decisionItem(transferKey(r.id), 'rejected', decision, { rejectReason: decision.reason }),
        {
          Update: {
            TableName: tableName(),
            Key: userKey(r.userId),
            UpdateExpression: 'REMOVE openTransferId',
            ConditionExpression: 'openTransferId = :id',
            ExpressionAttributeValues: marshall({ ':id': r.id }),
          },
        },
        ...queueMove('transfer', 'rejected', r.toOrgPath, r, decision.at),
        ...auditItems(audit),
      ],
      decidedFirst,
    );
  }

  /** One user's requests of a kind, newest first. */
  async byUser<T>(kind: RequestKind, userId: string, limit: number, cursor?: string): Promise<{ items: T[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': `${kind === 'join' ? 'USERJOIN' : 'USERTRANSFER'}#${userId}` }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    return { items: (out.Items ?? []).map((i) => stripKeys<T>(unmarshall(i))), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  /** The review queue of one union's subtree: pending oldest first, decided newest first. */
  async queue<T>(kind: RequestKind, status: RequestStatus, orgId: string, limit: number, cursor?: string): Promise<{ items: T[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': queuePk(kind, status, orgId) }),
        ScanIndexForward: status === 'pending',
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    const ids = (out.Items ?? []).map((i) => unmarshall(i).requestId as string);
    if (ids.length === 0) return { items: [], nextCursor: null };
    const keyOf = kind === 'join' ? joinKey : transferKey;
    const got = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: ids.map(keyOf), ConsistentRead: true } } }));
    const byId = new Map((got.Responses?.[tableName()] ?? []).map((i) => { const r = unmarshall(i); return [r.id as string, stripKeys<T>(r)]; }));
    return { items: ids.map((id) => byId.get(id)).filter((x): x is T => Boolean(x)), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }
}
