/**
 * The expiry job's side of points lots (entities/lot.ts): the due lots of one day and shard from GSI1
 * (never a scan), expiring one lot as a ledger posting, and the once-per-lot expiry notice.
 */
import { GetItemCommand, QueryCommand, UpdateItemCommand, ConditionalCheckFailedException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { chinaIso } from '@union/shared/china-day';
import { dynamo, tableName } from '../lib/dynamo';
import { step, transact } from '../lib/transact';
import { expiringPk, lotKey } from '../entities/lot';
import type { PointsState } from '../entities/ledger';
import type { NewMessage } from '../entities/message';
import { userItemKey } from '../entities/user';
import { ledgerPostingItems } from './points';
import { messageItems } from './messages';
import { tagOnCreate } from '../entities/tags';

export interface DueLot {
  userId: string;
  expiresOn: string;
}

export interface StoredLot {
  expiresOn: string;
  remaining: number;
  expiredAt?: string;
  noticedAt?: string;
}

/** Where a paged walk over one index partition stopped (the notice walk: lots stay in the index). */
export type JobCursor = Record<string, AttributeValue> | undefined;

const checkpointKey = (job: string, partition: string) => marshall({ PK: `JOB#${job}`, SK: partition });
const consentKey = (userId: string) => userItemKey(userId, 'CONSENTS');

export class LotsRepository {
  /** A page of the lots indexed under `day` and `shard` (GSI1, eventually consistent: callers re-read each lot). */
  async due(day: string, shard: number, limit: number, cursor?: JobCursor): Promise<{ items: DueLot[]; cursor: JobCursor }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': expiringPk(day, shard) }),
        ProjectionExpression: 'userId, expiresOn',
        Limit: limit,
        ExclusiveStartKey: cursor,
      }),
    );
    return { items: (out.Items ?? []).map((i) => unmarshall(i) as DueLot), cursor: out.LastEvaluatedKey };
  }

  /** One lot, read strongly consistent. */
  async lot(userId: string, expiresOn: string): Promise<StoredLot | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: lotKey(userId, expiresOn), ConsistentRead: true }));
    return out.Item ? (unmarshall(out.Item) as StoredLot) : undefined;
  }

  /**
   * Expires what is left of a lot: a ledger entry 积分过期 taking exactly `remaining`, and the lot closed
   * and taken out of the index — one transaction under the ledgerSeq guard, conditioned on the lot still
   * holding `remaining` and not yet expired, so a second run (or a concurrent one) can never expire it
   * twice. `stale` when anything moved since the read: read again.
   */
  async expire(state: PointsState, lot: { expiresOn: string; remaining: number }, at: Date): Promise<'ok' | 'stale'> {
    const { steps } = ledgerPostingItems(state, {
      delta: -lot.remaining, reason: '积分过期', refType: 'expiry', refId: lot.expiresOn, at, expires: lot.expiresOn,
    });
    return (await transact(steps)) ? 'stale' : 'ok';
  }

  /** A lot spent to nothing before its day: closed and out of the index, no ledger entry. False when it changed. */
  async closeEmpty(userId: string, expiresOn: string, at: Date): Promise<boolean> {
    try {
      await dynamo().send(new UpdateItemCommand({
        TableName: tableName(),
        Key: lotKey(userId, expiresOn),
        UpdateExpression: 'SET expired = :zero, expiredAt = :at REMOVE GSI1PK, GSI1SK',
        ConditionExpression: 'remaining = :zero AND attribute_not_exists(expiredAt)',
        ExpressionAttributeValues: marshall({ ':zero': 0, ':at': chinaIso(at) }),
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * The expiry notice of one lot, once: `noticedAt` set on the condition that it was not, with the inbox
   * message in the same transaction. False when it was noticed before (a second or concurrent run).
   */
  async notice(userId: string, expiresOn: string, message: NewMessage, at: Date): Promise<boolean> {
    const failed = await transact([
      step('not yet noticed', {
        Update: {
          TableName: tableName(),
          Key: lotKey(userId, expiresOn),
          UpdateExpression: 'SET noticedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(noticedAt) AND attribute_not_exists(expiredAt)',
          ExpressionAttributeValues: marshall({ ':at': chinaIso(at) }),
        },
      }, 'answer'),
      ...messageItems(userId, message, at).steps,
    ]);
    return !failed;
  }

  /**
   * Spends one of the member's one-time consents to a subscribe-message template (WeChat allows one
   * message per consent). False when none is left.
   */
  async useConsent(userId: string, template: string): Promise<{ openid: string } | undefined> {
    try {
      const out = await dynamo().send(new UpdateItemCommand({
        TableName: tableName(),
        Key: consentKey(userId),
        UpdateExpression: 'ADD #t :minus',
        ConditionExpression: '#t > :zero',
        ExpressionAttributeNames: { '#t': template },
        ExpressionAttributeValues: marshall({ ':minus': -1, ':zero': 0 }),
        ReturnValues: 'ALL_NEW',
      }));
      return { openid: String(unmarshall(out.Attributes ?? {}).openid ?? '') };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /** Records one more one-time consent to `template` (what WeChat's requestSubscribeMessage answered). */
  async addConsent(userId: string, openid: string, template: string): Promise<void> {
    const tag = tagOnCreate('SubscribeConsents');
    await dynamo().send(new UpdateItemCommand({
      TableName: tableName(),
      Key: consentKey(userId),
      UpdateExpression: `ADD #t :one SET openid = :openid, ${tag.set}`,
      ExpressionAttributeNames: { '#t': template },
      ExpressionAttributeValues: marshall({ ':one': 1, ':openid': openid, ...tag.values }),
    }));
  }

  /** Where the notice walk of one index partition stopped ('done' when it reached the end). */
  async checkpoint(job: string, partition: string): Promise<JobCursor | 'done'> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: checkpointKey(job, partition), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const item = unmarshall(out.Item);
    return item.done ? 'done' : item.cursor ? (JSON.parse(item.cursor) as JobCursor) : undefined;
  }

  async saveCheckpoint(job: string, partition: string, cursor: JobCursor, at: Date): Promise<void> {
    await dynamo().send(new UpdateItemCommand({
      TableName: tableName(),
      Key: checkpointKey(job, partition),
      UpdateExpression: 'SET entity = :entity, version = :version, #c = :cursor, done = :done, updatedAt = :at, expiresAt = :ttl',
      ExpressionAttributeNames: { '#c': 'cursor' },
      ExpressionAttributeValues: marshall({
        ':entity': 'JobCheckpoint', ':version': 1, ':cursor': cursor ? JSON.stringify(cursor) : '', ':done': !cursor, ':at': chinaIso(at),
        // Kept 60 days: long after its day's notices went out.
        ':ttl': Math.floor(at.getTime() / 1000) + 60 * 86_400,
      }),
    }));
  }
}
