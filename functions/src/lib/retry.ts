/**
 * The one retry budget. A write that loses a race — DynamoDB answers `TransactionConflict` or throttles,
 * or the balance moved between the read and the guarded write — is tried again, at most
 * `RETRY.attempts` times in all for the whole operation, with full-jitter backoff between tries; then
 * 503 BUSY, nothing written. Budgets never stack: a `retrying` inside another (a use case's
 * read-decide-write loop around a repository's transaction) shares the outer one's attempts, and
 * transactions go to DynamoDB with the SDK's own retries off. Single-item calls keep the SDK's retries
 * (`DYNAMODB_MAX_ATTEMPTS` in serverless.yml, lib/dynamo.ts), the only other place anything is retried.
 *
 * A lost race on one member's ledger (the ledgerSeq guard of a posting, `lostLedgerRace()` from
 * lib/transact.ts) is spent from `RETRY.ledger` instead: postings on one member are serialised by the
 * database, so a burst on one member (a cadre's batch of adjustments; a member's sign-in, reading credit
 * and redemption at once) only clears if each loser keeps reading again for as long as the burst lasts.
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
  /**
   * Races lost on one member's ledger: read again and retry while under `withinMs` since the operation
   * began (and at most `attempts` such losses), full jitter in [0, min(maxDelayMs, baseDelayMs · 2ᵏ))
   * after the k-th. 4 s is far below the function's 29 s timeout: the worst case is 4 s plus one last
   * attempt, whose DynamoDB calls are bounded at < 10 s (docs/design.md, Timeouts) → < 15 s. One posting
   * takes tens of milliseconds, so 4 s clears a burst of dozens on one member; past it, 503 BUSY.
   */
  ledger: { attempts: 60, withinMs: 6000, baseDelayMs: 50, maxDelayMs: 800 },
} as const;

/** Returned by an attempt that lost a race and should be tried again. */
export const AGAIN: unique symbol = Symbol('again');

/** Thrown by an inner attempt that lost a race, so the outer `retrying` spends one of its attempts. */
class Again extends Error {
  constructor() {
    super('lost a race; try again');
  }
}

/** The running operation: whether its current attempt lost on a member's ledger. */
interface Operation {
  ledgerRace: boolean;
}

const scope = new AsyncLocalStorage<Operation>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jitter = (n: number, base: number, max: number) => Math.random() * Math.min(max, base * 2 ** n);

/**
 * Marks the current attempt as lost on a member's ledger (its ledgerSeq guard failed or conflicted), so
 * the loss is spent from `RETRY.ledger`. Outside `retrying` it does nothing.
 */
export function lostLedgerRace(): void {
  const operation = scope.getStore();
  if (operation) operation.ledgerRace = true;
}

/**
 * Runs `attempt` until it answers something other than `AGAIN`, within the one budget; BUSY after.
 * Nested inside another `retrying`, it runs once and hands a lost race to the outer loop. `attempts`
 * bounds the losses of other causes; ledger races are bounded by `RETRY.ledger`.
 */
export async function retrying<T>(attempt: (n: number) => Promise<T | typeof AGAIN>, attempts: number = RETRY.attempts): Promise<T> {
  const outer = scope.getStore();
  if (outer) {
    const result = await attempt(0);
    if (result === AGAIN) throw new Again();
    return result;
  }
  const operation: Operation = { ledgerRace: false };
  return scope.run(operation, async () => {
    const started = Date.now();
    let losses = 0;
    let ledgerLosses = 0;
    for (let n = 0; ; n++) {
      operation.ledgerRace = false;
      try {
        const result = await attempt(n);
        if (result !== AGAIN) return result;
      } catch (error) {
        if (!(error instanceof Again)) throw error;
      }
      let wait: number;
      if (operation.ledgerRace) {
        const { attempts: most, withinMs, baseDelayMs, maxDelayMs } = RETRY.ledger;
        wait = jitter(ledgerLosses++, baseDelayMs, maxDelayMs);
        if (ledgerLosses >= most || Date.now() - started + wait >= withinMs) break;
      } else {
        wait = jitter(++losses, RETRY.baseDelayMs, RETRY.maxDelayMs);
        if (losses >= attempts) break;
      }
      await sleep(wait);
    }
    throw new AppError('BUSY');
  });
}
