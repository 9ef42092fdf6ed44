/** The operations served by the `membership` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { PageQuery } from '../common';
import { JoinRequestCreated, JoinRequestInput, JoinRequestPage, TransferRequestCreated, TransferRequestInput, TransferRequestPage } from '../membership';
import { VerificationInput, VerificationResult } from '../roster';
import type { RouteSpec } from '../route-spec';

export const membershipRoutes = {
  'POST /v1/join-requests': { fn: 'membership', idempotent: true, summary: '入会申请', auth: true, body: JoinRequestInput, status: 201, response: JoinRequestCreated, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND', 'REQUEST_PENDING', 'ALREADY_MEMBER', 'ID_NUMBER_IN_USE', 'IN_ROSTER'] },
  'GET /v1/me/join-requests': { fn: 'membership', summary: '我的入会申请（本人可见完整信息）', auth: true, query: PageQuery, status: 200, response: JoinRequestPage, errors: ['UNAUTHENTICATED'] },
  'POST /v1/transfer-requests': { fn: 'membership', idempotent: true, summary: '转会申请', auth: true, body: TransferRequestInput, status: 201, response: TransferRequestCreated, errors: ['VALIDATION_FAILED', 'NOT_A_MEMBER', 'NOT_FOUND', 'REQUEST_PENDING'] },
  'GET /v1/me/transfer-requests': { fn: 'membership', summary: '我的转会申请', auth: true, query: PageQuery, status: 200, response: TransferRequestPage, errors: ['UNAUTHENTICATED'] },
  'POST /v1/member-verifications': { fn: 'membership', idempotent: true, summary: '会员认证：姓名 + 身份证号（名册有手机号时加手机号）与名册一致即成为会员', auth: true, body: VerificationInput, status: 200, response: VerificationResult, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'VERIFICATION_FAILED', 'ALREADY_BOUND', 'ALREADY_MEMBER', 'REQUEST_PENDING', 'RATE_LIMITED', 'INVALID_STATE', 'BUSY'] },
} satisfies Record<string, RouteSpec>;
