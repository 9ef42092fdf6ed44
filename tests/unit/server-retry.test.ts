/**
 * The server's one retry budget (functions/src/lib/retry.ts): a lost race is tried again within
 * RETRY.attempts; a race lost on a member's ledger (lostLedgerRace) within RETRY.ledger's time budget
 * instead; nested loops share the outer one's budget. Fake timers: the backoff is waited, not slept.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AGAIN, RETRY, lostLedgerRace, retrying } from '../../functions/src/lib/retry';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Runs `retrying` to its end under fake timers; resolves with its answer or its error. */
async function settle<T>(run: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const out = run.then((value) => ({ value }), (error: unknown) => ({ error }));
  await vi.runAllTimersAsync();
  return out;
}

describe('retrying', () => {
  it('other races: RETRY.attempts tries in all, then BUSY', async () => {
    let tries = 0;
    const { error } = await settle(retrying(async () => (tries++, AGAIN)));
    expect(error).toMatchObject({ code: 'BUSY' });
    expect(tries).toBe(RETRY.attempts);
  });

  it('ledger races: tried again past RETRY.attempts until RETRY.ledger.withinMs has passed, then BUSY', async () => {
    const started = Date.now();
    const starts: number[] = [];
    const { error } = await settle(retrying(async () => {
      starts.push(Date.now() - started);
      lostLedgerRace();
      return AGAIN;
    }));
    expect(error).toMatchObject({ code: 'BUSY' });
    expect(starts.length).toBeGreaterThan(RETRY.attempts);
    expect(starts.length).toBeLessThanOrEqual(RETRY.ledger.attempts);
    // No attempt starts after the budget; each wait is under its jittered ceiling.
    expect(Math.max(...starts)).toBeLessThan(RETRY.ledger.withinMs);
    starts.slice(1).forEach((at, k) => expect(at - starts[k]).toBeLessThanOrEqual(Math.min(RETRY.ledger.maxDelayMs, RETRY.ledger.baseDelayMs * 2 ** k)));
  });

  it('a ledger race that clears answers once; the losses of each cause count against their own budget', async () => {
    let tries = 0;
    const { value } = await settle(retrying(async () => {
      tries++;
      if (tries <= 10) lostLedgerRace(); // ten ledger races…
      if (tries <= 10 || tries === 11) return AGAIN; // …then one other loss, then success
      return 'done';
    }));
    expect(value).toBe('done');
    expect(tries).toBe(12);
  });

  it('nested: the inner loop runs once and hands its loss (and its cause) to the outer one', async () => {
    let inner = 0;
    const { error } = await settle(retrying(() => retrying(async () => {
      inner++;
      lostLedgerRace();
      return AGAIN;
    })));
    expect(error).toMatchObject({ code: 'BUSY' });
    expect(inner).toBeGreaterThan(RETRY.attempts);
  });

  it('outside retrying, lostLedgerRace does nothing', () => {
    expect(() => lostLedgerRace()).not.toThrow();
  });
});
