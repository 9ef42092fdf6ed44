/** The operations served by the `auth` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { LoginRequest, LoginResponse } from '../me';
import type { RouteSpec } from '../route-spec';

export const authRoutes = {
  'POST /v1/auth/wechat-login': { fn: 'auth', rateLimit: 'login', summary: '用 wx.login 的 code 登录', auth: false, body: LoginRequest, status: 200, response: LoginResponse, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'BUSY'] },
} satisfies Record<string, RouteSpec>;
