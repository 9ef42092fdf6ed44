/** The operations served by the `adminOrgs` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { AdminRequestQuery, RejectInput, RequestParams } from '../membership';
import { CreateOrgInput, Org, OrgParams, RenameOrgInput } from '../orgs';
import { OrgApplication, OrgApplicationDecision, OrgApplicationPage } from '../org-applications';
import type { RouteSpec } from '../route-spec';

export const adminOrgsRoutes = {
  'POST /v1/admin/orgs': { fn: 'adminOrgs', idempotent: true, summary: '在管辖范围内建立下级工会（级别须低于上级；同一上级下名称唯一）', auth: true, body: CreateOrgInput, status: 201, response: Org, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'NAME_TAKEN', 'INVALID_STATE', 'BUSY'] },
  'PATCH /v1/admin/orgs/{id}': { fn: 'adminOrgs', summary: '下级工会改名（记入审计日志）', auth: true, params: OrgParams, body: RenameOrgInput, status: 200, response: Org, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'NAME_TAKEN', 'INVALID_STATE', 'BUSY'] },
  'POST /v1/admin/orgs/{id}/close': { fn: 'adminOrgs', idempotent: true, summary: '撤销下级工会（须无在册会员、无未撤销的下级工会）', auth: true, params: OrgParams, status: 200, response: Org, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'NOT_EMPTY', 'INVALID_STATE', 'BUSY'] },
  'GET /v1/admin/org-applications': { fn: 'adminOrgs', summary: '建会审批队列（上级工会在管辖范围内，联系人信息脱敏）', auth: true, query: AdminRequestQuery, status: 200, response: OrgApplicationPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/org-applications/{id}': { fn: 'adminOrgs', summary: '一份建会申请（脱敏）', auth: true, params: RequestParams, status: 200, response: OrgApplication, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/org-applications/{id}/approve': { fn: 'adminOrgs', idempotent: true, summary: '批准建会：同一事务内成立基层工会并任命申请人为首位干部', auth: true, params: RequestParams, status: 200, response: OrgApplicationDecision, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'SELF_ACTION', 'NOT_FOUND', 'INVALID_STATE', 'NAME_TAKEN', 'BUSY'] },
  'POST /v1/admin/org-applications/{id}/reject': { fn: 'adminOrgs', idempotent: true, summary: '驳回建会申请（须填写理由）', auth: true, params: RequestParams, body: RejectInput, status: 200, response: OrgApplicationDecision, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'SELF_ACTION', 'NOT_FOUND', 'INVALID_STATE', 'BUSY'] },
} satisfies Record<string, RouteSpec>;
