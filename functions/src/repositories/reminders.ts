/** Sign-in reminders (entities/reminder.ts): asked for by a member, sent once by the reminder job. */
import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { chinaIso } from '@union/shared/china-day';
import { dynamo, tableName } from '../lib/dynamo';
import { reminderKey, reminderShard, remindersPk } from '../entities/reminder';
import type { JobCursor } from './lots';
import { signInSk, userItemKey } from '../entities/user';

export interface DueReminder {
  userId: string;
  day: string;
  openid: string;
}

export class RemindersRepository {
  /** Asks for a reminder on `day`; asking again changes nothing. */
  async ask(userId: string, openid: string, day: string, at: Date): Promise<void> {
    try {
      await dynamo().send(new PutItemCommand({
        TableName: tableName(),
        Item: marshall({
          ...unmarshall(reminderKey(userId, day)), GSI1PK: remindersPk(day, reminderShard(userId)), GSI1SK: userId,
          entity: 'SignInReminder', version: 1, userId, day, openid, askedAt: chinaIso(at),
          // Gone a month after its day: nothing reads it then.
          expiresAt: Math.floor(Date.parse(`${day}T00:00:00+08:00`) / 1000) + 30 * 86_400,
        }),
        ConditionExpression: 'attribute_not_exists(PK)',
      }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** A page of a day's unsent reminders in one shard (GSI1). */
  async due(day: string, shard: number, limit: number, cursor?: JobCursor): Promise<{ items: DueReminder[]; cursor: JobCursor }> {
    const out = await dynamo().send(new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: marshall({ ':pk': remindersPk(day, shard) }),
      ProjectionExpression: 'userId, #d, openid',
      ExpressionAttributeNames: { '#d': 'day' },
      Limit: limit,
      ExclusiveStartKey: cursor,
    }));
    return { items: (out.Items ?? []).map((i) => unmarshall(i) as DueReminder), cursor: out.LastEvaluatedKey };
  }

  /** Claims a reminder for sending: true once, false for every later (or concurrent) claim. */
  async claim(userId: string, day: string, at: Date): Promise<boolean> {
    try {
      await dynamo().send(new UpdateItemCommand({
        TableName: tableName(),
        Key: reminderKey(userId, day),
        UpdateExpression: 'SET sentAt = :at REMOVE GSI1PK, GSI1SK',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(sentAt)',
        ExpressionAttributeValues: marshall({ ':at': chinaIso(at) }),
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Whether the user signed in on `day` already (then the reminder is claimed but not sent). */
  async signedIn(userId: string, day: string): Promise<boolean> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: userItemKey(userId, signInSk(day)), ProjectionExpression: 'PK', ConsistentRead: true }));
    return Boolean(out.Item);
  }
}
