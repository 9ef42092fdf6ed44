/** The operations served by the `adminMembership` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import * as z from 'zod/mini';
import { AdminRequestQuery, ApproveResult, JoinRequest, JoinRequestPage, RejectInput, RejectResult, RequestParams, RevealInput, RevealResult, TransferRequestPage } from '../membership';
import { UnbindInput, UnbindResult } from '../roster';
import { MemberParams } from '../admin';
import type { RouteSpec } from '../route-spec';

export const adminMembershipRoutes = {
  'GET /v1/admin/join-requests': { fn: 'adminMembership', summary: '入会审核队列（管辖范围内，个人信息脱敏）', auth: true, query: AdminRequestQuery, status: 200, response: JoinRequestPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/join-requests/{id}': { fn: 'adminMembership', summary: '一份入会申请（脱敏）', auth: true, params: RequestParams, status: 200, response: JoinRequest, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/join-requests/{id}/approve': { fn: 'adminMembership', idempotent: true, summary: '批准入会', auth: true, params: RequestParams, status: 200, response: ApproveResult, errors: ['SELF_ACTION', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE', 'ID_NUMBER_IN_USE'] },
  'POST /v1/admin/join-requests/{id}/reject': { fn: 'adminMembership', idempotent: true, summary: '驳回入会申请', auth: true, params: RequestParams, body: RejectInput, status: 200, response: RejectResult, errors: ['SELF_ACTION', 'VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'POST /v1/admin/join-requests/{id}/reveal': { fn: 'adminMembership', idempotent: false, summary: '查看一项完整个人信息（记入审计日志）', auth: true, params: RequestParams, body: RevealInput, status: 200, response: RevealResult, errors: ['SELF_ACTION', 'VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'GET /v1/admin/transfer-requests': { fn: 'adminMembership', summary: '转会审核队列（按转入工会的管辖范围）', auth: true, query: AdminRequestQuery, status: 200, response: TransferRequestPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/transfer-requests/{id}/approve': { fn: 'adminMembership', idempotent: true, summary: '批准转会', auth: true, params: RequestParams, status: 200, response: z.object({ id: z.string(), status: z.literal('approved') }), errors: ['SELF_ACTION', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'POST /v1/admin/transfer-requests/{id}/reject': { fn: 'adminMembership', idempotent: true, summary: '驳回转会', auth: true, params: RequestParams, body: RejectInput, status: 200, response: RejectResult, errors: ['SELF_ACTION', 'VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'POST /v1/admin/members/{userId}/unbind': { fn: 'adminMembership', idempotent: true, summary: '解除会员认证绑定（需填写原因，记入审计日志）', auth: true, params: MemberParams, body: UnbindInput, status: 200, response: UnbindResult, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'SELF_ACTION', 'NOT_FOUND', 'INVALID_STATE'] },
} satisfies Record<string, RouteSpec>;
