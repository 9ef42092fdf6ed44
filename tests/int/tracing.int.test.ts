/**
 * X-Ray subsegments of the SDK's DynamoDB calls (lib/tracing.ts), against DynamoDB Local and a UDP socket
 * standing in for the X-Ray daemon: a sampled invocation sends one `DynamoDB` subsegment per call under
 * Lambda's segment (trace id and parent from the trace header), with the operation, table, request id and
 * a fault flag when the call failed; an unsampled one sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { traced } from '../../functions/src/lib/tracing';
import { clientOptions } from '../../functions/src/lib/dynamo';
import { TEST_TABLE } from '../setup/ports';

const daemon = createSocket('udp4');
const received: any[] = [];
const client = traced(new DynamoDBClient(clientOptions()));
const ROOT = '1-67a1b2c3-0123456789abcdef01234567';
const PARENT = '53995c3f42cd8ad8';

beforeAll(async () => {
  daemon.on('message', (msg) => {
    const [header, body] = msg.toString().split('\n');
    expect(JSON.parse(header)).toEqual({ format: 'json', version: 1 });
    received.push(JSON.parse(body));
  });
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  vi.stubEnv('AWS_XRAY_DAEMON_ADDRESS', `127.0.0.1:${(daemon.address() as AddressInfo).port}`);
});
afterAll(() => {
  vi.unstubAllEnvs();
  daemon.close();
  client.destroy();
});

const arrived = (n: number) => vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(n), { timeout: 5000 });

describe('X-Ray subsegments of DynamoDB calls', () => {
  it('a sampled invocation sends one per call, under Lambda\'s segment', async () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', `Root=${ROOT};Parent=${PARENT};Sampled=1`);
    await client.send(new GetItemCommand({ TableName: TEST_TABLE, Key: { PK: { S: 'TRACE#none' }, SK: { S: 'x' } } }));
    await arrived(1);
    expect(received[0]).toMatchObject({
      type: 'subsegment', name: 'DynamoDB', namespace: 'aws', trace_id: ROOT, parent_id: PARENT, id: expect.stringMatching(/^[0-9a-f]{16}$/),
      aws: { operation: 'GetItem', table_name: TEST_TABLE, retries: 0 }, http: { response: { status: 200 } },
    });
    expect(received[0].end_time).toBeGreaterThanOrEqual(received[0].start_time);
    expect(received[0].fault ?? received[0].error).toBeUndefined();

    // A transaction whose condition fails: 400 from DynamoDB, marked as an error with its exception.
    await expect(client.send(new TransactWriteItemsCommand({
      TransactItems: [{ ConditionCheck: { TableName: TEST_TABLE, Key: { PK: { S: 'TRACE#none' }, SK: { S: 'x' } }, ConditionExpression: 'attribute_exists(PK)' } }],
    }))).rejects.toThrow();
    await arrived(2);
    expect(received[1]).toMatchObject({ aws: { operation: 'TransactWriteItems', table_name: TEST_TABLE }, error: true, cause: { exceptions: [{ type: 'TransactionCanceledException' }] } });
  });

  it('an unsampled invocation, or one outside Lambda, sends nothing', async () => {
    const before = received.length;
    vi.stubEnv('_X_AMZN_TRACE_ID', `Root=${ROOT};Parent=${PARENT};Sampled=0`);
    await client.send(new GetItemCommand({ TableName: TEST_TABLE, Key: { PK: { S: 'TRACE#none' }, SK: { S: 'x' } } }));
    vi.stubEnv('_X_AMZN_TRACE_ID', '');
    await client.send(new GetItemCommand({ TableName: TEST_TABLE, Key: { PK: { S: 'TRACE#none' }, SK: { S: 'x' } } }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.length).toBe(before);
  });
});
