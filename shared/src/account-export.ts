/** GET /v1/me/export: everything stored about the caller (docs/design.md → "Export and 注销"). */
import * as z from 'zod/mini';
import { IsoDateTime } from './common';
import { CadreRole, Membership } from './me';
import { LedgerEntry } from './points';
import { Order } from './mall';
import type { SignupStatus as SignupStatusValue } from './activities';
import { JoinRequest, TransferRequest } from './membership';
import { OrgApplication } from './org-applications';
import { Message } from './messages';
import { FavoriteKind } from './favorites';

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

/** activities.ts's SignupStatus, spelled here: importing it would carry that module's schemas into the export's bundle. */
const SignupStatus = z.enum(['confirmed', 'waitlisted', 'cancelled'] as const satisfies readonly SignupStatusValue[]);

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
