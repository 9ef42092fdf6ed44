import * as z from 'zod/mini';
import { IsoDateTime, PageQuery, page, text } from './common';
import { OrgId } from './orgs';
import { PHONE_PATTERN, idNumberProblem, normaliseIdNumber } from './id-number';

export const RequestStatus = z.enum(['pending', 'approved', 'rejected']);
export type RequestStatus = z.infer<typeof RequestStatus>;

export const IdNumber = z.pipe(
  z.string(),
  z.transform(normaliseIdNumber),
).check(
  z.superRefine((v: string, ctx) => {
    const problem = idNumberProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: v });
  }),
);

export const Phone = z.string().check(z.trim(), z.regex(PHONE_PATTERN, '请输入 11 位手机号码'));

export const RealName = text(2, 30, '请输入真实姓名', '姓名不能超过 30 个字').check(
  z.regex(/^[\u4e00-\u9fa5·•A-Za-z\s]+$/, '姓名只能包含汉字、字母和间隔号'),
);

/** `POST /v1/join-requests`. */
export const JoinRequestInput = z.object({
  name: RealName,
  idNumber: IdNumber,
  phone: Phone,
  orgId: OrgId,
  employer: text(2, 60, '请填写工作单位', '工作单位不能超过 60 个字'),
  /** The applicant agreed, on the apply button's tap, to be told the result by WeChat message. */
  notifyConsent: z.optional(z.boolean()),
});
export type JoinRequestInput = z.infer<typeof JoinRequestInput>;

export const JoinRequestCreated = z.object({ id: z.string(), status: z.literal('pending'), userId: z.string() });

/** A join request as its owner sees it (full data) or a cadre sees it (masked). */
export const JoinRequest = z.object({
  id: z.string(),
  userId: z.string(),
  status: RequestStatus,
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  employer: z.string(),
  createdAt: IsoDateTime,
  decidedAt: z.optional(IsoDateTime),
  reason: z.optional(z.string()),
  memberNo: z.optional(z.string()),
  /** Seconds the request has waited (until now, or until the decision). */
  waitingSeconds: z.optional(z.number()),
});
export type JoinRequest = z.infer<typeof JoinRequest>;
export const JoinRequestPage = page(JoinRequest);

export const RequestId = z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, '编号无效'));
export const AdminRequestQuery = z.extend(PageQuery, {
  status: z._default(RequestStatus, 'pending'),
  /** A union in my scope whose subtree to list (default: the union of my first cadre role). */
  orgId: z.optional(OrgId),
});
export const RequestParams = z.object({ id: RequestId });

export const ApproveResult = z.object({ id: z.string(), status: z.literal('approved'), memberNo: z.optional(z.string()) });
export const RejectInput = z.object({ reason: text(2, 200, '请填写驳回理由', '驳回理由不能超过 200 字') });
export const RejectResult = z.object({ id: z.string(), status: z.literal('rejected') });

export const PiiField = z.enum(['name', 'idNumber', 'phone']);
export const RevealInput = z.object({ field: PiiField });
export const RevealResult = z.object({ field: PiiField, value: z.string() });

/** `POST /v1/transfer-requests`. */
export const TransferRequestInput = z.object({
  toOrgId: OrgId,
  reason: text(2, 200, '请填写转会原因', '转会原因不能超过 200 字'),
});
export const TransferRequest = z.object({
  id: z.string(),
  userId: z.string(),
  status: RequestStatus,
  fromOrgId: z.string(),
  fromOrgName: z.string(),
  toOrgId: z.string(),
  toOrgName: z.string(),
  reason: z.string(),
  memberName: z.optional(z.string()),
  memberNo: z.optional(z.string()),
  createdAt: IsoDateTime,
  decidedAt: z.optional(IsoDateTime),
  rejectReason: z.optional(z.string()),
  waitingSeconds: z.optional(z.number()),
});
export type TransferRequest = z.infer<typeof TransferRequest>;
export const TransferRequestCreated = z.object({ id: z.string(), status: z.literal('pending') });
export const TransferRequestPage = page(TransferRequest);
