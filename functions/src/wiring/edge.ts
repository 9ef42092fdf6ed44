/**
 * Builders the composition roots (the handler modules) share, one module per piece, so each function's
 * bundle carries only the repositories and adapters its use cases ask for.
 */
import type { EdgeStores } from '../lib/http';
import { IdempotencyRecords } from '../repositories/idempotency';
import { RateLimits } from '../repositories/rate-limits';

/** The stores of the HTTP edge every function has: rate-limit windows and idempotent replies. */
export function edgeStores(): EdgeStores {
  return { limits: new RateLimits(), idempotency: new IdempotencyRecords() };
}
