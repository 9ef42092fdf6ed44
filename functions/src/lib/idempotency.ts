/**
 * Idempotency as a property of a route (`idempotent` in ROUTES), applied by `route()` to every write that
 * declares it: the first request with an Idempotency-Key claims it; a retry with the same key and the same
 * request gets the first answer and writes nothing; the same key with another request is 409
 * IDEMPOTENCY_KEY_REUSED; a copy that arrives while the first is still running waits briefly for its answer
 * (a double tap gets the same order twice, not an error), then is 503 BUSY (retry shortly).
 *
 * Why not Powertools' makeIdempotent (the well-kept option we measured): it adds 44.7 KB minified to every
 * writing function's bundle (budget 80 KB), and with this table's composite key its DynamoDB layer puts every
 * record under one static partition key (`idempotency#<function>`), a hot partition at province scale. The
 * pattern is the same (conditional put + ALL_OLD, lock while in progress, delete on failure).
 * Exactly-once across a crash *after* the write and *before* the answer is stored needs the key inside the
 * business transaction: redemption does that too (repositories/mall.ts); for the others the lock outlives
 * the function's timeout, so a retry cannot run while the first is still running.
 */
import { createHash } from 'node:crypto';
import { IdempotencyKey } from '@union/shared/common';
import { AppError, validationFailed } from './errors';
import type { Claim, StoredReply } from '../repositories/idempotency';

export interface IdempotencyStore {
  claim(userId: string, key: string, fingerprint: string, now: Date, lockSeconds: number): Promise<Claim>;
  complete(userId: string, key: string, reply: StoredReply): Promise<void>;
  release(userId: string, key: string): Promise<void>;
  read(userId: string, key: string): Promise<Exclude<Claim, { kind: 'claimed' }> | undefined>;
}

/** Longer than any function's timeout (serverless.yml: 29 s at most), so a running first request is never overtaken. */
const LOCK_SECONDS = 60;
/** How long a copy waits for the first request's answer before it is told to retry. */
const WAIT_MS = [50, 100, 200, 400, 800, 1000];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What identifies "the same request": the operation, its path parameters and its body. */
export function fingerprintOf(operation: string, params: unknown, body: unknown): string {
  return createHash('sha256').update(JSON.stringify([operation, params ?? null, body ?? null])).digest('base64url');
}

/** The Idempotency-Key header, validated; undefined when absent and optional. */
export function idempotencyKeyOf(header: string | undefined, required: boolean): string | undefined {
  if (header === undefined || header === '') {
    if (required) throw validationFailed([{ path: 'Idempotency-Key', message: '该操作必须带 Idempotency-Key 请求头' }]);
    return undefined;
  }
  const parsed = IdempotencyKey.safeParse(header);
  if (!parsed.success) throw validationFailed([{ path: 'Idempotency-Key', message: parsed.error.issues[0].message }]);
  return parsed.data;
}

/**
 * Runs `write` at most once per (user, key): returns its answer, or the stored answer of the first run.
 * Only successful answers are stored; a failed request changed nothing, so its retry runs again.
 */
export async function once(
  store: IdempotencyStore,
  r: { userId: string; key: string; fingerprint: string; now: Date },
  write: () => Promise<StoredReply>,
): Promise<StoredReply> {
  const claim = await store.claim(r.userId, r.key, r.fingerprint, r.now, LOCK_SECONDS);
  if (claim.kind !== 'claimed') {
    if (claim.fingerprint !== r.fingerprint) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (claim.kind === 'completed') return claim.reply;
    for (const ms of WAIT_MS) {
      await sleep(ms);
      const now = await store.read(r.userId, r.key);
      if (now?.kind === 'completed') return now.reply;
      // The first request failed and let go: this copy may run (its answer will be the same failure or a success).
      if (!now) return once(store, r, write);
    }
    throw new AppError('BUSY', '该请求正在处理中，请稍后重试', undefined, { 'retry-after': '1' });
  }
  let reply: StoredReply;
  try {
    reply = await write();
  } catch (error) {
    await store.release(r.userId, r.key);
    throw error;
  }
  if (reply.status < 300) await store.complete(r.userId, r.key, reply);
  else await store.release(r.userId, r.key);
  return reply;
}
