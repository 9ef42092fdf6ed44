import * as z from 'zod';
import { IsoDateTime, PageQuery, page } from './common';
import { OrgId } from './orgs';
import { PHONE_PATTERN, idNumberProblem, normaliseIdNumber } from './id-number';

export const RequestStatus = z.enum(['pending', 'approved', 'rejected']);
export type RequestStatus = z.infer<typeof RequestStatus>;

export const IdNumber = z
  .string()
  .transform(normaliseIdNumber)
  .superRefine((v, ctx) => {
    const problem = idNumberProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const Phone = z.string().trim().regex(PHONE_PATTERN, '请输入 11 位手机号码');

export const RealName = z
  .string()
  .trim()
  .min(2, '请输入真实姓名')
  .max(30, '姓名不能超过 30 个字')
  .regex(/^[\u4e00-\u9fa5·•A-Za-z\s]+$/, '姓名只能包含汉字、字母和间隔号');

/** `POST /v1/join-requests`. */
export const JoinRequestInput = z.object({
  name: RealName,
  idNumber: IdNumber,
  phone: Phone,
  orgId: OrgId,
  employer: z.string().trim().min(2, '请填写工作单位').max(60, '工作单位不能超过 60 个字'),
  /** The applicant agreed, on the apply button's tap, to be told the result by WeChat message. */
  notifyConsent: z.boolean().optional(),
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
  decidedAt: IsoDateTime.optional(),
  reason: z.string().optional(),
  memberNo: z.string().optional(),
  /** Seconds the request has waited (until now, or until the decision). */
  waitingSeconds: z.number().int().optional(),
});
export type JoinRequest = z.infer<typeof JoinRequest>;
export const JoinRequestPage = page(JoinRequest);

export const AdminRequestQuery = PageQuery.extend({ status: RequestStatus.default('pending') });
export const RequestParams = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, '申请编号无效') });

export const ApproveResult = z.object({ id: z.string(), status: z.literal('approved'), memberNo: z.string().optional() });
export const RejectInput = z.object({ reason: z.string().trim().min(2, '请填写驳回理由').max(200, '驳回理由不能超过 200 字') });
export const RejectResult = z.object({ id: z.string(), status: z.literal('rejected') });

export const RevealInput = z.object({ field: z.enum(['name', 'idNumber', 'phone']) });
export const RevealResult = z.object({ field: z.enum(['name', 'idNumber', 'phone']), value: z.string() });

/** `POST /v1/transfer-requests`. */
export const TransferRequestInput = z.object({
  toOrgId: OrgId,
  reason: z.string().trim().min(2, '请填写转会原因').max(200, '转会原因不能超过 200 字'),
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
  memberName: z.string().optional(),
  memberNo: z.string().optional(),
  createdAt: IsoDateTime,
  decidedAt: IsoDateTime.optional(),
  rejectReason: z.string().optional(),
  waitingSeconds: z.number().int().optional(),
});
export type TransferRequest = z.infer<typeof TransferRequest>;
export const TransferRequestCreated = z.object({ id: z.string(), status: z.literal('pending') });
export const TransferRequestPage = page(TransferRequest);
