/**
 * Builders the composition roots (the handler modules) share, one module per piece, so each function's
 * bundle carries only the repositories and adapters its use cases ask for.
 */
import type { EdgeStores } from '../lib/http';
import { IdempotencyRecords } from '../repositories/idempotency';
import { RateLimits } from '../repositories/rate-limits';
import { AccountStatus } from '../repositories/account-status';

/** The stores of the HTTP edge every function has: rate-limit windows, idempotent replies, live accounts. */
export function edgeStores(): EdgeStores {
  return { limits: new RateLimits(), idempotency: new IdempotencyRecords(), accounts: new AccountStatus() };
}
