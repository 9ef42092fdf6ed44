/**
 * The points ledger and sign-ins. A user's balance lives on their profile item beside `ledgerSeq`, the
 * number of their last ledger entry. Every balance change is one transaction that (a) moves the balance
 * and bumps ledgerSeq on the condition that ledgerSeq is still what was read, and (b) puts ledger entry
 * ledgerSeq+1 with the exact balance after it. So balance = sum of entries always, and a stale read can
 * never write a wrong `balanceAfter`: its transaction is cancelled and the caller reads again.
 */
import { QueryCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { LedgerEntry } from '@union/shared/points';
import { dynamo, tableName } from '../lib/dynamo';
import type { Ledger } from '../usecases/ports';
import { AppError } from '../lib/errors';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { step, transact, type Step } from '../lib/transact';
import { LEDGER_PREFIX, ledgerSk, PROFILE_SK, SIGNIN_PREFIX, signInSk, userItemKey, userKey, userPk } from '../entities/user';
import { statsItems } from './stats';
import { auditItems } from './audit';
import type { AuditRecord } from '../entities/audit';
import { chinaDay, chinaIso } from '@union/shared/china-day';

export type { PointsState, Posting, SignInRecord } from '../entities/ledger';
import type { PointsState, Posting, SignInRecord } from '../entities/ledger';

/** An extra condition on the user's profile for one posting (e.g. "still an active member of X"). */
export interface PostingGuard {
  expression: string;
  names?: Record<string, string>;
  values: Record<string, unknown>;
}

/**
 * The two transaction items of one ledger posting against a balance read as `state`: the guarded
 * balance update (plus any extra SETs, e.g. the streak) and the new entry. A deduction below zero fails
 * the same condition. Other capabilities add their own items (stock, orders) around these two.
 */
export function ledgerPostingItems(
  state: PointsState,
  posting: Posting,
  extraSet: Record<string, unknown> = {},
  guard?: PostingGuard,
): { steps: Step[]; entry: LedgerEntry } {
  const seq = state.ledgerSeq + 1;
  const entry: LedgerEntry = {
    id: `${state.id}-${seq}`,
    delta: posting.delta,
    balanceAfter: state.balance + posting.delta,
    reason: posting.reason,
    refType: posting.refType,
    refId: posting.refId,
    createdAt: chinaIso(posting.at),
  };
  const extras = Object.entries(extraSet);
  const update: TransactWriteItem = {
    Update: {
      TableName: tableName(),
      Key: userKey(state.id),
      UpdateExpression: `SET balance = balance + :delta, ledgerSeq = :next${extras.map((_, i) => `, #x${i} = :x${i}`).join('')}`,
      // The ledgerSeq guard makes balanceAfter exact; a deduction also names the balance it needs.
      ConditionExpression: [posting.delta < 0 ? 'ledgerSeq = :seq AND balance >= :need' : 'ledgerSeq = :seq', guard?.expression]
        .filter(Boolean)
        .join(' AND '),
      ...(extras.length || guard?.names
        ? { ExpressionAttributeNames: { ...Object.fromEntries(extras.map(([k], i) => [`#x${i}`, k])), ...guard?.names } }
        : {}),
      ExpressionAttributeValues: marshall({
        ...guard?.values,
        ':delta': posting.delta,
        ':next': seq,
        ':seq': state.ledgerSeq,
        ...(posting.delta < 0 ? { ':need': -posting.delta } : {}),
        ...Object.fromEntries(extras.map(([, v], i) => [`:x${i}`, v])),
      }),
    },
  };
  const put: TransactWriteItem = {
    Put: {
      TableName: tableName(),
      Item: {
        ...userItemKey(state.id, ledgerSk(seq)),
        ...marshall({ entity: 'LedgerEntry', version: 1, userId: state.id, seq, ...entry }),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
  // Either failing means the balance moved (or the guard no longer holds): the caller reads again.
  return { steps: [step('balance', update, 'answer'), step('ledger entry', put, 'answer')], entry };
}

export class PointsRepository implements Ledger {
  /** The balance and sign-in state of a user, read strongly consistent. */
  async state(userId: string): Promise<PointsState | undefined> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND SK = :sk',
        ExpressionAttributeValues: marshall({ ':pk': userPk(userId), ':sk': PROFILE_SK }),
        ProjectionExpression: 'id, balance, ledgerSeq, signInStreak, lastSignInDay, membership',
        ConsistentRead: true,
      }),
    );
    const item = out.Items?.[0];
    return item ? (unmarshall(item) as PointsState) : undefined;
  }

  /**
   * Writes today's sign-in, the reward and its ledger entry in one transaction. The sign-in item's
   * `attribute_not_exists` is the once-per-China-day guard. Answers `stale` when the balance moved
   * since `state` was read (the caller re-reads); throws ALREADY_SIGNED_IN when today is taken.
   */
  async recordSignIn(state: PointsState, s: SignInRecord): Promise<{ outcome: 'ok'; entry: LedgerEntry } | { outcome: 'stale' }> {
    const { steps, entry } = ledgerPostingItems(
      state,
      { delta: s.points, reason: `每日签到（连续第 ${s.streak} 天）`, refType: 'sign_in', refId: s.day, at: s.at },
      { signInStreak: s.streak, lastSignInDay: s.day },
    );
    const signIn: TransactWriteItem = {
      Put: {
        TableName: tableName(),
        Item: {
          ...userItemKey(state.id, signInSk(s.day)),
          ...marshall({ entity: 'SignIn', version: 1, userId: state.id, day: s.day, points: s.points, streak: s.streak, createdAt: s.at.toISOString() }),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
    const stats = statsItems(state.membership?.orgPath, s.day, { signIns: 1, pointsIssued: s.points });
    const failed = await transact([step('once per day', signIn, new AppError('ALREADY_SIGNED_IN')), ...steps, ...stats]);
    return failed ? { outcome: 'stale' } : { outcome: 'ok', entry };
  }

  /**
   * A cadre's adjustment: the ledger entry, its audit record and the day's statistics in one
   * transaction, on the condition that the member is still in the union the scope check saw.
   * `stale` when the balance moved since `state` was read or the member moved: the caller reads again.
   */
  async adjust(state: PointsState, posting: Posting, memberOrgPath: string, audit: AuditRecord): Promise<{ outcome: 'ok'; entry: LedgerEntry } | { outcome: 'stale' }> {
    const stillThere: PostingGuard = { expression: 'membership.orgPath = :memberPath', values: { ':memberPath': memberOrgPath } };
    const { steps, entry } = ledgerPostingItems(state, posting, {}, stillThere);
    const counted = posting.delta > 0 ? { pointsIssued: posting.delta } : { pointsSpent: -posting.delta };
    const failed = await transact([...steps, ...auditItems(audit), ...statsItems(memberOrgPath, chinaDay(posting.at), counted)]);
    return failed ? { outcome: 'stale' } : { outcome: 'ok', entry };
  }

  /** The China days of a `YYYY-MM` month on which the user signed in. */
  async signInDays(userId: string, month: string): Promise<string[]> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: marshall({ ':pk': userPk(userId), ':prefix': signInSk(month) }),
        ProjectionExpression: 'SK',
      }),
    );
    return (out.Items ?? []).map((i) => i.SK.S!.slice(SIGNIN_PREFIX.length));
  }

  /** The ledger, newest first. */
  async ledger(userId: string, limit: number, cursor?: string): Promise<{ items: LedgerEntry[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: marshall({ ':pk': userPk(userId), ':prefix': LEDGER_PREFIX }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, `USER#${userId}|LEDGER#`),
      }),
    );
    const items = (out.Items ?? []).map((i) => {
      const { id, delta, balanceAfter, reason, refType, refId, createdAt } = unmarshall(i);
      return { id, delta, balanceAfter, reason, refType, refId, createdAt } as LedgerEntry;
    });
    return { items, nextCursor: encodeCursor(out.LastEvaluatedKey, `USER#${userId}|LEDGER#`) };
  }
}
