/**
 * The mini-program's retry policy: which failed answers it sends again by itself, and how long it
 * waits. Only what is safe to repeat is retried — reads, and writes that carry an Idempotency-Key (the
 * server does those once, whatever the number of tries) — and only when the server said "not now":
 * 503 (BUSY, UNAVAILABLE) and 429. The waits grow exponentially with full jitter, so a crowd of phones
 * does not come back in step, and are never shorter than the server's Retry-After.
 */

export const RETRY_POLICY = {
  /** Tries in all, the first included. */
  maxAttempts: 4,
  /** Ceiling of the first wait; doubles each time up to maxDelayMs. */
  baseDelayMs: 500,
  maxDelayMs: 4000,
  /** A Retry-After longer than this is not waited out: the person is told at once instead. */
  maxRetryAfterMs: 10_000,
}

export type RetryPolicy = typeof RETRY_POLICY

/** True when an answer with this status may be asked for again. */
export function isRetryable(method: string, hasIdempotencyKey: boolean, status: number): boolean {
  const safe = method === 'GET' || (method === 'POST' && hasIdempotencyKey)
  return safe && (status === 503 || status === 429)
}

/** Retry-After (seconds or an HTTP date) in milliseconds; 0 when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number {
  if (!value) return 0
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(value)
  return Number.isNaN(at) ? 0 : Math.max(0, at - now)
}

/**
 * How long to wait after failed try number `attempt` (1-based) before the next one, or `undefined` to
 * stop: the tries are used up, or the server asked for a longer pause than a person should watch.
 */
export function retryDelay(attempt: number, retryAfter: string | undefined, random: () => number = Math.random, policy: RetryPolicy = RETRY_POLICY): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined
  const floor = retryAfterMs(retryAfter)
  if (floor > policy.maxRetryAfterMs) return undefined
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return floor + Math.round(random() * ceiling)
}

/** Reads a response header whatever its case (H5 lower-cases names; weapp keeps the server's). */
export function headerOf(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name.toLowerCase())
  const value = key === undefined ? undefined : headers![key]
  return value === undefined || value === null ? undefined : String(value)
}

interface Answer {
  statusCode: number
  header?: Record<string, unknown>
}

/**
 * Sends (via `send`, which must reuse the same Idempotency-Key every time) until the answer is not a
 * retryable one or the policy says stop. `onRetry` runs before each wait (show "正在重试…"), `onDone`
 * once at the end when there was at least one retry. Resolves with the last answer and the tries made.
 */
export async function sendWithRetry<R extends Answer>(
  send: () => Promise<R>,
  opts: {
    method: string
    hasIdempotencyKey: boolean
    onRetry?: (attempt: number) => void
    onDone?: () => void
    sleep?: (ms: number) => Promise<void>
    random?: () => number
    policy?: RetryPolicy
  },
): Promise<{ response: R; attempts: number }> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  let attempt = 1
  try {
    for (;;) {
      const response = await send()
      if (!isRetryable(opts.method, opts.hasIdempotencyKey, response.statusCode)) return { response, attempts: attempt }
      const delay = retryDelay(attempt, headerOf(response.header, 'retry-after'), opts.random, opts.policy)
      if (delay === undefined) return { response, attempts: attempt }
      opts.onRetry?.(attempt)
      await sleep(delay)
      attempt++
    }
  } finally {
    if (attempt > 1) opts.onDone?.()
  }
}
