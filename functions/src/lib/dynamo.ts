/** The DynamoDB client and table name of this process, built once. */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { config } from '../config';
import { RETRY } from './retry';

let client: DynamoDBClient | undefined;

/** Region, endpoint and credentials of this stage (shared by the transaction client). */
export function clientOptions(): DynamoDBClientConfig {
  const c = config();
  const endpoint = c.DYNAMODB_ENDPOINT || undefined;
  return {
    region: c.AWS_REGION,
    endpoint,
    // DynamoDB Local accepts any credentials; without them the SDK searches for real ones, slowly.
    ...(endpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  };
}

export function dynamo(): DynamoDBClient {
  client ??= new DynamoDBClient({ ...clientOptions(), maxAttempts: RETRY.sdkAttempts });
  return client;
}

export const tableName = () => config().TABLE_NAME;
