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
import type { RouteSpec } from '@union/shared/route-spec';
import { createHash } from 'node:crypto';
import { config } from '../config';
import { verifyToken } from './tokens';
import { AppError, validationFailed, type ErrorDetail } from './errors';
import { fingerprintOf, idempotencyKeyOf, once, type IdempotencyStore } from './idempotency';

/** A windowed counter per bucket and caller (repositories/rate-limits.ts in the cloud). */
export interface RateLimiter {
  take(bucket: string, key: string, rule: { limit: number; windowSeconds: number }): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
}

/**
 * What the edge itself stores: rate-limit windows and idempotent replies. The function's composition
 * root (its handler module) passes them in, so this module never imports a repository.
 */
export interface EdgeStores {
  limits: RateLimiter;
  idempotency: IdempotencyStore;
  /** Whether a token's user still exists: a deleted account's tokens stop at once (one consistent read). */
  accounts?: { isOpen(userId: string): Promise<boolean> };
}
import { classifyError, logFailure } from './faults';
import { loggedUser, logUser, requestLogging } from './log';
import { COUNTED_ERRORS, COUNTED_OPERATIONS, count, publishMetrics } from './metrics';

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

type Parsed<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
/** What a route's handler receives, typed by its entry `S` in ROUTES. */
export interface RouteInput<S extends RouteSpec> {
  /** A multipart route gets the raw bytes (its handler parses them: the parser stays out of other bundles). */
  body: S extends { rawBody: true } ? string : S extends { multipart: object } ? Buffer : S extends { body: infer B } ? Parsed<B> : undefined;
  query: S extends { query: infer Q } ? Parsed<Q> : undefined;
  params: S extends { params: infer P } ? Parsed<P> : undefined;
  /** The authenticated user's id; empty string on public routes. */
  userId: string;
  headers: Record<string, string | undefined>;
  now: Date;
}
export type RouteHandler<S extends RouteSpec> = (input: RouteInput<S>) => Promise<Reply>;

