/** The DynamoDB client and table name of this process, built once. */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { config, type Config } from '../config';
import { traced } from './tracing';

let client: DynamoDBClient | undefined;

type ClientSettings = Pick<Config, 'AWS_REGION' | 'DYNAMODB_ENDPOINT' | 'DYNAMODB_CONNECT_TIMEOUT_MS' | 'DYNAMODB_REQUEST_TIMEOUT_MS' | 'DYNAMODB_MAX_ATTEMPTS'>;

/**
 * The client's settings: endpoint, and the bounds that turn a dead or hung database into a quick error.
 * `maxAttempts` is the SDK's share of the one retry budget (lib/retry.ts); the transaction client sends once.
 */
export function dynamoClientConfig(c: ClientSettings): DynamoDBClientConfig {
  const endpoint = c.DYNAMODB_ENDPOINT || undefined;
  return {
    region: c.AWS_REGION,
    endpoint,
    // DynamoDB Local accepts any credentials; without them the SDK searches for real ones, slowly.
    ...(endpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    // Bounded on purpose (numbers in serverless.yml): a database that does not answer becomes a
    // TimeoutError, which lib/faults.ts answers as 503 UNAVAILABLE, instead of a gateway timeout.
    maxAttempts: c.DYNAMODB_MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: c.DYNAMODB_CONNECT_TIMEOUT_MS,
      requestTimeout: c.DYNAMODB_REQUEST_TIMEOUT_MS,
      // Without this, newer @smithy/node-http-handler only logs a warning when requestTimeout passes.
      throwOnRequestTimeout: true,
    },
  };
}

/** Region, endpoint, credentials and bounds of this stage (shared by the transaction client). */
export const clientOptions = (): DynamoDBClientConfig => dynamoClientConfig(config());

export function dynamo(): DynamoDBClient {
  client ??= traced(new DynamoDBClient(clientOptions()));
  return client;
}

export const tableName = () => config().TABLE_NAME;
