/**
 * Filing and deciding join (入会) and transfer (转会) requests (items and keys in
 * entities/membership-request.ts). Every state change is one transaction conditioned on the current
 * state: two cadres deciding at once give one success and one INVALID_STATE; a user can hold one open
 * request at a time.
 */
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import { tagOnCreate } from '../entities/tags';

const counterTag = tagOnCreate('MemberNoCounter');
import type { MembershipRequests } from '../usecases/ports';
import {
  joinKey, joinsOfUserPk, transferKey, transfersOfUserPk, type StoredJoinRequest, type StoredTransferRequest,
} from '../entities/membership-request';
import { MembershipReads } from './membership-reads';
import { AppError } from '../lib/errors';
import { step, transact } from '../lib/transact';
import { auditItems, type AuditRecord } from './audit';
import { memberNoItem, userKey } from '../entities/user';
import { memberMoveItems, statsItems } from './stats';
import { memberCountStep } from './member-count';
import { decisionItem, queueMove, queuePuts } from './review-queues';
import { notInRosterCheck } from './roster';

const waitSeconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

export type { RequestKind, RequestStatus, StoredJoinRequest, StoredTransferRequest } from '../entities/membership-request';

const idHashKey = (hash: string) => marshall({ PK: `IDHASH#${hash}`, SK: 'IDHASH' });

/** The request no longer pending, or the user no longer as it made them: someone decided first. */
const decidedFirst = () => new AppError('INVALID_STATE', '该申请已被处理');

/** Membership requests: the reads plus filing and deciding them. */
export class MembershipRepository extends MembershipReads implements MembershipRequests {


