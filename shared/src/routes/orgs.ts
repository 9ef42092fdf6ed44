/** The operations served by the `orgs` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { PageQuery } from '../common';
import { Org, OrgPage, OrgParams, OrgSearchQuery } from '../orgs';
import { OrgApplicationCreated, OrgApplicationInput, OrgApplicationPage } from '../org-applications';
import type { RouteSpec } from '../route-spec';

export const orgsRoutes = {
  'GET /v1/orgs': { fn: 'orgs', summary: '顶级工会；q 按名称搜索', auth: true, query: OrgSearchQuery, status: 200, response: OrgPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  'GET /v1/orgs/{id}': { fn: 'orgs', summary: '一个工会', auth: true, params: OrgParams, status: 200, response: Org, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND'] },
  'GET /v1/orgs/{id}/children': { fn: 'orgs', summary: '下级工会', auth: true, params: OrgParams, query: PageQuery, status: 200, response: OrgPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND'] },
  'POST /v1/org-applications': { fn: 'orgs', idempotent: true, summary: '建会申请：企业申请在县区或产业工会之下成立基层工会', auth: true, body: OrgApplicationInput, status: 201, response: OrgApplicationCreated, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND', 'NAME_TAKEN', 'REQUEST_PENDING', 'INVALID_STATE', 'BUSY'] },
  'GET /v1/me/org-applications': { fn: 'orgs', summary: '我的建会申请（本人可见完整信息）', auth: true, query: PageQuery, status: 200, response: OrgApplicationPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
} satisfies Record<string, RouteSpec>;
