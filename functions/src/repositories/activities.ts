/**
 * Activities.
 *
 *   ACT#<id>            ACT               the activity with its counters (confirmed, waitlist, checked in)
 *                                          (GSI1: ACTBYORG#<orgId> / <startsAt>#<id>)
 *   ACTINSCOPE#<org>    <startsAt>#<id>   one per union on the activity's path (cadres' subtree lists)
 *   ACT#<id>            SIGNUP#<userId>   a member's signup (GSI1: USERACTS#<userId> / <signedUpAt>)
 *   ACT#<id>            WAIT#<ticket>     the waiting list in arrival order (ticket = waitSeq at joining)
 *
 * Capacity lives in a condition (`confirmedCount < capacity`), never in a read; promotion on cancel is
 * the same transaction as the cancel.
 */
import { GetItemCommand, QueryCommand, BatchGetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Activity, SignupStatus } from '@union/shared/activities';
import { dynamo, tableName } from '../lib/dynamo';
import { AppError } from '../lib/errors';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { failedAt, transact } from '../lib/transact';
import { auditItems, type AuditRecord } from './audit';
import { ledgerPostingItems, type PointsState } from './points';
import { statsItems } from './stats';

export interface StoredActivity extends Omit<Activity, 'mySignup'> {
  orgPath: string;
  /** The last waiting-list ticket handed out. */
  waitSeq?: number;
  status: 'published' | 'cancelled';
  createdAt: string;
}

export interface StoredSignup {
  activityId: string;
  userId: string;
  status: SignupStatus;
  ticket?: number;
  nickname: string;
  memberNo?: string;
  orgName?: string;
  signedUpAt: string;
  checkedInAt?: string;
  /** The member's union (statistics). */
  memberOrgPath?: string;
}

const actKey = (id: string) => marshall({ PK: `ACT#${id}`, SK: 'ACT' });
const signupKey = (id: string, userId: string) => marshall({ PK: `ACT#${id}`, SK: `SIGNUP#${userId}` });
const waitKey = (id: string, ticket: number) => marshall({ PK: `ACT#${id}`, SK: `WAIT#${String(ticket).padStart(8, '0')}` });
const pathIds = (path: string) => path.split('/').filter(Boolean);
const strip = <T>(item: Record<string, unknown>): T => {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _gs, entity: _e, version: _v, ...rest } = item;
  return rest as T;
};

/** The signup put: new, or again after an earlier cancellation. */
function signupPut(s: StoredSignup): TransactWriteItem {
  return {
    Put: {
      TableName: tableName(),
      Item: marshall({ ...unmarshall(signupKey(s.activityId, s.userId)), GSI1PK: `USERACTS#${s.userId}`, GSI1SK: s.signedUpAt, entity: 'Signup', version: 1, ...s }, { removeUndefinedValues: true }),
      ConditionExpression: 'attribute_not_exists(PK) OR #status = :cancelled',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: marshall({ ':cancelled': 'cancelled' }),
    },
  };
}

/** The activity is published and its signup window contains `now`. */
const OPEN = '#status = :published AND signupOpensAt <= :now AND signupClosesAt > :now';

