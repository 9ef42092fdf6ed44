/** The operations served by the `accountExport` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { AccountExport } from '../account-export';
import type { RouteSpec } from '../route-spec';

export const accountExportRoutes = {
  'GET /v1/me/export': { fn: 'accountExport', summary: '导出我的全部数据（含完整个人信息）', auth: true, status: 200, response: AccountExport, errors: ['UNAUTHENTICATED'] },
} satisfies Record<string, RouteSpec>;
