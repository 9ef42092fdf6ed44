/**
 * Idempotency records: `IDEM#<userId>#<key> / IDEM`, one per Idempotency-Key a user sent, kept 24 h (TTL).
 * The model is Powertools' DynamoDB persistence layer (a conditional put, the existing record read back
 * with ReturnValuesOnConditionCheckFailure), written for this table's key names and partitioned by user so
 * no key is hot. See lib/idempotency.ts for why it is ours and not Powertools'.
 */
import { ConditionalCheckFailedException, DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export interface StoredReply {
  status: number;
  body: string;
}

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'completed'; fingerprint: string; reply: StoredReply }
  | { kind: 'in_progress'; fingerprint: string };

const keyOf = (userId: string, key: string) => marshall({ PK: `IDEM#${userId}#${key}`, SK: 'IDEM' });

export class IdempotencyRecords {
  /**
   * Claims the key for a request: puts an in-progress record unless one exists whose lock is still held.
   * A stale in-progress record (its handler died) can be claimed again after `lockSeconds`.
   */
  async claim(userId: string, key: string, fingerprint: string, now: Date, lockSeconds: number): Promise<Claim> {
    const seconds = Math.floor(now.getTime() / 1000);
    try {
      await dynamo().send(
        new PutItemCommand({
          TableName: tableName(),
          Item: marshall({
            ...unmarshall(keyOf(userId, key)),
            entity: 'Idempotency',
            version: 1,
            status: 'in_progress',
            fingerprint,
            lockedUntil: seconds + lockSeconds,
            expiresAt: seconds + IDEMPOTENCY_TTL_SECONDS,
          }),
          // Free, or an in-progress claim whose handler died (the lock ran out).
          ConditionExpression: 'attribute_not_exists(PK) OR (#status = :inProgress AND lockedUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':inProgress': 'in_progress', ':now': seconds }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { kind: 'claimed' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || !error.Item) throw error;
      const old = unmarshall(error.Item);
      if (old.status === 'completed') return { kind: 'completed', fingerprint: old.fingerprint, reply: { status: old.replyStatus, body: old.replyBody } };
      return { kind: 'in_progress', fingerprint: old.fingerprint };
    }
  }

  /** The record as it is now (strongly consistent), in the shape of a claim that found it. */
  async read(userId: string, key: string): Promise<Exclude<Claim, { kind: 'claimed' }> | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: keyOf(userId, key), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const item = unmarshall(out.Item);
    if (item.status === 'completed') return { kind: 'completed', fingerprint: item.fingerprint, reply: { status: item.replyStatus, body: item.replyBody } };
    return { kind: 'in_progress', fingerprint: item.fingerprint };
  }

  /** Stores the answer the request got, for its retries. */
  async complete(userId: string, key: string, reply: StoredReply): Promise<void> {
    await dynamo().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: keyOf(userId, key),
        UpdateExpression: 'SET #status = :completed, replyStatus = :s, replyBody = :b REMOVE lockedUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':completed': 'completed', ':s': reply.status, ':b': reply.body }),
      }),
    );
  }

  /** Forgets a claim whose request failed (a failed request changed nothing, so a retry may run again). */
  async release(userId: string, key: string): Promise<void> {
    await dynamo().send(
      new DeleteItemCommand({
        TableName: tableName(),
        Key: keyOf(userId, key),
        ConditionExpression: '#status = :inProgress',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':inProgress': 'in_progress' }),
      }),
    ).catch((error) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }
}
