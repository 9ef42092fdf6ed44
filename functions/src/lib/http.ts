import '@union/shared/zod-zh';
/**
 * The one middy stack every route uses: normalise headers, CORS, the error body of api.md, JSON body
 * parsing, authentication, zod validation at the edge — then the handler calls one use case.
 */
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { config } from '../config';
import { verifyToken } from './tokens';
import { AppError, validationFailed, type ErrorDetail } from './errors';
import { RateLimits } from '../repositories/rate-limits';
import { classifyError, logFailure } from './faults';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

const MAX_BODY_BYTES = 64 * 1024;

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send `body` as is (a string) instead of JSON, e.g. CSV. */
  raw?: boolean;
}
export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** The authenticated user's id; empty string on public routes. */
  userId: string;
  headers: Record<string, string | undefined>;
  now: Date;
}

interface RouteSpec<B, Q, P> {
  auth: boolean;
  /**
   * Which rate limit applies: `write` (per user and route; the default for authenticated writes),
   * `login` (per client address) or `none`.
   */
  rateLimit?: 'write' | 'login' | 'none';
  /** Take the body as text (e.g. WeChat's XML pushes) instead of parsing JSON. */
  rawBody?: boolean;
  body?: z.ZodMiniType<B>;
  query?: z.ZodMiniType<Q>;
  params?: z.ZodMiniType<P>;
}

function issuesToDetails(error: { issues: { path: PropertyKey[]; message: string }[] }): ErrorDetail[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

function parse<T>(schema: z.ZodMiniType<T> | undefined, value: unknown): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(issuesToDetails(result.error));
  return result.data;
}

/** Parses a JSON body, refusing other content types, oversize bodies and malformed JSON with 4xx. */
function readText(event: Event): string {
  if (event.body === undefined || event.body === null) return '';
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  return text;
}

function readJsonBody(event: Event): unknown {
  const text = readText(event);
  if (text === '') return undefined;
  const type = event.headers?.['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  try {
    return JSON.parse(text);
  } catch {
    throw validationFailed([{ path: '', message: '请求体不是合法的 JSON' }], '请求体不是合法的 JSON');
  }
}

async function authenticate(event: Event): Promise<string> {
  const header = event.headers?.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError('UNAUTHENTICATED');
  const userId = await verifyToken(match[1]);
  if (!userId) throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
  return userId;
}

/** Turns any thrown error into api.md's error body (lib/faults.ts decides which, and what is logged). */
function errorBody(): middy.MiddlewareObj<Event, Result> {
  return {
    onError: async (request) => {
      const appError = classifyError(request.error);
      logFailure(request.event.routeKey, appError, request.error);
      request.response = {
        statusCode: appError.statusCode,
        headers: { 'content-type': 'application/json; charset=utf-8', ...appError.headers },
        body: JSON.stringify({
          error: { code: appError.code, message: appError.message, ...(appError.details ? { details: appError.details } : {}) },
        }),
      };
    },
  };
}

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

const limits = new RateLimits();
const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** 429 RATE_LIMITED with Retry-After when the caller's bucket is empty. Runs after validation and auth. */
async function enforceRateLimit(spec: { auth: boolean; rateLimit?: 'write' | 'login' | 'none' }, event: Event, userId: string) {
  const kind = spec.rateLimit ?? (spec.auth && WRITES.has(event.requestContext?.http?.method ?? '') ? 'write' : 'none');
  if (kind === 'none') return;
  const c = config();
  const taken =
    kind === 'write'
      ? await limits.take(`write#${event.routeKey}`, userId, { limit: c.RATE_WRITE_PER_MINUTE, windowSeconds: 60 })
      : await limits.take('login', event.requestContext?.http?.sourceIp ?? 'unknown', { limit: c.RATE_LOGIN_PER_MINUTE, windowSeconds: 60 });
  if (!taken.allowed) {
    throw new AppError('RATE_LIMITED', `操作太频繁，请 ${taken.retryAfterSeconds} 秒后再试`, undefined, { 'retry-after': String(taken.retryAfterSeconds) });
  }
}

/** Builds a Lambda handler for one route: validate, authenticate, call `fn`, answer JSON. */
export function route<B = undefined, Q = undefined, P = undefined>(
  spec: RouteSpec<B, Q, P>,
  fn: (input: RouteInput<B, Q, P>) => Promise<Reply>,
) {
  return middy<Event, Result>()
    .use(httpHeaderNormalizer())
    .use(
      httpCors({
        origin: config().CORS_ORIGIN,
        headers: 'authorization,content-type,idempotency-key',
        methods: 'GET,POST,PATCH,PUT,DELETE,OPTIONS',
        // The H5 app reads Retry-After of a 429/503 to pace its retries.
        exposeHeaders: 'retry-after',
      }),
    )
    .use(errorBody())
    .handler(async (event: Event, _context: Context): Promise<Result> => {
      // Who first (an anonymous caller learns nothing about validation), then what.
      const userId = spec.auth ? await authenticate(event) : '';
      const body = spec.rawBody ? (readText(event) as B) : parse(spec.body, readJsonBody(event) ?? {});
      const query = parse(spec.query, event.queryStringParameters ?? {});
      const params = parse(spec.params, event.pathParameters ?? {});
      await enforceRateLimit(spec, event, userId);
      const reply = await fn({ body, query, params, userId, headers: event.headers ?? {}, now: new Date() });
      const headers = { ...securityHeaders, ...reply.headers };
      if (reply.raw) return { statusCode: reply.status, headers, body: String(reply.body ?? '') };
      return {
        statusCode: reply.status,
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        body: reply.body === undefined ? '' : JSON.stringify(reply.body),
      };
    });
}
