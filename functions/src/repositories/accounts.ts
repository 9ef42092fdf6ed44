/**
 * 注销 in the table (rules: usecases/account.ts, docs/design.md → "Export and 注销"). What stays of a closed
 * account is what the union's books need and nothing that names a person:
 *
 *   USER#<id>  LEDGER#<seq>  the ledger, closed by an entry that lets the leftover points lapse (Σ = 0)
 *   USER#<id>  CLOSED        when it closed, the last ledger number, the points that lapsed; until the erase
 *                            is done also its plan (`pendingErase`) under GSI1 `ERASE#PENDING`, for the sweeper
 *   orders, signups, requests keep the (random) user id, their names replaced by 已注销用户
 *
 * The user's own partition is small (a member's sign-ins, messages, favourites), so it is read in pages
 * and deleted in batches of 25; nothing here scans the table.
 */
import { QueryCommand, UpdateItemCommand, ConditionalCheckFailedException, type TransactWriteItem, type WriteRequest, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { chinaIso } from '@union/shared/china-day';
import { dynamo, tableName } from '../lib/dynamo';
import { AppError } from '../lib/errors';
import { step, transact } from '../lib/transact';
import type { Accounts, ErasePlan } from '../usecases/ports';
import { CLOSED_SK, LEDGER_PREFIX, ledgerSk, memberNoKey, openidKey, unionidKey, userItemKey, userKey, userPk, type UserProfile } from '../entities/user';
import { signupKey } from '../entities/activity';
import { joinKey, transferKey } from '../entities/membership-request';
import { orgApplicationKey } from '../entities/org-application';
import { auditItems, type AuditRecord } from './audit';
import { statsItems } from './stats';
import { memberCountStep } from './member-count';
import { batchWrite } from './roster';
import { queryAll } from './query-pages';

/** What a closed account's name becomes wherever others still see the record. */
export const ERASED_NAME = '已注销用户';
/** GSI1 partition of closed accounts whose erase is not done yet (few at any time: a sweep empties it). */
const ERASE_PENDING = 'ERASE#PENDING';
const idHashKey = (hash: string) => marshall({ PK: `IDHASH#${hash}`, SK: 'IDHASH' });

/** Every key of a partition (paged), optionally only those whose sort key passes `keep`. */
async function keysOf(pk: string, keep: (sk: string) => boolean = () => true): Promise<Record<string, AttributeValue>[]> {
  const items = await queryAll({
    TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: marshall({ ':pk': pk }),
    ProjectionExpression: 'PK, SK', ConsistentRead: true,
  });
  return items.filter((item) => keep(item.SK!.S ?? '')).map((item) => ({ PK: item.PK!, SK: item.SK! }));
}

/** An update of an item that may be gone (a request deleted by its TTL, an activity removed): then nothing. */
async function updateIfThere(key: Record<string, AttributeValue>, expression: string, values?: Record<string, unknown>, names?: Record<string, string>) {
  try {
    await dynamo().send(new UpdateItemCommand({
      TableName: tableName(), Key: key, UpdateExpression: expression, ConditionExpression: 'attribute_exists(PK)',
      ...(values ? { ExpressionAttributeValues: marshall(values) } : {}), ...(names ? { ExpressionAttributeNames: names } : {}),
    }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export class AccountsRepository implements Accounts {
  async leave(p: { userId: string; idHash?: string; membership: { orgId: string; orgPath: string; memberNo: string }; day: string }, audit: AuditRecord): Promise<void> {
    const changed = new AppError('INVALID_STATE', '会员状态刚刚发生了变化，请稍后重试');
    await transact([
      step('still this member', {
        Update: {
          TableName: tableName(), Key: userKey(p.userId), UpdateExpression: 'SET membership = :none',
          ConditionExpression: 'membership.#status = :active AND membership.memberNo = :n',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':active': 'active', ':n': p.membership.memberNo, ':none': { status: 'none' } }),
        },
      }, changed),
      ...(p.idHash ? [step('id number theirs', { Delete: { TableName: tableName(), Key: idHashKey(p.idHash), ConditionExpression: 'userId = :u', ExpressionAttributeValues: marshall({ ':u': p.userId }) } }, changed)] : []),
      step('member number theirs', { Delete: { TableName: tableName(), Key: memberNoKey(p.membership.memberNo), ConditionExpression: 'attribute_not_exists(PK) OR userId = :u', ExpressionAttributeValues: marshall({ ':u': p.userId }) } }, changed),
      ...statsItems(p.membership.orgPath, p.day, { memberDelta: -1 }),
      memberCountStep(p.membership.orgId, -1),
      ...auditItems(audit),
    ]);
  }

  async close(p: { profile: UserProfile; at: Date; erase: ErasePlan }, audit: AuditRecord): Promise<'closed' | 'stale'> {
    const { profile, at } = p;
    const lapse = profile.balance;
    const seq = lapse > 0 ? profile.ledgerSeq + 1 : profile.ledgerSeq;
    const items: TransactWriteItem[] = [
      // As read: not a member any more, no posting since (a refund or reward in between is read again).
      {
        Delete: {
          TableName: tableName(), Key: userKey(profile.id),
          ConditionExpression: 'ledgerSeq = :seq AND balance = :b AND membership.#status = :none',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':seq': profile.ledgerSeq, ':b': profile.balance, ':none': 'none' }),
        },
      },
      { Delete: { TableName: tableName(), Key: openidKey(profile.openid), ConditionExpression: 'attribute_not_exists(PK) OR userId = :u', ExpressionAttributeValues: marshall({ ':u': profile.id }) } },
      ...(profile.unionid
        ? [{ Delete: { TableName: tableName(), Key: unionidKey(profile.unionid), ConditionExpression: 'attribute_not_exists(PK) OR userId = :u', ExpressionAttributeValues: marshall({ ':u': profile.id }) } }]
        : []),
      ...(lapse > 0
        ? [{
            Put: {
              TableName: tableName(),
              Item: {
                ...userItemKey(profile.id, ledgerSk(seq)),
                ...marshall({
                  entity: 'LedgerEntry', version: 1, userId: profile.id, seq, id: `${profile.id}-${seq}`, delta: -lapse, balanceAfter: 0,
                  reason: '账号注销，积分作废', refType: 'adjustment', refId: `deletion:${profile.id}`, createdAt: chinaIso(at),
                }),
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          }]
        : []),
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...userItemKey(profile.id, CLOSED_SK),
            ...marshall({
              entity: 'ClosedAccount', version: 1, closedAt: chinaIso(at), ledgerSeq: seq, pointsLapsed: lapse,
              // Should this request die before the erase ends, the sweeper (jobs `erase`) finds the plan here.
              pendingErase: p.erase, GSI1PK: ERASE_PENDING, GSI1SK: `${at.toISOString()}#${profile.id}`,
            }),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...auditItems(audit),
    ];
    const failed = await transact(items.map((item, i) => (i < 2 ? step(i === 0 ? 'account as read' : 'openid theirs', item, 'answer') : item)));
    return failed ? 'stale' : 'closed';
  }

  async erase(p: { userId: string } & ErasePlan): Promise<void> {
    // Their partition but the ledger and the closed marker (sign-ins, messages, favourites, roles, counters).
    const own = await keysOf(userPk(p.userId), (sk) => !sk.startsWith(LEDGER_PREFIX) && sk !== CLOSED_SK);
    // Subscribe messages recorded for their openid (local/test adapter) and failed-verification counters.
    const recorded = p.openid ? await keysOf(`SUBSCRIBEMSG#${p.openid}`) : [];
    const failures = await keysOf(`VERIFYFAIL#${p.userId}`);
    const deletes: WriteRequest[] = [...own, ...recorded, ...failures].map((Key) => ({ DeleteRequest: { Key } }));
    await batchWrite(deletes);
    for (const s of p.signups) await updateIfThere(signupKey(s.activityId, p.userId), 'SET nickname = :n REMOVE memberNo', { ':n': ERASED_NAME });
    for (const id of p.joinRequestIds) {
      await updateIfThere(joinKey(id), 'SET nameMasked = :x, idNumberMasked = :x, phoneMasked = :x REMOVE nameEnc, idNumberEnc, phoneEnc, idHash', { ':x': ERASED_NAME });
    }
    for (const id of p.transferRequestIds) await updateIfThere(transferKey(id), 'SET memberName = :x', { ':x': ERASED_NAME });
    for (const id of p.orgApplicationIds) {
      await updateIfThere(orgApplicationKey(id), 'SET contactNameMasked = :x, contactPhoneMasked = :x REMOVE contactNameEnc, contactPhoneEnc', { ':x': ERASED_NAME });
    }
    // Last: done, the openid in the plan goes too and the marker leaves the sweeper's index.
    await updateIfThere(userItemKey(p.userId, CLOSED_SK), 'REMOVE pendingErase, GSI1PK, GSI1SK');
  }

  async pendingErasures(closedBefore: string, limit: number): Promise<({ userId: string } & ErasePlan)[]> {
    const out = await dynamo().send(new QueryCommand({
      TableName: tableName(), IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK < :before',
      ExpressionAttributeValues: marshall({ ':pk': ERASE_PENDING, ':before': closedBefore }), Limit: limit,
    }));
    return (out.Items ?? []).map((item) => {
      const { PK, pendingErase } = unmarshall(item) as { PK: string; pendingErase: ErasePlan };
      return { userId: PK.slice(userPk('').length), ...pendingErase };
    });
  }
}
