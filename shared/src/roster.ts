/** Roster import (工会会员实名制名册) and 会员认证: schemas of the routes in api.md. */
import * as z from 'zod/mini';
import { IsoDateTime, PageQuery, page, text } from './common';
import { OrgId } from './orgs';
import { IdNumber, Phone, RealName } from './membership';

export const ImportStatus = z.enum(['validated', 'committing', 'committed', 'failed']);
export const ImportError = z.object({ row: z.number(), column: z.string(), message: z.string() });

/** The multipart fields of `POST /v1/admin/imports` besides `file`. */
export const ImportFields = z.object({
  orgId: OrgId,
  kind: z._default(z.literal('members', '目前只支持导入会员名册（kind=members）'), 'members'),
});

export const CommitResult = z.object({
  /**
   * `committed`: done. `committing`: the request's time ran out with `remaining` chunks to go (a big roster on a
   * busy table) — POST commit again to continue; counts so far are included, nothing is done twice.
   */
  status: z.enum(['committed', 'committing']),
  remaining: z.optional(z.number()),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /** Rows left as they are: the record belongs to a union outside the import, or is bound and would change union or number. */
  skipped: z.number(),
});
export type CommitResult = z.infer<typeof CommitResult>;

export const Import = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  kind: z.literal('members'),
  fileName: z.string(),
  status: ImportStatus,
  /** Data rows read (the header not counted, empty rows skipped). */
  rows: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  /** The first 50 problems; all of them: `GET …/errors?format=csv`. */
  errors: z.array(ImportError),
  createdAt: IsoDateTime,
  createdBy: z.string(),
  result: z.optional(CommitResult),
  /** Why rows were skipped at commit (first 50). */
  skippedRows: z.optional(z.array(ImportError)),
});
export type Import = z.infer<typeof Import>;
export const ImportPage = page(Import);

export const ImportId = z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, '编号无效'));
export const ImportParams = z.object({ id: ImportId });
export const ImportListQuery = z.extend(PageQuery, { orgId: z.optional(OrgId) });
export const ImportErrorsQuery = z.object({ format: z._default(z.literal('csv', '仅支持 format=csv'), 'csv') });

/** `POST /v1/member-verifications`. */
export const VerificationInput = z.object({ name: RealName, idNumber: IdNumber, phone: z.optional(Phone) });
export const VerificationResult = z.object({ status: z.literal('bound'), orgId: z.string(), orgName: z.string(), memberNo: z.string() });

/** `POST /v1/admin/members/{userId}/unbind`. */
export const UnbindInput = z.object({ reason: text(2, 200, '请填写解绑原因', '解绑原因不能超过 200 字') });
export const UnbindResult = z.object({ userId: z.string(), status: z.literal('unbound') });
