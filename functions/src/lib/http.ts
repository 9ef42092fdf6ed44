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
  /**
   * Take the body as bytes (a file upload), up to `maxBytes` decoded — its own limit, not the 64 KB of
   * JSON bodies. Lambda's payload is 6 MB and binary arrives base64-encoded (×4/3): keep this ≤ 4.4 MB.
   */
  binaryBody?: { maxBytes: number };
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

function readBinaryBody(event: Event, maxBytes: number): Buffer {
  const body = event.body ?? '';
  // Refuse by the encoded length first: an oversized upload is never decoded.
  const approx = event.isBase64Encoded ? Math.floor((body.length * 3) / 4) : Buffer.byteLength(body, 'utf8');
  if (approx > maxBytes + 2) throw new AppError('PAYLOAD_TOO_LARGE', `文件过大：一次最多上传 ${(maxBytes / 1024 / 1024).toFixed(0)} MB，请拆分后分批上传`);
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

async function authenticate(event: Event): Promise<string> {
  const header = event.headers?.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError('UNAUTHENTICATED');
  const userId = await verifyToken(match[1]);
  if (!userId) throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
  return userId;
}

/** Turns any thrown error into api.md's error body; logs only what is a fault of ours (≥ 500). */
function errorBody(): middy.MiddlewareObj<Event, Result> {
  return {
    onError: async (request) => {
      const error = request.error;
      // Throttling that outlasted the SDK's own retries is contention, not a fault: 503 BUSY.
      const throttled = error instanceof Error && THROTTLING.has(error.name);
      const known = error instanceof AppError ? error : throttled ? new AppError('BUSY') : undefined;
      const appError = known ?? new AppError('INTERNAL');
      if (appError.code === 'BUSY') {
        // Contention outlasted the retries: expected under load, safe for the client to retry.
        console.error(JSON.stringify({ level: 'warn', route: request.event.routeKey, code: 'BUSY' }));
      } else if (appError.statusCode >= 500) {
        console.error(
          JSON.stringify({
            level: 'error',
            route: request.event.routeKey,
            code: appError.code,
            error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
          }),
        );
      }
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

const THROTTLING = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'TransactionConflictException']);

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
      }),
    )
    .use(errorBody())
    .handler(async (event: Event, _context: Context): Promise<Result> => {
      // Who first (an anonymous caller learns nothing about validation), then what.
      const userId = spec.auth ? await authenticate(event) : '';
      const body = spec.binaryBody
        ? (readBinaryBody(event, spec.binaryBody.maxBytes) as B)
        : spec.rawBody
          ? (readText(event) as B)
          : parse(spec.body, readJsonBody(event) ?? {});
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
