/** The operations served by the `activities` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { Activity, ActivityPage, ActivityParams, CheckInInput, CheckInResult, SignupResult, SignupCancelled } from '../activities';
import { OfferPageQuery, PageQuery } from '../common';
import type { RouteSpec } from '../route-spec';

export const activitiesRoutes = {
  'GET /v1/activities': { fn: 'activities', summary: '我可参加的活动（本人所在工会及上级工会发布，报名中的在前）', auth: true, query: OfferPageQuery, status: 200, response: ActivityPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  'GET /v1/activities/{id}': { fn: 'activities', summary: '活动详情与我的报名状态', auth: true, params: ActivityParams, status: 200, response: Activity, errors: ['NOT_FOUND'] },
  'POST /v1/activities/{id}/signups': { fn: 'activities', idempotent: true, summary: '报名（满员且开启候补时进入候补）', auth: true, params: ActivityParams, status: 201, response: SignupResult, errors: ['NOT_FOUND', 'NOT_A_MEMBER', 'OUT_OF_SCOPE', 'ALREADY_SIGNED_UP', 'SIGNUP_CLOSED', 'BUSY'] },
  'DELETE /v1/activities/{id}/signups/me': { fn: 'activities', summary: '取消报名（首位候补自动递补）', auth: true, params: ActivityParams, status: 200, response: SignupCancelled, errors: ['NOT_FOUND', 'INVALID_STATE', 'BUSY'] },
  'POST /v1/activities/{id}/check-ins': { fn: 'activities', idempotent: true, summary: '现场扫码签到（奖励积分只发一次）', auth: true, params: ActivityParams, body: CheckInInput, status: 201, response: CheckInResult, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'INVALID_STATE', 'NOT_FOUND'] },
  'GET /v1/me/activities': { fn: 'activities', summary: '我的活动', auth: true, query: PageQuery, status: 200, response: ActivityPage, errors: ['UNAUTHENTICATED'] },
} satisfies Record<string, RouteSpec>;
