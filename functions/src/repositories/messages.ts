/**
 * The in-app inbox, in the user's partition (entities/user.ts): `MSG#<time>#<id>` per message and `INBOX` with the unread
 * count and the "all read before" mark, so "mark all read" is one write whatever the inbox size.
 */
import { randomUUID } from 'node:crypto';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Message } from '@union/shared/messages';
import { chinaIso } from '@union/shared/china-day';
import { dynamo, tableName } from '../lib/dynamo';
import { tagOnCreate } from '../entities/tags';
import type { Inbox } from '../usecases/ports';
import { INBOX_SK, MESSAGE_PREFIX, messageSk, userItemKey, userPk } from '../entities/user';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { step, transact, type Step } from '../lib/transact';

export type { NewMessage } from '../entities/message';
import type { NewMessage } from '../entities/message';

const inboxKey = (userId: string) => userItemKey(userId, INBOX_SK);
const inboxTag = tagOnCreate('Inbox');

/** A new message and its unread count, for a transaction (other writes may join it: the expiry notice). */
export function messageItems(userId: string, message: NewMessage, at: Date): { id: string; steps: Step[] } {
  const id = `${at.toISOString()}#${randomUUID().slice(0, 8)}`;
  return {
    id,
    steps: [
      step('new message', {
        Put: {
          TableName: tableName(),
          Item: marshall(
            { PK: userPk(userId), SK: messageSk(id), entity: 'Message', version: 1, id, ...message, read: false, createdAt: chinaIso(at) },
            { removeUndefinedValues: true },
          ),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      }, 'answer'),
      step('unread count', { Update: { TableName: tableName(), Key: inboxKey(userId), UpdateExpression: `ADD unread :one SET ${inboxTag.set}`, ExpressionAttributeValues: marshall({ ':one': 1, ...inboxTag.values }) } }),
    ],
  };
}

export class MessagesRepository implements Inbox {
  /** Adds a message and counts it unread. */
  async add(userId: string, message: NewMessage, at: Date): Promise<string> {
    const { id, steps } = messageItems(userId, message, at);
    // A message id taken (same millisecond and random part) leaves the inbox as it was.
    await transact(steps);
    return id;
  }

  private async inbox(userId: string): Promise<{ unread: number; readAllBefore: string }> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: inboxKey(userId), ConsistentRead: true }));
    const item = out.Item ? unmarshall(out.Item) : {};
    return { unread: Math.max(0, Number(item.unread ?? 0)), readAllBefore: String(item.readAllBefore ?? '') };
  }

  async list(userId: string, limit: number, cursor?: string): Promise<{ items: Message[]; nextCursor: string | null; unread: number }> {
    const [out, inbox] = await Promise.all([
      dynamo().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: marshall({ ':pk': userPk(userId), ':prefix': MESSAGE_PREFIX }),
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, `USER#${userId}|MSG#`),
        }),
      ),
      this.inbox(userId),
    ]);
    const items = (out.Items ?? []).map((i) => {
      const m = unmarshall(i);
      return { id: m.id, kind: m.kind, title: m.title, body: m.body, link: m.link, read: m.read || m.id <= inbox.readAllBefore, createdAt: m.createdAt } as Message;
    });
    return { items, nextCursor: encodeCursor(out.LastEvaluatedKey, `USER#${userId}|MSG#`), unread: inbox.unread };
  }

  /** Marks one message read; reading it twice, or one already covered by "all read", changes nothing. */
  async markRead(userId: string, messageId: string): Promise<void> {
    const { readAllBefore } = await this.inbox(userId);
    if (messageId <= readAllBefore) return;
    // Either failing means there is nothing to do: already read, absent, or covered by "all read".
    await transact([
      step('unread message', {
        Update: {
          TableName: tableName(),
          Key: userItemKey(userId, messageSk(messageId)),
          UpdateExpression: 'SET #read = :true',
          ConditionExpression: 'attribute_exists(PK) AND #read = :false',
          ExpressionAttributeNames: { '#read': 'read' },
          ExpressionAttributeValues: marshall({ ':true': true, ':false': false }),
        },
      }, 'answer'),
      step('unread count as read', {
        Update: {
          TableName: tableName(),
          Key: inboxKey(userId),
          UpdateExpression: 'ADD unread :minus',
          // The mark read above is the one guarding against double counting; this keeps the
          // count consistent with a concurrent "mark all read".
          ConditionExpression: 'unread > :zero AND (attribute_not_exists(readAllBefore) OR readAllBefore = :cutoff)',
          ExpressionAttributeValues: marshall({ ':minus': -1, ':zero': 0, ':cutoff': readAllBefore }),
        },
      }, 'answer'),
    ]);
  }

  /** Everything up to now is read: one write. */
  async markAllRead(userId: string, at: Date): Promise<void> {
    await transact([
      {
        Update: {
          TableName: tableName(),
          Key: inboxKey(userId),
          UpdateExpression: `SET unread = :zero, readAllBefore = :mark, ${inboxTag.set}`,
          ExpressionAttributeValues: marshall({ ':zero': 0, ':mark': `${at.toISOString()}#zzzzzzzz`, ...inboxTag.values }),
        },
      },
    ]);
  }
}
