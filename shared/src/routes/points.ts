/** The operations served by the `points` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { LedgerPage, LedgerQuery, MakeUpAllowance, MakeUpInput, PointsSummary, SignInCalendar, SignInCalendarQuery, SignInResult, SubscriptionsInput, SubscriptionsResult } from '../points';
import type { RouteSpec } from '../route-spec';

export const pointsRoutes = {
  'POST /v1/sign-ins': { fn: 'points', idempotent: true, summary: '今日签到（按北京时间计日）', auth: true, status: 201, response: SignInResult, errors: ['UNAUTHENTICATED', 'ALREADY_SIGNED_IN', 'BUSY'] },
  'GET /v1/sign-ins': { fn: 'points', summary: '签到日历', auth: true, query: SignInCalendarQuery, status: 200, response: SignInCalendar, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  'GET /v1/points/ledger': { fn: 'points', summary: '积分明细（新的在前）', auth: true, query: LedgerQuery, status: 200, response: LedgerPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  'GET /v1/points/summary': { fn: 'points', summary: '积分余额与即将过期的积分（按过期日从早到晚）', auth: true, status: 200, response: PointsSummary, errors: ['UNAUTHENTICATED'] },
  'GET /v1/sign-ins/make-up': { fn: 'points', summary: '本月补签：每次所需积分、每月次数、已用次数', auth: true, status: 200, response: MakeUpAllowance, errors: ['UNAUTHENTICATED'] },
  'POST /v1/sign-ins/make-up': { fn: 'points', idempotent: true, summary: '补签本月漏签的一天（扣除补签积分，得当天签到奖励，计入连续签到）', auth: true, body: MakeUpInput, status: 201, response: SignInResult, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'INVALID_STATE', 'INSUFFICIENT_POINTS', 'BUSY'] },
  'POST /v1/sign-ins/reminders': { fn: 'points', idempotent: true, summary: '订阅明日签到提醒 / 积分过期提醒（微信一次性订阅）', auth: true, body: SubscriptionsInput, status: 201, response: SubscriptionsResult, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
} satisfies Record<string, RouteSpec>;