function issuesToDetails(error: { issues: { path: PropertyKey[]; message: string }[] }): ErrorDetail[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

function parse(schema: z.ZodMiniType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
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

/** The bytes of an upload, refused by their encoded length first (an oversized upload is never decoded). */
function readBinaryBody(event: Event, maxBytes: number): Buffer {
  const body = event.body ?? '';
  const approx = event.isBase64Encoded ? Math.floor((body.length * 3) / 4) : Buffer.byteLength(body, 'utf8');
  // Room for the multipart envelope around the file.
  if (approx > maxBytes + 64 * 1024) throw new AppError('PAYLOAD_TOO_LARGE', `文件过大：一次最多上传 ${(maxBytes / 1024 / 1024).toFixed(0)} MB，请拆分后分批上传`);
  return event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
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

async function authenticate(event: Event, accounts: EdgeStores['accounts']): Promise<string> {
  const header = event.headers?.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError('UNAUTHENTICATED');
  const userId = await verifyToken(match[1]);
  if (!userId) throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
  if (accounts && !(await accounts.isOpen(userId))) throw new AppError('UNAUTHENTICATED', '账号已注销，请重新登录');
  return userId;
}

/** Turns any thrown error into api.md's error body (lib/faults.ts decides which, and what is logged). */
function errorBody(): middy.MiddlewareObj<Event, Result> {
  return {
    onError: async (request) => {
      const appError = classifyError(request.error);
      logFailure(appError, request.error);
      if (COUNTED_ERRORS[appError.code]) count(COUNTED_ERRORS[appError.code]);
      request.response = {
        statusCode: appError.statusCode,
        headers: { 'content-type': 'application/json; charset=utf-8', ...appError.headers },
        body: JSON.stringify({
          // api.md: `details` is always there (empty when no field is at fault), so clients read one shape.
          error: { code: appError.code, message: appError.message, details: appError.details ?? [] },
        }),
      };
    },
  };
}

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * 429 RATE_LIMITED with Retry-After when the caller's bucket is empty. Runs after validation and auth. The
 * bucket is the operation (`key`), so a PUT alias of a PATCH route shares the PATCH route's bucket.
 */
async function enforceRateLimit(limits: RateLimiter, key: string, spec: RouteSpec, event: Event, userId: string) {
  const kind = spec.rateLimit ?? (spec.auth && WRITES.has(key.split(' ')[0]) ? 'write' : 'none');
  if (kind === 'none') return;
  const c = config();
  const taken =
    kind === 'write'
      ? await limits.take(`write#${key}`, userId, { limit: c.RATE_WRITE_PER_MINUTE, windowSeconds: 60 })
      : await limits.take('login', event.requestContext?.http?.sourceIp ?? 'unknown', { limit: c.RATE_LOGIN_PER_MINUTE, windowSeconds: 60 });
  if (!taken.allowed) {
    throw new AppError('RATE_LIMITED', `操作太频繁，请 ${taken.retryAfterSeconds} 秒后再试`, undefined, { 'retry-after': String(taken.retryAfterSeconds) });
  }
}

/**
 * The server never sends what its own schema rejects: a JSON answer with the route's success status that
 * fails the route's response schema is our fault — thrown (500 INTERNAL, logged with the issues) rather
 * than sent to an app that would fail to parse it and blame its own version.
 */
function conforming(key: string, spec: RouteSpec, reply: Reply): Reply {
  if (reply.raw || reply.status !== spec.status) return reply;
  const checked = spec.response.safeParse(reply.body);
  if (!checked.success) {
    const issues = checked.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${key} answered a body its response schema rejects: ${issues}`);
  }
  return reply;
}

function toResult(reply: Reply): Result {
  const headers = { ...securityHeaders, ...reply.headers };
  if (reply.raw) return { statusCode: reply.status, headers, body: String(reply.body ?? '') };
  return {
    statusCode: reply.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: reply.body === undefined ? '' : JSON.stringify(reply.body),
  };
}

/**
 * Builds the Lambda handler of one operation from its entry in ROUTES: authenticate, validate, rate-limit,
 * run once per Idempotency-Key where the route declares it, call `fn`, answer JSON (or raw text).
 */
export function route<S extends RouteSpec>(key: string, spec: S, handler: RouteHandler<S>, edge: EdgeStores) {
  // Counted where the work is done: inside `once`, so a replayed idempotent answer does not count twice.
  const fn: RouteHandler<S> = async (input) => {
    const reply = await handler(input);
    if (COUNTED_OPERATIONS[key] && reply.status === spec.status) count(COUNTED_OPERATIONS[key]);
    return reply;
  };
  return middy<Event, Result>()
    // First, so its onError runs last: the failure is logged (errorBody) before the keys are reset.
    .use(requestLogging(key))
    // Before errorBody, so its onError (run after errorBody's) publishes what the failure counted.
    .use(publishMetrics(loggedUser))
    .use(httpHeaderNormalizer())
    .use(
      httpCors({
        origins: config().CORS_ORIGIN.split(',').map((o) => o.trim()),
        headers: 'authorization,content-type,idempotency-key',
        methods: 'GET,POST,PATCH,PUT,DELETE,OPTIONS',
        // The H5 app reads Retry-After of a 429/503 to pace its retries.
        exposeHeaders: 'retry-after',
      }),
    )
    .use(errorBody())
    .handler(async (event: Event, context: Context): Promise<Result> => {
      // Who first (an anonymous caller learns nothing about validation), then what.
      const userId = spec.auth ? await authenticate(event, edge.accounts) : '';
      logUser(context, userId);
      const body = spec.multipart ? readBinaryBody(event, spec.multipart.maxBytes) : spec.rawBody ? readText(event) : parse(spec.body, readJsonBody(event) ?? {});
      const query = parse(spec.query, event.queryStringParameters ?? {});
      const params = parse(spec.params, event.pathParameters ?? {});
      const headers = event.headers ?? {};
      const idempotencyKey = spec.idempotent ? idempotencyKeyOf(headers['idempotency-key'], spec.idempotent === 'required') : undefined;
      await enforceRateLimit(edge.limits, key, spec, event, userId);
      const now = new Date();
      const input = { body, query, params, userId, headers, now } as RouteInput<S>;
      if (!idempotencyKey) return toResult(conforming(key, spec, await fn(input)));
      // A stored answer is replayed as it was sent (status, JSON body).
      const reply = await once(edge.idempotency, { userId, key: idempotencyKey, fingerprint: fingerprintOf(key, params, Buffer.isBuffer(body) ? createHash('sha256').update(body).digest('base64url') : body), now }, async () => {
        const result = toResult(conforming(key, spec, await fn(input)));
        return { status: result.statusCode ?? 200, body: String(result.body ?? '') };
      });
      return toResult({ status: reply.status, body: reply.body, raw: true, headers: { 'content-type': 'application/json; charset=utf-8' } });
    });
}
