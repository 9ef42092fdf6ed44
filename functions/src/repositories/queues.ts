/** Sizes of the per-union queues (review, orders): a COUNT query of one partition. */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import { queuePk } from '../entities/membership-request';

export async function queueSize(pk: string): Promise<number> {
  let count = 0;
  let start: Record<string, any> | undefined;
  do {
    const out = await dynamo().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: marshall({ ':pk': pk }), Select: 'COUNT', ExclusiveStartKey: start }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

export const pendingJoinQueue = (orgId: string) => queuePk('join', 'pending', orgId);
export const pendingTransferQueue = (orgId: string) => queuePk('transfer', 'pending', orgId);
export const awaitingPickupQueue = (orgId: string) => `ORDERQ#awaiting_pickup#${orgId}`;
