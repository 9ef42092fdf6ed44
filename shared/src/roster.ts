/**
 * Roster import (工会会员实名制 名册) and 会员认证: the shapes of api.md "Roster import and 会员认证".
 */
import * as z from 'zod/mini';
import { IsoDateTime, page, text } from './common';
import { IdNumber, Phone, RealName } from './membership';

/** One rejected row: the spreadsheet's row number (the header is row 1), the column's header, why. */
export const ImportRowError = z.object({ row: z.number(), column: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportStatus = z.enum(['validated', 'committing', 'committed', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatus>;

/** An uploaded roster: validated at upload, written to members only on commit. */
export const Import = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.optional(z.string()),
  kind: z.optional(z.string()),
  status: ImportStatus,
  fileName: z.optional(z.string()),
  rows: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  /** The first 50 rejected rows; all of them are in `GET …/errors?format=csv`. */
  errors: z.array(ImportRowError),
  createdAt: z.optional(IsoDateTime),
  /** Present once committed. */
  created: z.optional(z.number()),
  updated: z.optional(z.number()),
  unchanged: z.optional(z.number()),
});
export type Import = z.infer<typeof Import>;

export const ImportPage = page(Import);

export const ImportCommitResult = z.object({
  status: z.literal('committed'),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
export type ImportCommitResult = z.infer<typeof ImportCommitResult>;

/** `POST /v1/member-verifications`: the same name, 身份证号 and phone rules as a join request. */
export const MemberVerificationInput = z.object({
  name: RealName,
  idNumber: IdNumber,
  /** Asked for only when the roster holds one for the record (see the 会员认证 page). */
  phone: z.optional(Phone),
});
export type MemberVerificationInput = z.infer<typeof MemberVerificationInput>;

export const MemberVerificationResult = z.object({ status: z.literal('bound'), orgId: z.string(), memberNo: z.string() });
export type MemberVerificationResult = z.infer<typeof MemberVerificationResult>;

/** `POST /v1/admin/members/{userId}/unbind`. */
export const UnbindInput = z.object({ reason: text(2, 200, '请填写解绑原因（至少 2 个字）', '原因不能超过 200 个字') });
export type UnbindInput = z.infer<typeof UnbindInput>;
/** The unbind answer: only its status matters to the app (api.md gives no body). */
export const UnbindResult = z.unknown();
