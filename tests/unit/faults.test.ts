/**
 * lib/faults.ts against the errors the real SDK throws (no mocks of the SDK): a refused connection, a
 * reset, an unknown host, a stalled server past the request timeout and a 5xx answer are 503
 * UNAVAILABLE; throttling is 503 BUSY; our own bugs are 500 INTERNAL and the only thing logged with a stack.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { dynamoClientConfig } from '../../functions/src/lib/dynamo';
import { classifyError, logFailure } from '../../functions/src/lib/faults';
import { redact } from '../../functions/src/lib/log';
import { AppError } from '../../functions/src/lib/errors';

const servers: Server[] = [];
const sockets = new Set<Socket>();
afterAll(() => {
  for (const s of sockets) s.destroy();
  for (const s of servers) s.close();
});
afterEach(() => vi.restoreAllMocks());

/** A loopback server of our making; resolves with its endpoint. */
async function listen(server: Server): Promise<string> {
  servers.push(server);
  server.on('connection', (s: Socket) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** What the SDK throws for one call, with the project's client settings (one attempt, short timeouts). */
async function sdkError(endpoint: string, requestTimeoutMs = 500): Promise<unknown> {
  const client = new DynamoDBClient(
    dynamoClientConfig({ AWS_REGION: 'cn-northwest-1', DYNAMODB_ENDPOINT: endpoint, DYNAMODB_CONNECT_TIMEOUT_MS: 300, DYNAMODB_REQUEST_TIMEOUT_MS: requestTimeoutMs, DYNAMODB_MAX_ATTEMPTS: 1 }),
  );
  try {
    await client.send(new ListTablesCommand({}));
    throw new Error('the call unexpectedly succeeded');
  } catch (error) {
    return error;
  } finally {
    client.destroy();
  }
}

const unavailable = { code: 'UNAVAILABLE', statusCode: 503, headers: { 'retry-after': '2' } };

describe('a database that does not answer is 503 UNAVAILABLE', () => {
  it('connection refused', async () => {
    const closed = await listen(createServer());
    servers.pop()!.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(classifyError(await sdkError(closed))).toMatchObject(unavailable);
  });

  it('connection reset mid-request', async () => {
    const endpoint = await listen(createServer((socket) => socket.once('data', () => socket.resetAndDestroy())));
    expect(classifyError(await sdkError(endpoint))).toMatchObject(unavailable);
  });

  it('unknown host (DNS failure)', async () => {
    expect(classifyError(await sdkError('http://no-such-host.invalid:8000'))).toMatchObject(unavailable);
  });

  it('a stalled server: the request timeout fires and the answer is 503 within it', async () => {
    const endpoint = await listen(createServer(() => {})); // accepts, never answers
    const started = Date.now();
    const error = await sdkError(endpoint, 400);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(classifyError(error)).toMatchObject(unavailable);
  });

  it('a 5xx answer from DynamoDB', async () => {
    const endpoint = await listen(
      createHttpServer((_req, res) => {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'InternalServerError' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' }));
      }),
    );
    expect(classifyError(await sdkError(endpoint))).toMatchObject(unavailable);
  });
});

describe('everything else', () => {
  it('throttling that outlasted the retries is 503 BUSY with Retry-After', async () => {
    const endpoint = await listen(
      createHttpServer((_req, res) => {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'ThrottlingException' });
        res.end(JSON.stringify({ __type: 'com.amazon.coral.availability#ThrottlingException', message: 'Rate exceeded' }));
      }),
    );
    expect(classifyError(await sdkError(endpoint))).toMatchObject({ code: 'BUSY', statusCode: 503, headers: { 'retry-after': '1' } });
  });

  it('domain errors answer as themselves; a BUSY of a use case gains Retry-After', () => {
    const stock = new AppError('OUT_OF_STOCK');
    expect(classifyError(stock)).toBe(stock);
    expect(classifyError(new AppError('BUSY'))).toMatchObject({ code: 'BUSY', message: '当前访问人数较多，请稍后重试', headers: { 'retry-after': '1' } });
  });

  it('a wrapped database failure is found through `cause`', () => {
    const wrapped = new Error('persistence layer failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(classifyError(wrapped)).toMatchObject(unavailable);
  });

  it('our own bug is 500 INTERNAL, logged with its stack; a 503 is one line without a stack', () => {
    // Powertools Logger writes JSON lines to the process's streams (warn and error to stderr).
    const lines: string[] = [];
    const capture = (chunk: unknown) => (lines.push(String(chunk)), true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    try {
      const bug = new TypeError("Cannot read properties of undefined (reading 'balance')");
      const internal = classifyError(bug);
      expect(internal).toMatchObject({ code: 'INTERNAL', statusCode: 500 });
      logFailure(internal, bug);
      expect(JSON.parse(lines[0])).toMatchObject({ level: 'ERROR', code: 'INTERNAL', error: { stack: expect.stringContaining('TypeError') } });

      const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
      logFailure(classifyError(down), down);
      const line = lines[1];
      expect(JSON.parse(line)).toMatchObject({ level: 'WARN', message: 'UNAVAILABLE', code: 'UNAVAILABLE', cause: { name: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:8000' } });
      expect(line).not.toContain('stack');

      logFailure(classifyError(new AppError('OUT_OF_STOCK')), new AppError('OUT_OF_STOCK'));
      expect(lines).toHaveLength(2); // a 4xx is the caller's, not logged
    } finally {
      err.mockRestore();
      out.mockRestore();
    }
  });

  it('a 身份证号, mobile number or token inside an error message is blanked', () => {
    expect(redact('owner 610113199203154512 phone 13991230001 token eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl ok'))
      .toBe('owner [redacted] phone [redacted] token [redacted] ok');
  });
});
