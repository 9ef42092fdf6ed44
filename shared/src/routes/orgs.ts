/** The operations served by the `orgs` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { PageQuery } from '../common';
import { Org, OrgPage, OrgParams, OrgSearchQuery } from '../orgs';
import type { RouteSpec } from '../route-spec';

export const orgsRoutes = {
  'GET /v1/orgs': { fn: 'orgs', summary: '顶级工会；q 按名称搜索', auth: true, query: OrgSearchQuery, status: 200, response: OrgPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  'GET /v1/orgs/{id}': { fn: 'orgs', summary: '一个工会', auth: true, params: OrgParams, status: 200, response: Org, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND'] },
  'GET /v1/orgs/{id}/children': { fn: 'orgs', summary: '下级工会', auth: true, params: OrgParams, query: PageQuery, status: 200, response: OrgPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND'] },
} satisfies Record<string, RouteSpec>;
