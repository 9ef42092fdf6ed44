/**
 * One operation of API v1, as ROUTES (shared/src/routes.ts) lists it. Kept apart from the route tables so a
 * function's bundle carries only its own operations' schemas.
 */
import type * as z from 'zod/mini';
import type { ErrorCode } from './errors';

/**
 * One operation of API v1. The key of `ROUTES` is API Gateway's route key (`POST /v1/redemptions`); the
 * server's `route()`, its rate limits and idempotency, `serverless.yml`'s events, the OpenAPI document and
 * the mini-program's typed client all read this one entry.
 */
export interface RouteSpec {
  /** The function of serverless.yml that serves it (checked by tests/unit/contract.test.ts). */
  fn: string;
  summary: string;
  auth: boolean;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  params?: z.ZodMiniType;
  status: number;
  response: z.ZodMiniType;
  /** Every error code the operation can answer besides the ones every route can (see COMMON_ERRORS). */
  errors: ErrorCode[];
  /**
   * A write that honours `Idempotency-Key`: the same key and request answer the first result and write
   * nothing twice; the same key with another request is 409 IDEMPOTENCY_KEY_REUSED. `'required'`: the
   * header must be sent. Every POST that writes declares it (a test checks).
   */
  idempotent?: boolean | 'required';
  /** `write` (per user and operation; default for authenticated writes), `login` (per address) or `none`. */
  rateLimit?: 'write' | 'login' | 'none';
  /**
   * The body is multipart/form-data carrying a file (a roster upload), taken as bytes up to `maxBytes` —
   * its own limit instead of the 64 KB of JSON bodies (Lambda's 6 MB payload carries it base64-encoded).
   */
  multipart?: { maxBytes: number };
  /** The body is text (WeChat's XML pushes), not JSON. */
  rawBody?: boolean;
  /** The answer's media type when it is not JSON (e.g. CSV, the echoed text of the official account). */
  produces?: 'text/plain' | 'text/csv';
}
