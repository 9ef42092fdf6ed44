/**
 * The member's rights over their account (个人信息保护法): a copy of everything stored about them, and
 * 注销 (deletion). Rules: docs/design.md → "Export and 注销".
 */
import * as z from 'zod/mini';
import { IsoDateTime } from './common';
import { CadreRole, Membership } from './me';
import { LedgerEntry } from './points';
import { Order } from './mall';
import { SignupStatus } from './activities';
import { JoinRequest, TransferRequest } from './membership';
import { OrgApplication } from './org-applications';
import { Message } from './messages';
import { FavoriteKind } from './favorites';

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

/** The union's roster record the account is bound to, with the personal data in full. */
export const RosterData = z.object({
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.optional(z.string()),
  memberNo: z.optional(z.string()),
  joinedOn: z.optional(z.string()),
});

export const ExportedSignup = z.object({
  activityId: z.string(),
  activityTitle: z.string(),
  status: SignupStatus,
  signedUpAt: IsoDateTime,
  checkedInAt: z.optional(IsoDateTime),
});

export const ExportedFavorite = z.object({ kind: FavoriteKind, id: z.string(), createdAt: IsoDateTime });

/** GET /v1/me/export: everything stored about the caller, their personal data in full. */
export const AccountExport = z.object({
  exportedAt: IsoDateTime,
  profile: z.object({
    id: z.string(),
    nickname: z.string(),
    avatarUrl: z.string(),
    createdAt: IsoDateTime,
    membership: Membership,
    points: z.object({ balance: z.number() }),
    signIn: z.object({ streak: z.number(), lastDay: z.optional(z.string()) }),
  }),
  roles: z.array(CadreRole),
  roster: z.nullable(RosterData),
  ledger: z.array(LedgerEntry),
  orders: z.array(Order),
  signups: z.array(ExportedSignup),
  joinRequests: z.array(JoinRequest),
  transferRequests: z.array(TransferRequest),
  orgApplications: z.array(OrgApplication),
  messages: z.array(Message),
  favorites: z.array(ExportedFavorite),
});
export type AccountExport = z.infer<typeof AccountExport>;
