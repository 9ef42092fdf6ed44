/**
 * Rate limits as windowed counters in the table: `RATE#<bucket>#<key>#<window>` is incremented by one
 * conditional write (`count < limit`), so a burst of concurrent requests is counted exactly, with no
 * read and no retry; the item expires (TTL) after its window. Limits come from configuration.
 */
import { UpdateItemCommand, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import { tagOnCreate } from '../entities/tags';

export interface WindowRule {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export type Take = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const windowTag = tagOnCreate('RateWindow');

export class RateLimits {
  async take(bucket: string, key: string, rule: WindowRule, now = Date.now()): Promise<Take> {
    const window = Math.floor(now / 1000 / rule.windowSeconds);
    const windowEnds = (window + 1) * rule.windowSeconds;
    try {
      await dynamo().send(
        new UpdateItemCommand({
          TableName: tableName(),
          Key: marshall({ PK: `RATE#${bucket}#${key}#${window}`, SK: 'RATE' }),
          UpdateExpression: `ADD #n :one SET expiresAt = :ttl, ${windowTag.set}`,
          ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
          ExpressionAttributeNames: { '#n': 'count' },
          ExpressionAttributeValues: marshall({ ':one': 1, ':limit': rule.limit, ':ttl': windowEnds + 60, ...windowTag.values }),
        }),
      );
      return { allowed: true };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(windowEnds - now / 1000)) };
      throw error;
    }
  }
}
