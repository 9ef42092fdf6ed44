/** The operations served by the `points` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { LedgerPage, LedgerQuery, SignInCalendar, SignInCalendarQuery, SignInResult } from '../points';
import type { RouteSpec } from '../route-spec';

export const pointsRoutes = {
  'POST /v1/sign-ins': { fn: 'points', idempotent: true, summary: '今日签到（按北京时间计日）', auth: true, status: 201, response: SignInResult, errors: ['UNAUTHENTICATED', 'ALREADY_SIGNED_IN', 'BUSY'] },
  'GET /v1/sign-ins': { fn: 'points', summary: '签到日历', auth: true, query: SignInCalendarQuery, status: 200, response: SignInCalendar, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  'GET /v1/points/ledger': { fn: 'points', summary: '积分明细（新的在前）', auth: true, query: LedgerQuery, status: 200, response: LedgerPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
} satisfies Record<string, RouteSpec>;
