/** The operations served by the `me` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { Me, PatchMeRequest } from '../me';
import type { RouteSpec } from '../route-spec';

export const meRoutes = {
  'GET /v1/me': { fn: 'me', summary: '我的信息', auth: true, status: 200, response: Me, errors: ['UNAUTHENTICATED'] },
  'PATCH /v1/me': { fn: 'me', summary: '修改昵称、头像', auth: true, body: PatchMeRequest, status: 200, response: Me, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
} satisfies Record<string, RouteSpec>;
