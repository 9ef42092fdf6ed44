/**
 * 建会: an enterprise asks to found a basic-level union under a county or industry union. The
 * parent's cadres approve (the union is created and the applicant becomes its first cadre) or reject.
 */
import * as z from 'zod/mini';
import { IsoDateTime, page, text } from './common';
import { CreditCode, OrgId, OrgName, type OrgLevel } from './orgs';
import { Phone, RealName, RequestStatus } from './membership';

/** The levels a 建会 application may name as the new union's parent. */
export const FOUNDING_PARENT_LEVELS: OrgLevel[] = ['county', 'industry'];

/** `POST /v1/org-applications`. */
export const OrgApplicationInput = z.object({
  /** The new union's name, e.g. 西安某某科技有限公司工会. */
  name: OrgName,
  parentId: OrgId,
  employer: text(2, 60, '请填写单位名称', '单位名称不能超过 60 个字'),
  creditCode: CreditCode,
  contactName: RealName,
  contactPhone: Phone,
  workforce: z.number().check(
    z.refine((n) => Number.isInteger(n), '职工人数应为整数'),
    z.gte(1, '职工人数至少为 1'),
    z.lte(1_000_000, '职工人数不能超过 100 万'),
  ),
  /** The applicant agreed to be told the result by WeChat message. */
  notifyConsent: z.optional(z.boolean()),
});
export type OrgApplicationInput = z.infer<typeof OrgApplicationInput>;

export const OrgApplicationCreated = z.object({ id: z.string(), status: z.literal('pending') });

/** An application as its applicant sees it (contact in full) or a cadre sees it (contact masked). */
export const OrgApplication = z.object({
  id: z.string(),
  userId: z.string(),
  status: RequestStatus,
  name: z.string(),
  parentId: z.string(),
  parentName: z.string(),
  employer: z.string(),
  creditCode: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  workforce: z.number(),
  createdAt: IsoDateTime,
  decidedAt: z.optional(IsoDateTime),
  reason: z.optional(z.string()),
  /** The union founded, once approved. */
  orgId: z.optional(z.string()),
});
export type OrgApplication = z.infer<typeof OrgApplication>;
export const OrgApplicationPage = page(OrgApplication);

/** `POST /v1/admin/org-applications/{id}/approve|reject`. */
export const OrgApplicationDecision = z.object({ id: z.string(), status: RequestStatus, orgId: z.optional(z.string()) });
export type OrgApplicationDecision = z.infer<typeof OrgApplicationDecision>;
