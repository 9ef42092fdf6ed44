/**
 * The route table of API v1: method, path, what it takes and what it answers, by schema. The OpenAPI
 * document is generated from it (`npm run openapi`), and a test checks that the committed one is current.
 */
import type * as z from 'zod';
import { ErrorBody, PageQuery } from './common';
import { LoginRequest, LoginResponse, Me, PatchMeRequest } from './me';
import { Org, OrgPage, OrgParams, OrgSearchQuery } from './orgs';
import { LedgerPage, LedgerQuery, SignInCalendar, SignInCalendarQuery, SignInResult } from './points';
import type { ErrorCode } from './errors';

export interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  auth: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  status: number;
  response: z.ZodType;
  errors: ErrorCode[];
}

export const ROUTES: RouteDoc[] = [
  { method: 'post', path: '/v1/auth/wechat-login', summary: '用 wx.login 的 code 登录', auth: false, body: LoginRequest, status: 200, response: LoginResponse, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'BUSY'] },
  { method: 'get', path: '/v1/me', summary: '我的信息', auth: true, status: 200, response: Me, errors: ['UNAUTHENTICATED'] },
  { method: 'patch', path: '/v1/me', summary: '修改昵称、头像', auth: true, body: PatchMeRequest, status: 200, response: Me, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  { method: 'post', path: '/v1/sign-ins', summary: '今日签到（按北京时间计日）', auth: true, status: 201, response: SignInResult, errors: ['UNAUTHENTICATED', 'ALREADY_SIGNED_IN', 'BUSY'] },
  { method: 'get', path: '/v1/sign-ins', summary: '签到日历', auth: true, query: SignInCalendarQuery, status: 200, response: SignInCalendar, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  { method: 'get', path: '/v1/points/ledger', summary: '积分明细（新的在前）', auth: true, query: LedgerQuery, status: 200, response: LedgerPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  { method: 'get', path: '/v1/orgs', summary: '顶级工会；q 按名称搜索', auth: true, query: OrgSearchQuery, status: 200, response: OrgPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  { method: 'get', path: '/v1/orgs/{id}', summary: '一个工会', auth: true, params: OrgParams, status: 200, response: Org, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND'] },
  { method: 'get', path: '/v1/orgs/{id}/children', summary: '下级工会', auth: true, params: OrgParams, query: PageQuery, status: 200, response: OrgPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND'] },
];

export { ErrorBody };
