/** Sizes of the per-union queues (review, orders): a COUNT query of one partition. */
import { marshall } from '@aws-sdk/util-dynamodb';
import { tableName } from '../lib/dynamo';
import { queuePk } from '../entities/membership-request';
import { countAll } from './query-pages';

export function queueSize(pk: string): Promise<number> {
  return countAll({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: marshall({ ':pk': pk }) });
}

export const pendingJoinQueue = (orgId: string) => queuePk('join', 'pending', orgId);
export const pendingTransferQueue = (orgId: string) => queuePk('transfer', 'pending', orgId);
export const awaitingPickupQueue = (orgId: string) => `ORDERQ#awaiting_pickup#${orgId}`;