  /**
   * Files a join request: the user's membership goes none → pending (the one-open-request guard), the
   * 身份证号 must not already be an active member, the request and its queue entries are put.
   */
  async fileJoinRequest(r: StoredJoinRequest): Promise<void> {
    // The first failed step decides: a 身份证号 in use is named before the user's own state.
    await transact([
      step('id number free', { ConditionCheck: { TableName: tableName(), Key: idHashKey(r.idHash), ConditionExpression: 'attribute_not_exists(PK)' } }, new AppError('ID_NUMBER_IN_USE')),
      step(
        'no membership yet',
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
        new AppError('REQUEST_PENDING'), // refined by the use case
      ),
      step('new request', {
        Put: {
          TableName: tableName(),
          Item: marshall({ ...unmarshall(joinKey(r.id)), GSI1PK: joinsOfUserPk(r.userId), GSI1SK: r.createdAt, entity: 'JoinRequest', version: 1, ...r }, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      }),
      // Someone already in the union's roster does not apply: they verify (会员认证).
      step('not in the roster', notInRosterCheck(r.idHash), new AppError('IN_ROSTER')),
      ...queuePuts('join', 'pending', r.orgPath, r.createdAt, r.id),
    ]);
  }

  /** The next member number: an atomic counter (a gap after a failed approval is harmless). */
  async nextMemberNo(): Promise<string> {
    const out = await dynamo().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall({ PK: 'COUNTER', SK: 'MEMBERNO' }),
        UpdateExpression: `ADD #n :one SET ${counterTag.set}`,
        ExpressionAttributeNames: { '#n': 'value' },
        ExpressionAttributeValues: marshall({ ':one': 1, ...counterTag.values }),
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return `SX${String(70_000_000 + Number(unmarshall(out.Attributes!).value))}`;
  }

  /** pending → approved: the user becomes an active member of the request's union, in one transaction. */
  async approveJoin(r: StoredJoinRequest, decision: { by: string; at: string; memberNo: string }, audit: AuditRecord): Promise<void> {
    await transact([
      step('request pending', decisionItem(joinKey(r.id), 'approved', decision, { memberNo: decision.memberNo }), decidedFirst),
      step(
        'user pending on this request',
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
        decidedFirst,
      ),
      step('id number free', {
        Put: {
          TableName: tableName(),
          Item: marshall({ ...unmarshall(idHashKey(r.idHash)), entity: 'IdNumberIndex', version: 1, userId: r.userId, at: decision.at }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      }, new AppError('ID_NUMBER_IN_USE')),
      step('member number free', { Put: { TableName: tableName(), Item: memberNoItem(decision.memberNo, r.userId), ConditionExpression: 'attribute_not_exists(PK)' } }),
      // The union counts its active members (closing needs 0) and must still be open to take one.
      memberCountStep(r.orgId, 1, new AppError('INVALID_STATE', '该工会已撤销，不能再接收会员')),
      ...queueMove('join', 'approved', r.orgPath, r, decision.at),
      ...statsItems(r.orgPath, decision.at.slice(0, 10), { newMembers: 1, requestsDecided: 1, requestWaitSeconds: waitSeconds(r.createdAt, decision.at) }),
      ...auditItems(audit),
    ]);
  }

  /** pending → rejected with a reason; the user may apply again. */
  async rejectJoin(r: StoredJoinRequest, decision: { by: string; at: string; reason: string }, audit: AuditRecord): Promise<void> {
    await transact([
      step('request pending', decisionItem(joinKey(r.id), 'rejected', decision, { reason: decision.reason }), decidedFirst),
      step('user pending on this request', {
        Update: {
          TableName: tableName(),
          Key: userKey(r.userId),
          UpdateExpression: 'SET membership = :none',
          ConditionExpression: 'membership.#status = :pending AND membership.requestId = :id',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':pending': 'pending', ':id': r.id, ':none': { status: 'none' } }),
        },
      }, decidedFirst),
      ...queueMove('join', 'rejected', r.orgPath, r, decision.at),
      ...statsItems(r.orgPath, decision.at.slice(0, 10), { requestsDecided: 1, requestWaitSeconds: waitSeconds(r.createdAt, decision.at) }),
      ...auditItems(audit),
    ]);
  }

  /** Files a transfer: only an active member of `fromOrgId` with no open transfer. */
  async fileTransfer(r: StoredTransferRequest): Promise<void> {
    await transact([
      step(
        'active member without an open transfer',
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
        new AppError('REQUEST_PENDING'),
      ),
      step('new request', {
        Put: {
          TableName: tableName(),
          Item: marshall({ ...unmarshall(transferKey(r.id)), GSI1PK: transfersOfUserPk(r.userId), GSI1SK: r.createdAt, entity: 'TransferRequest', version: 1, ...r }, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      }),
      ...queuePuts('transfer', 'pending', r.toOrgPath, r.createdAt, r.id),
    ]);
  }

  /** pending → approved: the membership moves to the destination; member number, points, history stay. */
  async approveTransfer(r: StoredTransferRequest, decision: { by: string; at: string }, audit: AuditRecord): Promise<void> {
    await transact([
      step('request pending', decisionItem(transferKey(r.id), 'approved', decision), decidedFirst),
      step(
        'member still in the union with this transfer open',
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
        decidedFirst,
      ),
      memberCountStep(r.toOrgId, 1, new AppError('INVALID_STATE', '转入的工会已撤销，不能再接收会员')),
      memberCountStep(r.fromOrgId, -1),
      ...queueMove('transfer', 'approved', r.toOrgPath, r, decision.at),
      ...memberMoveItems(r.fromOrgPath, r.toOrgPath, decision.at.slice(0, 10)),
      ...auditItems(audit),
    ]);
  }

  async rejectTransfer(r: StoredTransferRequest, decision: { by: string; at: string; reason: string }, audit: AuditRecord): Promise<void> {
    await transact([
      step('request pending', decisionItem(transferKey(r.id), 'rejected', decision, { rejectReason: decision.reason }), decidedFirst),
      step('transfer open', {
        Update: {
          TableName: tableName(),
          Key: userKey(r.userId),
          UpdateExpression: 'REMOVE openTransferId',
          ConditionExpression: 'openTransferId = :id',
          ExpressionAttributeValues: marshall({ ':id': r.id }),
        },
      }, decidedFirst),
      ...queueMove('transfer', 'rejected', r.toOrgPath, r, decision.at),
      ...auditItems(audit),
    ]);
  }


}
