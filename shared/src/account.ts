/**
 * The member's rights over their account (个人信息保护法): a copy of everything stored about them, and
 * 注销 (deletion); the export's schema is in account-export.ts (its own function). Rules: docs/design.md →
 * "Export and 注销".
 */
import * as z from 'zod/mini';
import { IsoDateTime } from './common';

/** The word typed on the confirmation page; anything else is refused (nothing is deleted by accident). */
export const DELETION_WORD = '注销';

export const DeletionInput = z.object({
  confirm: z.string().check(z.refine((v) => v === DELETION_WORD, `请输入“${DELETION_WORD}”两个字确认`)),
});
export type DeletionInput = z.infer<typeof DeletionInput>;

export const AccountDeleted = z.object({
  status: z.literal('deleted'),
  deletedAt: IsoDateTime,
  /** Orders cancelled with their points refunded (before the points were forfeited). */
  ordersCancelled: z.number(),
  signupsCancelled: z.number(),
  /** Requests withdrawn: pending join, transfer and 建会 applications. */
  requestsWithdrawn: z.number(),
  /** Points left on the account when it closed: they lapse with it (a ledger entry in the union's books). */
  pointsForfeited: z.number(),
});
export type AccountDeleted = z.infer<typeof AccountDeleted>;
