/**
 * Reading membership requests: one by id, a member's own, a union's review queue. Apart from
 * `MembershipRepository` so a function that only reads them (the cadre tools) carries no filing or
 * deciding code.
 */
import { BatchGetItemCommand, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import type { MembershipReads as MembershipReadsPort } from '../usecases/ports';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import {
  joinKey, joinsOfUserPk, queuePk, stripKeys, transferKey, transfersOfUserPk, type RequestKind, type RequestStatus, type StoredJoinRequest, type StoredTransferRequest,
} from '../entities/membership-request';

export class MembershipReads implements MembershipReadsPort {
  async joinRequest(id: string): Promise<StoredJoinRequest | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: joinKey(id), ConsistentRead: true }));
    return out.Item ? stripKeys<StoredJoinRequest>(unmarshall(out.Item)) : undefined;
  }

  async transferRequest(id: string): Promise<StoredTransferRequest | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: transferKey(id), ConsistentRead: true }));
    return out.Item ? stripKeys<StoredTransferRequest>(unmarshall(out.Item)) : undefined;
  }

  /** One user's requests of a kind, newest first. */
  async byUser<T>(kind: RequestKind, userId: string, limit: number, cursor?: string): Promise<{ items: T[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': kind === 'join' ? joinsOfUserPk(userId) : transfersOfUserPk(userId) }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, (kind === 'join' ? joinsOfUserPk(userId) : transfersOfUserPk(userId))),
      }),
    );
    return { items: (out.Items ?? []).map((i) => stripKeys<T>(unmarshall(i))), nextCursor: encodeCursor(out.LastEvaluatedKey, (kind === 'join' ? joinsOfUserPk(userId) : transfersOfUserPk(userId))) };
  }

  /** The review queue of one union's subtree: pending oldest first, decided newest first. */
  async queue<T>(kind: RequestKind, status: RequestStatus, orgId: string, limit: number, cursor?: string): Promise<{ items: T[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': queuePk(kind, status, orgId) }),
        ScanIndexForward: status === 'pending',
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, queuePk(kind, status, orgId)),
      }),
    );
    const ids = (out.Items ?? []).map((i) => unmarshall(i).requestId as string);
    if (ids.length === 0) return { items: [], nextCursor: null };
    const keyOf = kind === 'join' ? joinKey : transferKey;
    const got = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: ids.map(keyOf), ConsistentRead: true } } }));
    const byId = new Map((got.Responses?.[tableName()] ?? []).map((i) => { const r = unmarshall(i); return [r.id as string, stripKeys<T>(r)]; }));
    return { items: ids.map((id) => byId.get(id)).filter((x): x is T => Boolean(x)), nextCursor: encodeCursor(out.LastEvaluatedKey, queuePk(kind, status, orgId)) };
  }
}
