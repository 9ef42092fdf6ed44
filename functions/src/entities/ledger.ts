/**
 * Points: the balance lives on the user's profile beside `ledgerSeq` (entities/user.ts); entries and
 * sign-ins are items in the user's partition (`LEDGER#<seq>`, `SIGNIN#<day>`).
 */
import type { LedgerEntry } from '@union/shared/points';
import type { UserProfile } from './user';
import type { Lot, LotMoves } from './lot';

export type PointsState = Pick<UserProfile, 'id' | 'balance' | 'ledgerSeq' | 'signInStreak' | 'lastSignInDay'> & {
  /** The union the user belongs to, when a member: statistics are counted there. */
  membership?: { orgPath?: string };
  /** The lots that still hold points, oldest first — read only for postings that take points. */
  lots?: Lot[];
};

export interface Posting {
  delta: number;
  reason: string;
  refType: LedgerEntry['refType'];
  refId: string;
  at: Date;
  /** A refund: the lots its spend took from (as that spend recorded them) — the points go back there. */
  returns?: LotMoves;
  /** Expiry: the lot that expires on this day gives up all it holds and is closed. */
  expires?: string;
}

export interface SignInRecord {
  day: string;
  points: number;
  streak: number;
  at: Date;
}

