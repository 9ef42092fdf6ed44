/** The operations served by the `officialAccount` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import * as z from 'zod/mini';
import { OaQuery } from '../official-account';
import type { RouteSpec } from '../route-spec';

export const officialAccountRoutes = {
  'GET /v1/wechat/official-account': { fn: 'officialAccount', produces: 'text/plain', summary: '公众号服务器地址校验（signature/timestamp/nonce/echostr；返回 echostr 文本）', auth: false, query: OaQuery, status: 200, response: z.string(), errors: ['FORBIDDEN'] },
  'POST /v1/wechat/official-account': { fn: 'officialAccount', rawBody: true, produces: 'text/plain', summary: '公众号消息与事件推送（XML；菜单 SIGN_IN 签到）', auth: false, query: OaQuery, status: 200, response: z.string(), errors: ['FORBIDDEN', 'VALIDATION_FAILED'] },
} satisfies Record<string, RouteSpec>;
