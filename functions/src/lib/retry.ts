/**
 * The one retry budget. A write that loses a race — DynamoDB answers `TransactionConflict` or throttles,
 * or the balance moved between the read and the guarded write — is tried again, at most
 * `RETRY.attempts` times in all for the whole operation, with full-jitter backoff between tries; then
 * 503 BUSY, nothing written. Budgets never stack: a `retrying` inside another (a use case's
 * read-decide-write loop around a repository's transaction) shares the outer one's attempts, and
 * transactions go to DynamoDB with the SDK's own retries off. Single-item calls keep the SDK's retries
 * (`DYNAMODB_MAX_ATTEMPTS` in serverless.yml, lib/dynamo.ts), the only other place anything is retried.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from './errors';

export const RETRY = {
  /** Attempts of one operation (read, decide, transact), all causes together. */
  attempts: 5,
  /**
   * Attempts of an operation on one activity's places and waiting list: joins are serialised by
   * condition (each ticket is the list's next number), so under a rush most attempts lose by design.
   */
  serialisedAttempts: 60,
  /** Full jitter: before attempt n+1 wait a random time in [0, min(maxDelayMs, baseDelayMs · 2ⁿ)). */
  baseDelayMs: 25,
  maxDelayMs: 100,
} as const;

/** Returned by an attempt that lost a race and should be tried again. */
export const AGAIN: unique symbol = Symbol('again');

/** Thrown by an inner attempt that lost a race, so the outer `retrying` spends one of its attempts. */
class Again extends Error {
  constructor() {
    super('lost a race; try again');
  }
}

const scope = new AsyncLocalStorage<true>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it answers something other than `AGAIN`, within the one budget; BUSY after.
 * Nested inside another `retrying`, it runs once and hands a lost race to the outer loop.
 */
export async function retrying<T>(attempt: (n: number) => Promise<T | typeof AGAIN>, attempts: number = RETRY.attempts): Promise<T> {
  if (scope.getStore()) {
    const result = await attempt(0);
    if (result === AGAIN) throw new Again();
    return result;
  }
  return scope.run(true, async () => {
    for (let n = 0; n < attempts; n++) {
      if (n > 0) await sleep(Math.random() * Math.min(RETRY.maxDelayMs, RETRY.baseDelayMs * 2 ** n));
      try {
        const result = await attempt(n);
        if (result !== AGAIN) return result;
      } catch (error) {
        if (!(error instanceof Again)) throw error;
      }
    }
    throw new AppError('BUSY');
  });
}
