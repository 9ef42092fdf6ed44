/**
 * Reading activities: one, many, a union's own, a cadre's subtree. Apart from the rest of
 * `ActivitiesRepository` so a function that only lists activities (the cadre overview) carries no
 * signup or waiting-list code.
 */
import { BatchGetItemCommand, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import type { ActivityListings as ActivityListingsPort } from '../usecases/ports';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { actKey, activitiesInScopePk, activitiesOfOrgPk, strip, type StoredActivity } from '../entities/activity';

export class ActivityListings implements ActivityListingsPort {
  async get(id: string): Promise<StoredActivity | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: actKey(id), ConsistentRead: true }));
    return out.Item ? strip<StoredActivity>(unmarshall(out.Item)) : undefined;
  }

  /** Activities a union publishes itself, by start time. */
  async ofOrg(orgId: string, limit: number): Promise<StoredActivity[]> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': activitiesOfOrgPk(orgId) }),
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
        ExpressionAttributeValues: marshall({ ':pk': activitiesInScopePk(orgId) }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, activitiesInScopePk(orgId)),
      }),
    );
    const ids = (out.Items ?? []).map((i) => unmarshall(i).activityId as string);
    if (ids.length === 0) return { items: [], nextCursor: null };
    const got = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: ids.map(actKey), ConsistentRead: true } } }));
    const byId = new Map((got.Responses?.[tableName()] ?? []).map((i) => { const a = strip<StoredActivity>(unmarshall(i)); return [a.id, a]; }));
    return { items: ids.map((id) => byId.get(id)).filter((a): a is StoredActivity => Boolean(a)), nextCursor: encodeCursor(out.LastEvaluatedKey, activitiesInScopePk(orgId)) };
  }

  async many(ids: string[]): Promise<StoredActivity[]> {
    if (ids.length === 0) return [];
    const got = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: [...new Set(ids)].map(actKey) } } }));
    return (got.Responses?.[tableName()] ?? []).map((i) => strip<StoredActivity>(unmarshall(i)));
  }
}