export class ActivitiesRepository {
  async get(id: string): Promise<StoredActivity | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: actKey(id), ConsistentRead: true }));
    return out.Item ? strip<StoredActivity>(unmarshall(out.Item)) : undefined;
  }

  async signup(id: string, userId: string): Promise<StoredSignup | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: signupKey(id, userId), ConsistentRead: true }));
    return out.Item ? strip<StoredSignup>(unmarshall(out.Item)) : undefined;
  }

  /** Puts a new activity and its scope entries; `audit` is absent only for the demo seed. */
  async create(a: StoredActivity, audit?: AuditRecord): Promise<void> {
    await transact(
      [
        {
          Put: {
            TableName: tableName(),
            Item: marshall({ ...unmarshall(actKey(a.id)), GSI1PK: `ACTBYORG#${a.orgId}`, GSI1SK: `${a.startsAt}#${a.id}`, entity: 'Activity', version: 1, ...a }, { removeUndefinedValues: true }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        ...pathIds(a.orgPath).map((orgId) => ({
          Put: { TableName: tableName(), Item: marshall({ PK: `ACTINSCOPE#${orgId}`, SK: `${a.createdAt}#${a.id}`, entity: 'ActivityScopeEntry', activityId: a.id }) },
        })),
        ...(audit ? auditItems(audit) : []),
      ],
      () => new AppError('BUSY'),
    );
  }

  /** Edits fields; a new capacity may not go below the confirmed count; times keep their order. */
  async update(id: string, fields: Record<string, unknown>, audit: AuditRecord): Promise<void> {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    const conditions = ['#status = :published'];
    if (fields.capacity !== undefined) conditions.push('confirmedCount <= :f' + entries.findIndex(([k]) => k === 'capacity'));
    await transact(
      [
        {
          Update: {
            TableName: tableName(),
            Key: actKey(id),
            UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
            ConditionExpression: conditions.join(' AND '),
            ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])) },
            ExpressionAttributeValues: marshall({ ':published': 'published', ...Object.fromEntries(entries.map(([, v], i) => [`:f${i}`, v])) }),
          },
        },
        ...auditItems(audit),
      ],
      (reasons) => (failedAt(reasons, 0) ? new AppError('INVALID_STATE', '活动已取消，或名额少于已报名人数') : new AppError('BUSY')),
    );
  }

  async cancelActivity(id: string, audit: AuditRecord): Promise<void> {
    await transact(
      [
        {
          Update: {
            TableName: tableName(),
            Key: actKey(id),
            UpdateExpression: 'SET #status = :cancelled',
            ConditionExpression: '#status = :published',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':cancelled': 'cancelled', ':published': 'published' }),
          },
        },
        ...auditItems(audit),
      ],
      (reasons) => (failedAt(reasons, 0) ? new AppError('INVALID_STATE', '活动已取消') : new AppError('BUSY')),
    );
  }

  /** Takes a place: signup put + `confirmedCount < capacity` in one transaction. `full` when no place. */
  async signUpConfirmed(s: StoredSignup, nowIso: string): Promise<'ok' | 'full'> {
    let full = false;
    await transact(
      [
        signupPut(s),
        {
          Update: {
            TableName: tableName(),
            Key: actKey(s.activityId),
            UpdateExpression: 'ADD confirmedCount :one',
            // A free place goes to a newcomer only when nobody waits for it (waiters are promoted first).
            ConditionExpression: `${OPEN} AND confirmedCount < #capacity AND waitlistCount = :zero`,
            ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity' },
            ExpressionAttributeValues: marshall({ ':one': 1, ':published': 'published', ':now': nowIso, ':zero': 0 }),
          },
        },
        ...statsItems(s.memberOrgPath, nowIso.slice(0, 10), { signups: 1 }),
      ],
      (reasons) => {
        if (failedAt(reasons, 0)) return new AppError('ALREADY_SIGNED_UP');
        full = true; // or closed: the caller re-reads the activity to tell which
        return undefined;
      },
    );
    return full ? 'full' : 'ok';
  }

  /**
   * Joins the end of the waiting list, on the conditions that the activity is still full (or others
   * already wait, ahead of any free place) and that the list is exactly as read (`waitSeq`, `waitlistCount`): joins are serialised, so the ticket
   * (`waitSeq + 1`) orders the list and `waitlistCount + 1` is the exact position at joining.
   * `moved` when the list changed meanwhile (re-read and retry); `not-full` when a place opened.
   */
  async signUpWaitlisted(s: StoredSignup, read: { waitSeq: number; waitlistCount: number }, nowIso: string): Promise<'ok' | 'moved'> {
    const ticket = read.waitSeq + 1;
    let moved = false;
    await transact(
      [
        signupPut({ ...s, status: 'waitlisted', ticket }),
        {
          Update: {
            TableName: tableName(),
            Key: actKey(s.activityId),
            UpdateExpression: 'SET waitSeq = :ticket ADD waitlistCount :one',
            ConditionExpression: `${OPEN} AND (confirmedCount >= #capacity OR waitlistCount > :zero) AND waitlist = :true AND waitlistCount = :count AND (waitSeq = :seq OR (attribute_not_exists(waitSeq) AND :seq = :zero))`,
            ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity' },
            ExpressionAttributeValues: marshall({ ':one': 1, ':published': 'published', ':now': nowIso, ':true': true, ':count': read.waitlistCount, ':seq': read.waitSeq, ':ticket': ticket, ':zero': 0 }),
          },
        },
        { Put: { TableName: tableName(), Item: marshall({ ...unmarshall(waitKey(s.activityId, ticket)), entity: 'WaitlistEntry', userId: s.userId }), ConditionExpression: 'attribute_not_exists(PK)' } },
        ...statsItems(s.memberOrgPath, nowIso.slice(0, 10), { signups: 1 }),
      ],
      (reasons) => {
        if (failedAt(reasons, 0)) return new AppError('ALREADY_SIGNED_UP');
        moved = true;
        return undefined;
      },
    );
    return moved ? 'moved' : 'ok';
  }

  /** The earliest entry of the waiting list. */
  async firstWaiting(id: string): Promise<{ ticket: number; userId: string } | undefined> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :wait)',
        ExpressionAttributeValues: marshall({ ':pk': `ACT#${id}`, ':wait': 'WAIT#' }),
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = out.Items?.[0] && unmarshall(out.Items[0]);
    return item ? { ticket: Number(String(item.SK).slice(5)), userId: item.userId } : undefined;
  }

  /** How many are ahead of `ticket` on the waiting list, plus one. */
  async positionOf(id: string, ticket: number): Promise<number> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: marshall({ ':pk': `ACT#${id}`, ':from': 'WAIT#', ':to': unmarshall(waitKey(id, ticket)).SK }),
        Select: 'COUNT',
        ConsistentRead: true,
      }),
    );
    return out.Count ?? 1;
  }

  /**
   * A confirmed member cancels: their place goes to the earliest waitlisted member in the same
   * transaction (`next`), or back to the pool when nobody waits (then conditioned on the list being
   * empty, so a concurrent joiner cannot be skipped). `stale` when another cancel took `next` first.
   */
  async cancelConfirmed(s: StoredSignup, next: { ticket: number; userId: string } | undefined): Promise<'ok' | 'stale'> {
    let stale = false;
    const mine: TransactWriteItem = {
      Update: {
        TableName: tableName(),
        Key: signupKey(s.activityId, s.userId),
        UpdateExpression: 'SET #status = :cancelled',
        ConditionExpression: '#status = :confirmed AND attribute_not_exists(checkedInAt)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':cancelled': 'cancelled', ':confirmed': 'confirmed' }),
      },
    };
    const items: TransactWriteItem[] = next
      ? [
          mine,
          { Delete: { TableName: tableName(), Key: waitKey(s.activityId, next.ticket), ConditionExpression: 'attribute_exists(PK)' } },
          {
            Update: {
              TableName: tableName(),
              Key: signupKey(s.activityId, next.userId),
              UpdateExpression: 'SET #status = :confirmed REMOVE ticket',
              ConditionExpression: '#status = :waitlisted',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: marshall({ ':confirmed': 'confirmed', ':waitlisted': 'waitlisted' }),
            },
          },
          { Update: { TableName: tableName(), Key: actKey(s.activityId), UpdateExpression: 'ADD waitlistCount :minus', ExpressionAttributeValues: marshall({ ':minus': -1 }) } },
        ]
      : [
          mine,
          {
            Update: {
              TableName: tableName(),
              Key: actKey(s.activityId),
              UpdateExpression: 'ADD confirmedCount :minus',
              ConditionExpression: 'waitlistCount = :zero',
              ExpressionAttributeValues: marshall({ ':minus': -1, ':zero': 0 }),
            },
          },
        ];
    await transact(items, (reasons) => {
      if (failedAt(reasons, 0)) return new AppError('INVALID_STATE', s.checkedInAt ? '已签到，不能取消报名' : '报名状态已变化，请刷新');
      stale = true;
      return undefined;
    });
    return stale ? 'stale' : 'ok';
  }

  /**
   * Gives a free place to the earliest waiter (`next`), in the same transaction shape as a cancellation's
   * promotion: their ticket goes, their signup becomes confirmed, the counters move — on the condition
   * that a place is free. `full` when none is; `stale` when `next` was promoted or left meanwhile.
   */
  async promoteFirst(activityId: string, next: { ticket: number; userId: string }): Promise<'ok' | 'full' | 'stale'> {
    let outcome: 'ok' | 'full' | 'stale' = 'ok';
    await transact(
      [
        {
          Update: {
            TableName: tableName(),
            Key: actKey(activityId),
            UpdateExpression: 'ADD confirmedCount :one, waitlistCount :minus',
            ConditionExpression: '#status = :published AND confirmedCount < #capacity',
            ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity' },
            ExpressionAttributeValues: marshall({ ':one': 1, ':minus': -1, ':published': 'published' }),
          },
        },
        { Delete: { TableName: tableName(), Key: waitKey(activityId, next.ticket), ConditionExpression: 'attribute_exists(PK)' } },
        {
          Update: {
            TableName: tableName(),
            Key: signupKey(activityId, next.userId),
            UpdateExpression: 'SET #status = :confirmed REMOVE ticket',
            ConditionExpression: '#status = :waitlisted',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':confirmed': 'confirmed', ':waitlisted': 'waitlisted' }),
          },
        },
      ],
      (reasons) => {
        outcome = failedAt(reasons, 0) ? 'full' : 'stale';
        return undefined;
      },
    );
    return outcome;
  }

  /** A waitlisted member leaves the list. */
  async cancelWaitlisted(s: StoredSignup & { ticket: number }): Promise<void> {
    await transact(
      [
        {
          Update: {
            TableName: tableName(),
            Key: signupKey(s.activityId, s.userId),
            UpdateExpression: 'SET #status = :cancelled REMOVE ticket',
            ConditionExpression: '#status = :waitlisted',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':cancelled': 'cancelled', ':waitlisted': 'waitlisted' }),
          },
        },
        { Delete: { TableName: tableName(), Key: waitKey(s.activityId, s.ticket), ConditionExpression: 'attribute_exists(PK)' } },
        { Update: { TableName: tableName(), Key: actKey(s.activityId), UpdateExpression: 'ADD waitlistCount :minus', ExpressionAttributeValues: marshall({ ':minus': -1 }) } },
      ],
      () => new AppError('INVALID_STATE', '报名状态已变化，请刷新'),
    );
  }

  /**
   * Check-in, once: the signup gets `checkedInAt` (conditioned on confirmed and not yet checked in),
   * the counter moves (conditioned on the activity being published and on `day` — China-offset instants
   * [from, until) — overlapping it), and the reward is paid through the ledger — one transaction.
   */
  async checkIn(
    s: StoredSignup,
    state: PointsState | undefined,
    reward: { points: number; title: string },
    at: Date,
    atIso: string,
    day: { from: string; until: string },
  ): Promise<'ok' | 'stale'> {
    const posting = reward.points > 0 && state
      ? ledgerPostingItems(state, { delta: reward.points, reason: `活动签到：${reward.title}`, refType: 'activity', refId: s.activityId, at }).items
      : [];
    let stale = false;
    await transact(
      [
        {
          Update: {
            TableName: tableName(),
            Key: signupKey(s.activityId, s.userId),
            UpdateExpression: 'SET checkedInAt = :at',
            ConditionExpression: '#status = :confirmed AND attribute_not_exists(checkedInAt)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':at': atIso, ':confirmed': 'confirmed' }),
          },
        },
        {
          Update: {
            TableName: tableName(),
            Key: actKey(s.activityId),
            UpdateExpression: 'ADD checkedInCount :one',
            // Still published and taking place on this day: a cancellation or a move committed after the
            // code was fetched (or after the use case's read) awards nothing.
            ConditionExpression: '#status = :published AND startsAt < :until AND endsAt >= :from',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':one': 1, ':published': 'published', ':from': day.from, ':until': day.until }),
          },
        },
        ...posting,
        ...statsItems(s.memberOrgPath, atIso.slice(0, 10), { checkIns: 1, pointsIssued: posting.length ? reward.points : 0 }),
      ],
      (reasons) => {
        if (failedAt(reasons, 0)) return new AppError('INVALID_STATE', '您已签到，请勿重复签到');
        if (failedAt(reasons, 1)) return new AppError('INVALID_STATE', '活动已取消或今天不在活动时间内');
        stale = true;
        return undefined;
      },
    );
    return stale ? 'stale' : 'ok';
  }

  /** Activities a union publishes itself, by start time. */
  async ofOrg(orgId: string, limit: number): Promise<StoredActivity[]> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': `ACTBYORG#${orgId}` }),
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => strip<StoredActivity>(unmarshall(i)));
  }

  async inScope(orgId: string, limit: number, cursor?: string): Promise<{ items: StoredActivity[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': `ACTINSCOPE#${orgId}` }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, `ACTINSCOPE#${orgId}`),
      }),
    );
    const ids = (out.Items ?? []).map((i) => unmarshall(i).activityId as string);
    if (ids.length === 0) return { items: [], nextCursor: null };
    const got = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: ids.map(actKey), ConsistentRead: true } } }));
    const byId = new Map((got.Responses?.[tableName()] ?? []).map((i) => { const a = strip<StoredActivity>(unmarshall(i)); return [a.id, a]; }));
    return { items: ids.map((id) => byId.get(id)).filter((a): a is StoredActivity => Boolean(a)), nextCursor: encodeCursor(out.LastEvaluatedKey, `ACTINSCOPE#${orgId}`) };
  }

  /** Every signup of an activity (participants list, CSV, notices). */
  async signups(id: string): Promise<StoredSignup[]> {
    const items: StoredSignup[] = [];
    let start: Record<string, any> | undefined;
    do {
      const out = await dynamo().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: marshall({ ':pk': `ACT#${id}`, ':prefix': 'SIGNUP#' }),
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []).map((i) => strip<StoredSignup>(unmarshall(i))));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async signupsOfUser(userId: string, limit: number, cursor?: string): Promise<{ items: StoredSignup[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': `USERACTS#${userId}` }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, `USERACTS#${userId}`),
      }),
    );
    return { items: (out.Items ?? []).map((i) => strip<StoredSignup>(unmarshall(i))), nextCursor: encodeCursor(out.LastEvaluatedKey, `USERACTS#${userId}`) };
  }

  async many(ids: string[]): Promise<StoredActivity[]> {
    if (ids.length === 0) return [];
    const got = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: [...new Set(ids)].map(actKey) } } }));
    return (got.Responses?.[tableName()] ?? []).map((i) => strip<StoredActivity>(unmarshall(i)));
  }
}
