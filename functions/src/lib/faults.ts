/**
 * What a thrown error means for the caller, and what of it is logged:
 * - our domain errors (`AppError`) answer as themselves;
 * - contention or throttling that outlasted the retries is 503 `BUSY`;
 * - a database that did not answer — connection refused or reset, DNS failure, the SDK's connection or
 *   request timeout, a 5xx from DynamoDB — is 503 `UNAVAILABLE`: safe to retry with the same
 *   Idempotency-Key (a transaction whose answer was lost is resent with its token first, lib/transact.ts);
 * - anything else is a bug of ours: 500 `INTERNAL`, the only answer logged with a stack.
 * Every 503 carries `Retry-After`, which the mini-program's request() honours.
 */
import { AppError } from './errors';
import { logger } from './log';

/** Seconds a client waits before retrying a 503 (BUSY: contention clears fast; UNAVAILABLE: a restart). */
export const RETRY_AFTER_SECONDS = { BUSY: 1, UNAVAILABLE: 2 } as const;

const THROTTLING = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'TransactionConflictException']);

/** Node/undici socket and DNS failures: the other side is gone, unreachable or unknown. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH',
  'ENETDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT',
]);

interface SdkLike {
  name?: string;
  code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

/** The error and its causes (SDK and middleware wrappers keep the original in `cause`). */
export function* chain(error: unknown): Generator<SdkLike> {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as SdkLike).cause, depth++) yield e as SdkLike;
}

/** True when the database (or the network to it) failed, as opposed to our code. */
export function isUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    if (e.name === 'TimeoutError') return true; // @smithy/node-http-handler's connection/request timeouts
    if (e.code && NETWORK_CODES.has(e.code)) return true;
    const status = e.$metadata?.httpStatusCode;
    if ((status !== undefined && status >= 500) || e.$fault === 'server') return true;
  }
  return false;
}

const isThrottled = (error: unknown) => [...chain(error)].some((e) => e.name !== undefined && THROTTLING.has(e.name));

/** The error to answer with, always an AppError; every 503 gets a Retry-After header. */
export function classifyError(error: unknown): AppError {
  const known =
    error instanceof AppError ? error : isThrottled(error) ? new AppError('BUSY') : isUnavailable(error) ? new AppError('UNAVAILABLE') : new AppError('INTERNAL');
  if (known.statusCode !== 503 || known.headers?.['retry-after']) return known;
  const seconds = known.code === 'UNAVAILABLE' ? RETRY_AFTER_SECONDS.UNAVAILABLE : RETRY_AFTER_SECONDS.BUSY;
  return new AppError(known.code, known.message, known.details, { ...known.headers, 'retry-after': String(seconds) });
}

/**
 * Logs what an operator must see: a 500 with the stack (a bug to fix), a 503 as one warning line
 * naming the cause (an outage or contention to watch, not a bug). 4xx answers are the caller's and
 * are not logged. The route, request id and hashed user are on the line already (lib/log.ts).
 */
export function logFailure(answer: AppError, error: unknown): void {
  if (answer.statusCode < 500) return;
  if (answer.statusCode === 503) {
    const cause = [...chain(error)].at(-1);
    const why = error instanceof AppError ? undefined : { name: cause?.name, code: cause?.code, message: (cause as Error | undefined)?.message };
    logger.warn(answer.code, { code: answer.code, ...(why ? { cause: why } : {}) });
    return;
  }
  logger.error(answer.code, { code: answer.code, error: error instanceof Error ? error : String(error) });
}
