/**
 * Points: the balance lives on the user's profile beside `ledgerSeq` (entities/user.ts); entries and
 * sign-ins are items in the user's partition (`LEDGER#<seq>`, `SIGNIN#<day>`).
 */
import type { LedgerEntry } from '@union/shared/points';
import type { UserProfile } from './user';

export type PointsState = Pick<UserProfile, 'id' | 'balance' | 'ledgerSeq' | 'signInStreak' | 'lastSignInDay'> & {
  /** The union the user belongs to, when a member: statistics are counted there. */
  membership?: { orgPath?: string };
};

export interface Posting {
  delta: number;
  reason: string;
  refType: LedgerEntry['refType'];
  refId: string;
  at: Date;
}

export interface SignInRecord {
  day: string;
  points: number;
  streak: number;
  at: Date;
}

