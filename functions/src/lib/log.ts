/**
 * The one logger of every function (Powertools Logger): JSON lines that carry the Lambda request id, cold
 * start, function name and X-Ray trace id (`injectLambdaContext`), the stage (persistent), and per request
 * the route and a hashed user id (`requestLogging`). Levels and sampling come from the environment
 * (serverless.yml): `POWERTOOLS_LOG_LEVEL` (INFO in the cloud) and `POWERTOOLS_LOGGER_SAMPLE_RATE`, the share
 * of invocations logged at DEBUG.
 *
 * Personal data never goes in: the event is never logged, the user appears only as a hash, and the
 * replacer below blanks anything shaped like a 身份证号, a mobile number or a token that slipped into
 * an error message anyway (tests/api/log-privacy.api.test.ts feeds them through every route and scans).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type middy from '@middy/core';
import { createHash } from 'node:crypto';

/** 18-digit 身份证号 (last may be X), 11-digit mainland mobile, JWT-like tokens (three base64url parts). */
const SHAPES = [/\d{17}[\dXx]/g, /(?<!\d)1[3-9]\d{9}(?!\d)/g, /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g];

/** Defence in depth: a string value that looks like personal data is blanked before it is written. */
export function redact(value: string): string {
  return SHAPES.reduce((text, shape) => text.replace(shape, '[redacted]'), value);
}

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'zhgh',
  persistentKeys: { stage: process.env.STAGE ?? 'unknown' },
  jsonReplacerFn: (_key, value) => (typeof value === 'string' ? redact(value) : value),
});

/** A stable, non-reversible handle on a user for log searches: sha256 of the id, 16 hex characters. */
export function userHash(userId: string): string {
  return createHash('sha256').update(userId).digest('hex').slice(0, 16);
}

/**
 * Per invocation (keyed by its Lambda context, not module state: serverless-offline runs many invocations
 * of one function in one process at once): when it started and who called.
 */
const started = new WeakMap<object, number>();
const callers = new WeakMap<object, string>();

/**
 * Middleware first in every route's stack: Lambda context and sampling per invocation, the route on
 * every line, the keys reset afterwards (a warm function serves other users next). The event is never
 * logged — it holds the token and whatever the caller typed.
 */
export function requestLogging(route: string): middy.MiddlewareObj {
  const context = injectLambdaContext(logger, { resetKeys: true, logEvent: false });
  // One DEBUG line per answer: only in the sampled share of invocations (and every one in tests).
  const answered = (request: middy.Request) => {
    const response = request.response as { statusCode?: number } | undefined;
    logger.debug('answered', { status: response?.statusCode, ms: Date.now() - (started.get(request.context) ?? Date.now()) });
  };
  return {
    before: (request) => {
      started.set(request.context, Date.now());
      context.before!(request as never);
      logger.appendKeys({ route });
    },
    after: (request) => {
      answered(request);
      context.after!(request as never);
    },
    onError: (request) => {
      answered(request);
      context.onError!(request as never);
    },
  };
}

/** Adds the caller's hashed id to every further line of this request. */
export function logUser(context: object, userId: string): void {
  if (!userId) return;
  callers.set(context, userHash(userId));
  logger.appendKeys({ user: callers.get(context) });
}

/** The hashed id of the invocation's caller, if authenticated. */
export const loggedUser = (context: object): string | undefined => callers.get(context);
