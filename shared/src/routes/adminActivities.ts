/** The operations served by the `adminActivities` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { Activity, ActivityInput, ActivityPage, ActivityParams, ActivityPatch, AdminActivityQuery, CheckInCode, ParticipantPage, ParticipantQuery } from '../activities';
import type { RouteSpec } from '../route-spec';

export const adminActivitiesRoutes = {
  'GET /v1/admin/activities': { fn: 'adminActivities', summary: '管辖范围内的活动', auth: true, query: AdminActivityQuery, status: 200, response: ActivityPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/activities': { fn: 'adminActivities', idempotent: true, summary: '发布活动', auth: true, body: ActivityInput, status: 201, response: Activity, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'PATCH /v1/admin/activities/{id}': { fn: 'adminActivities', summary: '编辑活动（通知已报名会员）', auth: true, params: ActivityParams, body: ActivityPatch, status: 200, response: Activity, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'POST /v1/admin/activities/{id}/cancel': { fn: 'adminActivities', idempotent: true, summary: '取消活动（通知已报名会员）', auth: true, params: ActivityParams, status: 200, response: Activity, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'GET /v1/admin/activities/{id}/signups': { fn: 'adminActivities', produces: 'text/csv', summary: '报名名单；format=csv 导出 Excel 可读的 CSV（UTF-8 BOM）', auth: true, params: ActivityParams, query: ParticipantQuery, status: 200, response: ParticipantPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/activities/{id}/check-in-code': { fn: 'adminActivities', summary: '当前签到码（30 秒轮换）', auth: true, params: ActivityParams, status: 200, response: CheckInCode, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
} satisfies Record<string, RouteSpec>;
