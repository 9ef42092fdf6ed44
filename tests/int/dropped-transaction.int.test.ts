/**
 * A transaction whose connection drops after DynamoDB received it (a keep-alive socket reset, seen in CI
 * as `ECONNRESET socket hang up` under load) is sent again with the same ClientRequestToken: DynamoDB
 * applies a token once, so the member gets their answer instead of a 503, and nothing is written twice.
 * A proxy between the SDK and DynamoDB Local forwards the first TransactWriteItems, lets it commit, and
 * cuts the connection before the answer reaches the client.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { clientOptions, dynamo, tableName } from '../../functions/src/lib/dynamo';
import { dynamoTransactionSender, setTransactionSender, transact } from '../../functions/src/lib/transact';

let proxy: Server;
let cutsLeft = 0;
let transactionsSeen = 0;

beforeAll(async () => {
  const upstream = new URL(String(clientOptions().endpoint));
  proxy = createServer((req, res) => {
    const transaction = String(req.headers['x-amz-target'] ?? '').endsWith('.TransactWriteItems');
    if (transaction) transactionsSeen++;
    const out = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        // DynamoDB has answered (the transaction is committed); the client never hears it.
        if (transaction && cutsLeft > 0) {
          cutsLeft--;
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.statusCode ?? 500, answer.headers);
        res.end(Buffer.concat(chunks));
      });
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
afterEach(() => setTransactionSender());

const key = (pk: string) => ({ PK: pk, SK: 'DROP' });
const TAGS = { entity: 'test_drop', version: 1 };

describe('a transaction whose answer is lost on the way', () => {
  it('is sent again with its token: one commit, the caller told it committed', async () => {
    const port = (proxy.address() as AddressInfo).port;
    setTransactionSender(dynamoTransactionSender(new DynamoDBClient({ ...clientOptions(), endpoint: `http://127.0.0.1:${port}`, maxAttempts: 1 })));
    const once = `DROPONCE#${randomUUID()}`;
    const counter = `DROPCOUNT#${randomUUID()}`;
    cutsLeft = 1;
    transactionsSeen = 0;
    // A create that may happen once, and a counter that shows how often the transaction was applied.
    const answer = await transact([
      { Put: { TableName: tableName(), Item: marshall({ ...key(once), ...TAGS }), ConditionExpression: 'attribute_not_exists(PK)' } },
      { Update: { TableName: tableName(), Key: marshall(key(counter)), UpdateExpression: 'ADD applied :one SET entity = :entity, version = :version', ExpressionAttributeValues: marshall({ ':one': 1, ':entity': TAGS.entity, ':version': TAGS.version }) } },
    ]);
    expect(answer).toBeUndefined();
    expect(cutsLeft).toBe(0);
    expect(transactionsSeen).toBe(2);
    const count = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: marshall(key(counter)), ConsistentRead: true }));
    expect(unmarshall(count.Item!).applied).toBe(1);
  });
});
