/**
 * Activities: places, waiting lists and check-ins (keys in entities/activity.ts). Capacity lives in a
 * condition (`confirmedCount < capacity`), never in a read; promotion on cancel is the same
 * transaction as the cancel.
 */
import { GetItemCommand, QueryCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import type { Activities } from '../usecases/ports';
import { pathIds } from '../entities/org';
import {
  actKey, activitiesInScopePk, activitiesOfOrgPk, activityPk, signupKey, signupsOfUserPk, SIGNUP_PREFIX, strip, waitKey, WAIT_PREFIX, type StoredActivity, type StoredSignup,
} from '../entities/activity';
import { ActivityListings } from './activity-listings';
import { AppError } from '../lib/errors';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { step, transact } from '../lib/transact';
import { auditItems, type AuditRecord } from './audit';
import { ledgerPostingItems, type PointsState } from './points';
import { statsItems } from './stats';
import { queryAll } from './query-pages';

export type { StoredActivity, StoredSignup } from '../entities/activity';

/** The signup put: new, or again after an earlier cancellation. */
function signupPut(s: StoredSignup): TransactWriteItem {
  return {
    Put: {
      TableName: tableName(),
      Item: marshall({ ...unmarshall(signupKey(s.activityId, s.userId)), GSI1PK: signupsOfUserPk(s.userId), GSI1SK: s.signedUpAt, entity: 'Signup', version: 1, ...s }, { removeUndefinedValues: true }),
      ConditionExpression: 'attribute_not_exists(PK) OR #status = :cancelled',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: marshall({ ':cancelled': 'cancelled' }),
    },
  };
}

/** The activity is published and its signup window contains `now`. */
const OPEN = '#status = :published AND signupOpensAt <= :now AND signupClosesAt > :now';

/** Activities: the listings (reads) plus signups, waiting lists and check-ins. */
export class ActivitiesRepository extends ActivityListings implements Activities {

  async signup(id: string, userId: string): Promise<StoredSignup | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: signupKey(id, userId), ConsistentRead: true }));
    return out.Item ? strip<StoredSignup>(unmarshall(out.Item)) : undefined;
  }

  /** Puts a new activity and its scope entries; `audit` is absent only for the demo seed. */
  async create(a: StoredActivity, audit?: AuditRecord): Promise<void> {
    await transact([
      step('new activity', {
        Put: {
          TableName: tableName(),
          Item: marshall({ ...unmarshall(actKey(a.id)), GSI1PK: activitiesOfOrgPk(a.orgId), GSI1SK: `${a.startsAt}#${a.id}`, entity: 'Activity', version: 1, ...a }, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      }),
      ...pathIds(a.orgPath).map((orgId) => ({
        Put: { TableName: tableName(), Item: marshall({ PK: activitiesInScopePk(orgId), SK: `${a.createdAt}#${a.id}`, entity: 'ActivityScopeEntry', version: 1, activityId: a.id }) },
      })),
      ...(audit ? auditItems(audit) : []),
    ]);
  }

  /** Edits fields; a new capacity may not go below the confirmed count; times keep their order. */
  async update(id: string, fields: Record<string, unknown>, audit: AuditRecord): Promise<void> {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    const conditions = ['#status = :published'];
    if (fields.capacity !== undefined) conditions.push('confirmedCount <= :f' + entries.findIndex(([k]) => k === 'capacity'));
    await transact([
      step(
        'published activity',
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
        (old) =>
          !old ? new AppError('NOT_FOUND', '活动不存在')
          : old.status !== 'published' ? new AppError('INVALID_STATE', '活动已取消')
          : new AppError('INVALID_STATE', '名额不能少于已报名人数'),
      ),
      ...auditItems(audit),
    ]);
  }

  async cancelActivity(id: string, audit: AuditRecord): Promise<void> {
    await transact([
      step(
        'published activity',
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
        new AppError('INVALID_STATE', '活动已取消'),
      ),
      ...auditItems(audit),
    ]);
  }

  /** Takes a place: signup put + `confirmedCount < capacity` in one transaction. `full` when no place. */
  async signUpConfirmed(s: StoredSignup, nowIso: string): Promise<'ok' | 'full'> {
    const failed = await transact([
      step('one signup per member', signupPut(s), new AppError('ALREADY_SIGNED_UP')),
      // Full or closed: the caller re-reads the activity to tell which.
      step(
        'place left',
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
        'answer',
      ),
      ...statsItems(s.memberOrgPath, nowIso.slice(0, 10), { signups: 1 }),
    ]);
    return failed ? 'full' : 'ok';
  }

  /**
   * Joins the end of the waiting list, on the conditions that the activity is still full (or others
   * already wait, ahead of any free place) and that the list is exactly as read (`waitSeq`, `waitlistCount`): joins are serialised, so the ticket
   * (`waitSeq + 1`) orders the list and `waitlistCount + 1` is the exact position at joining.
   * `moved` when the list changed meanwhile (re-read and retry); `not-full` when a place opened.
   */
  async signUpWaitlisted(s: StoredSignup, read: { waitSeq: number; waitlistCount: number }, nowIso: string): Promise<'ok' | 'moved'> {
    const ticket = read.waitSeq + 1;
    const failed = await transact([
      step('one signup per member', signupPut({ ...s, status: 'waitlisted', ticket }), new AppError('ALREADY_SIGNED_UP')),
      step(
        'waiting list as read',
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
        'answer',
      ),
      step(
        'ticket',
        { Put: { TableName: tableName(), Item: marshall({ ...unmarshall(waitKey(s.activityId, ticket)), entity: 'WaitlistEntry', version: 1, userId: s.userId }), ConditionExpression: 'attribute_not_exists(PK)' } },
        'answer',
      ),
      ...statsItems(s.memberOrgPath, nowIso.slice(0, 10), { signups: 1 }),
    ]);
    return failed ? 'moved' : 'ok';
  }

  /** The earliest entry of the waiting list. */
  async firstWaiting(id: string): Promise<{ ticket: number; userId: string } | undefined> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :wait)',
        ExpressionAttributeValues: marshall({ ':pk': activityPk(id), ':wait': WAIT_PREFIX }),
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
        ExpressionAttributeValues: marshall({ ':pk': activityPk(id), ':from': WAIT_PREFIX, ':to': unmarshall(waitKey(id, ticket)).SK }),
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
    const mine = step('my confirmed signup', {
      Update: {
        TableName: tableName(),
        Key: signupKey(s.activityId, s.userId),
        UpdateExpression: 'SET #status = :cancelled',
        ConditionExpression: '#status = :confirmed AND attribute_not_exists(checkedInAt)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':cancelled': 'cancelled', ':confirmed': 'confirmed' }),
      },
    }, new AppError('INVALID_STATE', s.checkedInAt ? '已签到，不能取消报名' : '报名状态已变化，请刷新'));
    // The next in line, or an empty list, as read: when another cancel got there first, read again.
    const failed = await transact(next
      ? [
          mine,
          step('next ticket', { Delete: { TableName: tableName(), Key: waitKey(s.activityId, next.ticket), ConditionExpression: 'attribute_exists(PK)' } }, 'answer'),
          step('next signup waitlisted', {
            Update: {
              TableName: tableName(),
              Key: signupKey(s.activityId, next.userId),
              UpdateExpression: 'SET #status = :confirmed REMOVE ticket',
              ConditionExpression: '#status = :waitlisted',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: marshall({ ':confirmed': 'confirmed', ':waitlisted': 'waitlisted' }),
            },
          }, 'answer'),
          { Update: { TableName: tableName(), Key: actKey(s.activityId), UpdateExpression: 'ADD waitlistCount :minus', ExpressionAttributeValues: marshall({ ':minus': -1 }) } },
        ]
      : [
          mine,
          step('nobody waiting', {
            Update: {
              TableName: tableName(),
              Key: actKey(s.activityId),
              UpdateExpression: 'ADD confirmedCount :minus',
              ConditionExpression: 'waitlistCount = :zero',
              ExpressionAttributeValues: marshall({ ':minus': -1, ':zero': 0 }),
            },
          }, 'answer'),
        ]);
    return failed ? 'stale' : 'ok';
  }

  /**
   * Gives a free place to the earliest waiter (`next`), in the same transaction shape as a cancellation's
   * promotion: their ticket goes, their signup becomes confirmed, the counters move — on the condition
   * that a place is free. `full` when none is; `stale` when `next` was promoted or left meanwhile.
   */
  async promoteFirst(activityId: string, next: { ticket: number; userId: string }): Promise<'ok' | 'full' | 'stale'> {
    const failed = await transact([
      step('a place free', {
        Update: {
          TableName: tableName(),
          Key: actKey(activityId),
          UpdateExpression: 'ADD confirmedCount :one, waitlistCount :minus',
          ConditionExpression: '#status = :published AND confirmedCount < #capacity',
          ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity' },
          ExpressionAttributeValues: marshall({ ':one': 1, ':minus': -1, ':published': 'published' }),
        },
      }, 'answer'),
      step('their ticket', { Delete: { TableName: tableName(), Key: waitKey(activityId, next.ticket), ConditionExpression: 'attribute_exists(PK)' } }, 'answer'),
      step('their waitlisted signup', {
        Update: {
          TableName: tableName(),
          Key: signupKey(activityId, next.userId),
          UpdateExpression: 'SET #status = :confirmed REMOVE ticket',
          ConditionExpression: '#status = :waitlisted',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':confirmed': 'confirmed', ':waitlisted': 'waitlisted' }),
        },
      }, 'answer'),
    ]);
    return !failed ? 'ok' : failed.step === 'a place free' ? 'full' : 'stale';
  }

  /** A waitlisted member leaves the list. */
  async cancelWaitlisted(s: StoredSignup & { ticket: number }): Promise<'ok' | 'stale'> {
    // Promoted (or cancelled) since it was read: not an error — the use case reads the signup again.
    const changed = 'answer' as const;
    const failed = await transact([
      step('my waitlisted signup', {
        Update: {
          TableName: tableName(),
          Key: signupKey(s.activityId, s.userId),
          UpdateExpression: 'SET #status = :cancelled REMOVE ticket',
          ConditionExpression: '#status = :waitlisted',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':cancelled': 'cancelled', ':waitlisted': 'waitlisted' }),
        },
      }, changed),
      step('my ticket', { Delete: { TableName: tableName(), Key: waitKey(s.activityId, s.ticket), ConditionExpression: 'attribute_exists(PK)' } }, changed),
      { Update: { TableName: tableName(), Key: actKey(s.activityId), UpdateExpression: 'ADD waitlistCount :minus', ExpressionAttributeValues: marshall({ ':minus': -1 }) } },
    ]);
    return failed ? 'stale' : 'ok';
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
      ? ledgerPostingItems(state, { delta: reward.points, reason: `活动签到：${reward.title}`, refType: 'activity', refId: s.activityId, at }).steps
      : [];
    const failed = await transact([
      step(
        'confirmed, not checked in',
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
        new AppError('INVALID_STATE', '您已签到，请勿重复签到'),
      ),
      step('activity published, today', {
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
      }, new AppError('INVALID_STATE', '活动已取消或今天不在活动时间内')),
      ...posting,
      ...statsItems(s.memberOrgPath, atIso.slice(0, 10), { checkIns: 1, pointsIssued: posting.length ? reward.points : 0 }),
    ]);
    return failed ? 'stale' : 'ok';
  }



  /** Every signup of an activity (participants list, CSV, notices). */
  async signups(id: string): Promise<StoredSignup[]> {
    const items = await queryAll({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: marshall({ ':pk': activityPk(id), ':prefix': SIGNUP_PREFIX }),
    });
    return items.map((i) => strip<StoredSignup>(unmarshall(i)));
  }

  async signupsOfUser(userId: string, limit: number, cursor?: string): Promise<{ items: StoredSignup[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': signupsOfUserPk(userId) }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, `USERACTS#${userId}`),
      }),
    );
    return { items: (out.Items ?? []).map((i) => strip<StoredSignup>(unmarshall(i))), nextCursor: encodeCursor(out.LastEvaluatedKey, `USERACTS#${userId}`) };
  }

}
