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
import { chinaIso } from '@union/shared/china-day';
import { dynamo, tableName } from '../lib/dynamo';
import { AppError } from '../lib/errors';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { failedAt, transact } from '../lib/transact';
import { ledgerSk, signInSk, userKey } from './keys';
import { statsItems } from './stats';
import type { UserProfile } from './users';

export type PointsState = Pick<UserProfile, 'id' | 'balance' | 'ledgerSeq' | 'signInStreak' | 'lastSignInDay'> & {
  /** The union the user belongs to, when a member: statistics are counted there. */
  membership?: { orgPath?: string };
};

/** An extra condition on the user's profile for one posting (e.g. "still an active member of X"). */
export interface PostingGuard {
  expression: string;
  names?: Record<string, string>;
  values: Record<string, unknown>;
}

export interface Posting {
  delta: number;
  reason: string;
  refType: LedgerEntry['refType'];
  refId: string;
  at: Date;
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
): { items: TransactWriteItem[]; entry: LedgerEntry } {
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
        PK: { S: `USER#${state.id}` },
        SK: { S: ledgerSk(seq) },
        ...marshall({ entity: 'LedgerEntry', version: 1, userId: state.id, seq, ...entry }),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
  return { items: [update, put], entry };
}

export interface SignInRecord {
  day: string;
  points: number;
  streak: number;
  at: Date;
}

export class PointsRepository {
  /** The balance and sign-in state of a user, read strongly consistent. */
  async state(userId: string): Promise<PointsState | undefined> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND SK = :sk',
        ExpressionAttributeValues: { ':pk': { S: `USER#${userId}` }, ':sk': { S: 'PROFILE' } },
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
    const { items, entry } = ledgerPostingItems(
      state,
      { delta: s.points, reason: `每日签到（连续第 ${s.streak} 天）`, refType: 'sign_in', refId: s.day, at: s.at },
      { signInStreak: s.streak, lastSignInDay: s.day },
    );
    const signIn: TransactWriteItem = {
      Put: {
        TableName: tableName(),
        Item: {
          PK: { S: `USER#${state.id}` },
          SK: { S: signInSk(s.day) },
          ...marshall({ entity: 'SignIn', version: 1, userId: state.id, day: s.day, points: s.points, streak: s.streak, createdAt: s.at.toISOString() }),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
    const stats = statsItems(state.membership?.orgPath, s.day, { signIns: 1, pointsIssued: s.points });
    const done = await transact([signIn, ...items, ...stats], (reasons) =>
      failedAt(reasons, 0) ? new AppError('ALREADY_SIGNED_IN') : undefined,
    );
    return done ? { outcome: 'ok', entry } : { outcome: 'stale' };
  }

  /**
   * Posts one ledger entry with any extra items in the same transaction (an audit record, say).
   * `stale` when the balance moved since `state` was read or the guard/deduction condition failed:
   * the caller reads again and decides.
   */
  async post(state: PointsState, posting: Posting, guard: PostingGuard | undefined, extra: TransactWriteItem[]): Promise<{ outcome: 'ok'; entry: LedgerEntry } | { outcome: 'stale' }> {
    const { items, entry } = ledgerPostingItems(state, posting, {}, guard);
    const done = await transact([...items, ...extra], () => undefined);
    return done ? { outcome: 'ok', entry } : { outcome: 'stale' };
  }

  /** The China days of a `YYYY-MM` month on which the user signed in. */
  async signInDays(userId: string, month: string): Promise<string[]> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': { S: `USER#${userId}` }, ':prefix': { S: signInSk(month) } },
        ProjectionExpression: 'SK',
      }),
    );
    return (out.Items ?? []).map((i) => i.SK.S!.slice('SIGNIN#'.length));
  }

  /** The ledger, newest first. */
  async ledger(userId: string, limit: number, cursor?: string): Promise<{ items: LedgerEntry[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': { S: `USER#${userId}` }, ':prefix': { S: 'LEDGER#' } },
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
