/**
 * Points lots: what is left of the points that expire on one China day, in the user's partition.
 *
 *   USER#<id>   LOT#<expiresOn>     remaining, earned, expired      (GSI1: EXPIRES#<day>#<shard> / <userId>)
 *
 * Every grant adds to the lot of its expiry day (all points earned in one period expire together, so a
 * user has a handful of lots, not one per grant); every spend takes from the oldest lots; a refund goes
 * back to the lots the spend took from. Each of these is an item of the ledger posting's own transaction
 * (repositories/points.ts), so balance = Σ ledger = Σ unexpired lots is kept by the same ledgerSeq guard.
 * While a lot holds points it sits in GSI1 under its expiry day and one of EXPIRY_SHARDS shards: the
 * expiry job reads due lots from there (never a scan), and expiring a lot takes it out of the index.
 */
import { createHash } from 'node:crypto';
import { userItemKey } from './user';

export const LOT_PREFIX = 'LOT#';
export const lotSk = (expiresOn: string) => `${LOT_PREFIX}${expiresOn}`;
export const lotKey = (userId: string, expiresOn: string) => userItemKey(userId, lotSk(expiresOn));

/**
 * Shards of one expiry day in GSI1. Fixed for the life of the table (a lot's shard is written when it is
 * created); 64 keeps every partition of the year-end day under DynamoDB's 1,000 writes/s per GSI key
 * while the job drains them in parallel (docs/scale.md).
 */
export const EXPIRY_SHARDS = 64;
export const expiryShard = (userId: string) => createHash('sha1').update(userId).digest().readUInt16BE(0) % EXPIRY_SHARDS;
export const expiringPk = (day: string, shard: number) => `EXPIRES#${day}#${String(shard).padStart(2, '0')}`;

/** What is left of one lot. */
export interface Lot {
  expiresOn: string;
  remaining: number;
}

/** Points moved into (+) or out of (−) the lot that expires on `on`, as one posting did. */
export type LotMoves = Record<string, number>;

/**
 * When points expire (configuration): earned in period P (a China year or month), they expire at the end
 * of the last day of period P + `after`. Default: earned in year N, gone after 23:59:59 on 12-31 of N+1.
 */
export interface ExpiryRule {
  unit: 'year' | 'month';
  after: number;
}

/** The most lots one user can hold at once under `rule`: the periods a grant can still be unexpired in. */
export const maxOpenLots = (rule: ExpiryRule) => rule.after + 1;

/** The last China day on which points earned on China day `earnedOn` still count. */
export function expiryDay(earnedOn: string, rule: ExpiryRule): string {
  const [y, m] = earnedOn.split('-').map(Number);
  if (rule.unit === 'year') return `${y + rule.after}-12-31`;
  // Day 0 of the month after the target month is the target month's last day.
  const last = new Date(Date.UTC(y, m - 1 + rule.after + 1, 0));
  return last.toISOString().slice(0, 10);
}
