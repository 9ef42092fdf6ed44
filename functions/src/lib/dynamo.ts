/** The DynamoDB client and table name of this process, built once. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { config } from '../config';

let client: DynamoDBClient | undefined;

export function dynamo(): DynamoDBClient {
  if (!client) {
    const c = config();
    const endpoint = c.DYNAMODB_ENDPOINT || undefined;
    client = new DynamoDBClient({
      region: c.AWS_REGION,
      endpoint,
      // DynamoDB Local accepts any credentials; without them the SDK searches for real ones, slowly.
      ...(endpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      maxAttempts: 3,
    });
  }
  return client;
}

export const tableName = () => config().TABLE_NAME;
