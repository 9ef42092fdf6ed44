/**
 * The health counters of the HTTP edge (lib/http.ts → lib/metrics.ts): a 429, a BUSY and an UNAVAILABLE
 * answer each leave one EMF line on stdout with their counter — what the alarms and dashboards read.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import type { RouteSpec } from '@union/shared/route-spec';
import { route, ok, type EdgeStores } from '../../functions/src/lib/http';

const spec: RouteSpec = { fn: 'test', summary: '测试', auth: false, status: 200, response: z.object({}), errors: [], rateLimit: 'login' };
const event = { routeKey: 'POST /v1/x', headers: {}, requestContext: { http: { method: 'POST', sourceIp: '10.0.0.1' } } } as unknown as APIGatewayProxyEventV2;
const context = { awsRequestId: 'req-1', functionName: 'zhgh-test-x' } as Context;
const stores = (allowed: boolean): EdgeStores => ({
  limits: { take: async () => (allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: 7 }) },
  idempotency: {} as EdgeStores['idempotency'],
});

/** Runs one request and returns the counters of the EMF lines it printed. */
async function countersOf(allowed: boolean, fn: () => Promise<never> | Promise<ReturnType<typeof ok>>) {
  const lines: string[] = [];
  const capture = (chunk: unknown) => (lines.push(String(chunk)), true);
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  const answer = await route('POST /v1/x', spec, fn, stores(allowed))(event, context);
  vi.restoreAllMocks();
  const emf = lines.filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l));
  return { status: answer.statusCode, counters: emf.flatMap((l) => l._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => [m.Name, l[m.Name], l.stage, l.function_request_id])) };
}

afterEach(() => vi.restoreAllMocks());

describe('edge counters', () => {
  it('a rate-limited request counts RateLimited', async () => {
    expect(await countersOf(false, async () => ok({}))).toEqual({ status: 429, counters: [['RateLimited', 1, 'test', 'req-1']] });
  });

  it('throttling that outlasted the retries counts BusyAnswers; a database that did not answer, UnavailableAnswers', async () => {
    const throttled = Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ThrottlingException' });
    expect(await countersOf(true, async () => Promise.reject(throttled))).toEqual({ status: 503, counters: [['BusyAnswers', 1, 'test', 'req-1']] });
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    expect(await countersOf(true, async () => Promise.reject(down))).toEqual({ status: 503, counters: [['UnavailableAnswers', 1, 'test', 'req-1']] });
  });

  it('an ordinary answer prints no metric line at all', async () => {
    expect(await countersOf(true, async () => ok({}))).toEqual({ status: 200, counters: [] });
  });
});
