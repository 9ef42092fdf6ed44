import { describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { localClient } from '../../scripts/lib/dynamodb-local';
import { TEST_DYNAMO, TEST_TABLE } from '../setup/ports';
import { call, login } from './client';

/** The test stage's limit (serverless.yml params.test.rateWritePerMinute). */
const WRITES_PER_MINUTE = 400;

describe('rate limits', () => {
  it('one user firing 450 writes at once on one route: exactly 400 pass, the rest get 429 RATE_LIMITED with Retry-After', { timeout: 90_000 }, async () => {
    const user = await login();
    // Start at the beginning of a minute window so the burst is counted in one window.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 200));
    const answers = await Promise.all(
      Array.from({ length: WRITES_PER_MINUTE + 50 }, (_, i) => call('PATCH', '/v1/me', { token: user.token, body: { nickname: `昵称${i}` } })),
    );
    const limited = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(WRITES_PER_MINUTE);
    expect(limited).toHaveLength(50);
    for (const a of limited) {
      expect(a.body.error.code).toBe('RATE_LIMITED');
      expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(a.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    }
    // Reads are not limited; another route and another user have their own counters.
    expect((await call('GET', '/v1/me', { token: user.token })).status).toBe(200);
    expect((await call('POST', '/v1/sign-ins', { token: user.token })).status).toBe(201);
    const other = await login();
    expect((await call('PATCH', '/v1/me', { token: other.token, body: { nickname: '别人' } })).status).toBe(200);
  });

  it('the PUT alias of a PATCH route spends the same bucket (one budget per operation, issue 12 item 12)', async () => {
    const user = await login();
    for (let i = 0; i < 6; i++) {
      expect((await call(i % 2 ? 'PUT' : 'PATCH', '/v1/me', { token: user.token, body: { nickname: `别名${i}` } })).status).toBe(200);
    }
    // The counters of this user: one bucket, the operation's, holding all six writes.
    const client = localClient(TEST_DYNAMO);
    const items: Record<string, any>[] = [];
    let start: Record<string, any> | undefined;
    do {
      const out = await client.send(new ScanCommand({ TableName: TEST_TABLE, ExclusiveStartKey: start, FilterExpression: 'begins_with(PK, :rate) AND contains(PK, :user)', ExpressionAttributeValues: { ':rate': { S: 'RATE#write#' }, ':user': { S: user.me.id } } }));
      items.push(...(out.Items ?? []).map((x) => unmarshall(x)));
      start = out.LastEvaluatedKey;
    } while (start);
    client.destroy();
    const byBucket = Object.fromEntries(items.map((x) => [String(x.PK).split('#').slice(0, 3).join('#'), x.count]));
    expect(byBucket).toEqual({ 'RATE#write#PATCH /v1/me': 6 });
  });
});
