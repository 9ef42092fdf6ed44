/**
 * The route table of API v1: method, path, what it takes and what it answers, by schema. The OpenAPI
 * document is generated from it (`npm run openapi`), and a test checks that the committed one is current.
 */
import { ErrorBody, PageQuery } from './common';
import { LoginRequest, LoginResponse, Me, PatchMeRequest } from './me';
import { CreateOrgInput, Org, OrgPage, OrgParams, OrgSearchQuery, RenameOrgInput } from './orgs';
import { OrgApplication, OrgApplicationCreated, OrgApplicationDecision, OrgApplicationInput, OrgApplicationPage } from './org-applications';
import { LedgerPage, LedgerQuery, SignInCalendar, SignInCalendarQuery, SignInResult } from './points';
import type { ErrorCode } from './errors';
import { OaQuery } from './official-account';
import * as z from 'zod/mini';
import {
  AdminRequestQuery, ApproveResult, JoinRequest, JoinRequestCreated, JoinRequestInput, JoinRequestPage, RejectInput, RejectResult,
  RequestParams, RevealInput, RevealResult, TransferRequestCreated, TransferRequestInput, TransferRequestPage,
} from './membership';
import { MessagePage, MessageParams, MessageQuery } from './messages';
import { AdminGoodsQuery, AdminOrderQuery, Goods, GoodsInput, GoodsPage, GoodsParams, GoodsPatch, Order, OrderPage, PointsAdjustmentInput, RedemptionInput, VerifyInput } from './mall';
import { LedgerEntry } from './points';
import { FavoriteKind, FavoritePage, FavoriteParams } from './favorites';
import { AppointInput, AuditPage, AuditQuery, Cadre, CadreList, MemberParams, MemberQuery, MemberSummary, Overview, OverviewQuery, RoleParams, RolesQuery, Stats, StatsQuery } from './admin';
import { Activity, ActivityInput, ActivityPage, ActivityParams, ActivityPatch, AdminActivityQuery, CheckInCode, CheckInInput, CheckInResult, ParticipantPage, ParticipantQuery, SignupResult } from './activities';

/** The Lambda functions of serverless.yml; each route names the one that serves it. */
export type FunctionName =
  | 'auth' | 'me' | 'points' | 'orgs' | 'membership' | 'adminMembership' | 'messages' | 'mall' | 'adminMall'
  | 'activities' | 'adminActivities' | 'admin' | 'officialAccount' | 'adminOrgs';

/**
 * One operation of API v1. The key of `ROUTES` is API Gateway's route key (`POST /v1/redemptions`); the
 * server's `route()`, its rate limits and idempotency, `serverless.yml`'s events, the OpenAPI document and
 * the mini-program's typed client all read this one entry.
 */
export interface RouteSpec {
  fn: FunctionName;
  summary: string;
  auth: boolean;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  params?: z.ZodMiniType;
  status: number;
  response: z.ZodMiniType;
  /** Every error code the operation can answer besides the ones every route can (see COMMON_ERRORS). */
  errors: ErrorCode[];
  /**
   * A write that honours `Idempotency-Key`: the same key and request answer the first result and write
   * nothing twice; the same key with another request is 409 IDEMPOTENCY_KEY_REUSED. `'required'`: the
   * header must be sent. Every POST that writes declares it (a test checks).
   */
  idempotent?: boolean | 'required';
  /** `write` (per user and operation; default for authenticated writes), `login` (per address) or `none`. */
  rateLimit?: 'write' | 'login' | 'none';
  /** The body is text (WeChat's XML pushes), not JSON. */
  rawBody?: boolean;
  /** The answer's media type when it is not JSON (e.g. CSV, the echoed text of the official account). */
  produces?: 'text/plain' | 'text/csv';
}


export const ROUTES = {
  'POST /v1/auth/wechat-login': { fn: 'auth', rateLimit: 'login', summary: '用 wx.login 的 code 登录', auth: false, body: LoginRequest, status: 200, response: LoginResponse, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'BUSY'] },
  'GET /v1/me': { fn: 'me', summary: '我的信息', auth: true, status: 200, response: Me, errors: ['UNAUTHENTICATED'] },
  'PATCH /v1/me': { fn: 'me', summary: '修改昵称、头像', auth: true, body: PatchMeRequest, status: 200, response: Me, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  'POST /v1/sign-ins': { fn: 'points', idempotent: true, summary: '今日签到（按北京时间计日）', auth: true, status: 201, response: SignInResult, errors: ['UNAUTHENTICATED', 'ALREADY_SIGNED_IN', 'BUSY'] },
  'GET /v1/sign-ins': { fn: 'points', summary: '签到日历', auth: true, query: SignInCalendarQuery, status: 200, response: SignInCalendar, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  'GET /v1/points/ledger': { fn: 'points', summary: '积分明细（新的在前）', auth: true, query: LedgerQuery, status: 200, response: LedgerPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  'GET /v1/orgs': { fn: 'orgs', summary: '顶级工会；q 按名称搜索', auth: true, query: OrgSearchQuery, status: 200, response: OrgPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  'GET /v1/orgs/{id}': { fn: 'orgs', summary: '一个工会', auth: true, params: OrgParams, status: 200, response: Org, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND'] },
  'GET /v1/orgs/{id}/children': { fn: 'orgs', summary: '下级工会', auth: true, params: OrgParams, query: PageQuery, status: 200, response: OrgPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND'] },
  'POST /v1/admin/orgs': { fn: 'adminOrgs', idempotent: true, summary: '在管辖范围内建立下级工会（级别须低于上级；同一上级下名称唯一）', auth: true, body: CreateOrgInput, status: 201, response: Org, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'NAME_TAKEN', 'INVALID_STATE', 'BUSY'] },
  'PATCH /v1/admin/orgs/{id}': { fn: 'adminOrgs', summary: '下级工会改名（记入审计日志）', auth: true, params: OrgParams, body: RenameOrgInput, status: 200, response: Org, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'NAME_TAKEN', 'INVALID_STATE', 'BUSY'] },
  'POST /v1/admin/orgs/{id}/close': { fn: 'adminOrgs', idempotent: true, summary: '撤销下级工会（须无在册会员、无未撤销的下级工会）', auth: true, params: OrgParams, status: 200, response: Org, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'NOT_EMPTY', 'INVALID_STATE', 'BUSY'] },
  'POST /v1/org-applications': { fn: 'orgs', idempotent: true, summary: '建会申请：企业申请在县区或产业工会之下成立基层工会', auth: true, body: OrgApplicationInput, status: 201, response: OrgApplicationCreated, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND', 'NAME_TAKEN', 'REQUEST_PENDING', 'INVALID_STATE', 'BUSY'] },
  'GET /v1/me/org-applications': { fn: 'orgs', summary: '我的建会申请（本人可见完整信息）', auth: true, query: PageQuery, status: 200, response: OrgApplicationPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  'GET /v1/admin/org-applications': { fn: 'adminOrgs', summary: '建会审批队列（上级工会在管辖范围内，联系人信息脱敏）', auth: true, query: AdminRequestQuery, status: 200, response: OrgApplicationPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/org-applications/{id}': { fn: 'adminOrgs', summary: '一份建会申请（脱敏）', auth: true, params: RequestParams, status: 200, response: OrgApplication, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/org-applications/{id}/approve': { fn: 'adminOrgs', idempotent: true, summary: '批准建会：同一事务内成立基层工会并任命申请人为首位干部', auth: true, params: RequestParams, status: 200, response: OrgApplicationDecision, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'SELF_ACTION', 'NOT_FOUND', 'INVALID_STATE', 'NAME_TAKEN', 'BUSY'] },
  'POST /v1/admin/org-applications/{id}/reject': { fn: 'adminOrgs', idempotent: true, summary: '驳回建会申请（须填写理由）', auth: true, params: RequestParams, body: RejectInput, status: 200, response: OrgApplicationDecision, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'SELF_ACTION', 'NOT_FOUND', 'INVALID_STATE', 'BUSY'] },
  'POST /v1/join-requests': { fn: 'membership', idempotent: true, summary: '入会申请', auth: true, body: JoinRequestInput, status: 201, response: JoinRequestCreated, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND', 'REQUEST_PENDING', 'ALREADY_MEMBER', 'ID_NUMBER_IN_USE'] },
  'GET /v1/me/join-requests': { fn: 'membership', summary: '我的入会申请（本人可见完整信息）', auth: true, query: PageQuery, status: 200, response: JoinRequestPage, errors: ['UNAUTHENTICATED'] },
  'POST /v1/transfer-requests': { fn: 'membership', idempotent: true, summary: '转会申请', auth: true, body: TransferRequestInput, status: 201, response: TransferRequestCreated, errors: ['VALIDATION_FAILED', 'NOT_A_MEMBER', 'NOT_FOUND', 'REQUEST_PENDING'] },
  'GET /v1/me/transfer-requests': { fn: 'membership', summary: '我的转会申请', auth: true, query: PageQuery, status: 200, response: TransferRequestPage, errors: ['UNAUTHENTICATED'] },
  'GET /v1/admin/join-requests': { fn: 'adminMembership', summary: '入会审核队列（管辖范围内，个人信息脱敏）', auth: true, query: AdminRequestQuery, status: 200, response: JoinRequestPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/join-requests/{id}': { fn: 'adminMembership', summary: '一份入会申请（脱敏）', auth: true, params: RequestParams, status: 200, response: JoinRequest, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/join-requests/{id}/approve': { fn: 'adminMembership', idempotent: true, summary: '批准入会', auth: true, params: RequestParams, status: 200, response: ApproveResult, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE', 'ID_NUMBER_IN_USE'] },
  'POST /v1/admin/join-requests/{id}/reject': { fn: 'adminMembership', idempotent: true, summary: '驳回入会申请', auth: true, params: RequestParams, body: RejectInput, status: 200, response: RejectResult, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'POST /v1/admin/join-requests/{id}/reveal': { fn: 'adminMembership', idempotent: false, summary: '查看一项完整个人信息（记入审计日志）', auth: true, params: RequestParams, body: RevealInput, status: 200, response: RevealResult, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/transfer-requests': { fn: 'adminMembership', summary: '转会审核队列（按转入工会的管辖范围）', auth: true, query: AdminRequestQuery, status: 200, response: TransferRequestPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/transfer-requests/{id}/approve': { fn: 'adminMembership', idempotent: true, summary: '批准转会', auth: true, params: RequestParams, status: 200, response: z.object({ id: z.string(), status: z.literal('approved') }), errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'POST /v1/admin/transfer-requests/{id}/reject': { fn: 'adminMembership', idempotent: true, summary: '驳回转会', auth: true, params: RequestParams, body: RejectInput, status: 200, response: RejectResult, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'GET /v1/me/messages': { fn: 'messages', summary: '我的消息（新的在前）', auth: true, query: MessageQuery, status: 200, response: MessagePage, errors: ['UNAUTHENTICATED'] },
  'POST /v1/me/messages/{id}/read': { fn: 'messages', idempotent: true, summary: '标为已读', auth: true, params: MessageParams, status: 200, response: z.object({ id: z.string(), read: z.literal(true) }), errors: ['UNAUTHENTICATED'] },
  'POST /v1/me/messages/read-all': { fn: 'messages', idempotent: true, summary: '全部已读', auth: true, status: 200, response: z.object({ unread: z.literal(0) }), errors: ['UNAUTHENTICATED'] },
  'GET /v1/goods': { fn: 'mall', summary: '我可兑换的商品（本人所在工会及其上级工会发布）', auth: true, status: 200, response: GoodsPage, errors: ['UNAUTHENTICATED'] },
  'GET /v1/goods/{id}': { fn: 'mall', summary: '商品详情', auth: true, params: GoodsParams, status: 200, response: Goods, errors: ['NOT_FOUND'] },
  'POST /v1/redemptions': { fn: 'mall', idempotent: 'required', summary: '积分兑换（必须带 Idempotency-Key 请求头）', auth: true, body: RedemptionInput, status: 201, response: Order, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'NOT_A_MEMBER', 'OUT_OF_SCOPE', 'OUT_OF_STOCK', 'INSUFFICIENT_POINTS', 'LIMIT_REACHED', 'IDEMPOTENCY_KEY_REUSED', 'BUSY'] },
  'GET /v1/me/redemptions': { fn: 'mall', summary: '我的兑换', auth: true, query: PageQuery, status: 200, response: OrderPage, errors: ['UNAUTHENTICATED'] },
  'GET /v1/redemptions/{id}': { fn: 'mall', summary: '兑换详情', auth: true, params: GoodsParams, status: 200, response: Order, errors: ['NOT_FOUND'] },
  'POST /v1/redemptions/{id}/cancel': { fn: 'mall', idempotent: true, summary: '取消未核销的兑换（退回积分与库存）', auth: true, params: GoodsParams, status: 200, response: Order, errors: ['NOT_FOUND', 'INVALID_STATE', 'BUSY'] },
  'GET /v1/admin/goods': { fn: 'adminMall', summary: '管辖范围内的商品', auth: true, query: AdminGoodsQuery, status: 200, response: GoodsPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/goods': { fn: 'adminMall', idempotent: true, summary: '发布商品', auth: true, body: GoodsInput, status: 201, response: Goods, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'PATCH /v1/admin/goods/{id}': { fn: 'adminMall', idempotent: true, summary: '编辑商品、调整库存、上下架', auth: true, params: GoodsParams, body: GoodsPatch, status: 200, response: Goods, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'OUT_OF_STOCK'] },
  'POST /v1/admin/redemptions/verify': { fn: 'adminMall', idempotent: true, summary: '核销', auth: true, body: VerifyInput, status: 200, response: Order, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'GET /v1/admin/redemptions': { fn: 'adminMall', summary: '管辖范围内的兑换订单（按状态）', auth: true, query: AdminOrderQuery, status: 200, response: OrderPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/points-adjustments': { fn: 'adminMall', idempotent: true, summary: '调整会员积分（需填写原因，记入审计日志）', auth: true, body: PointsAdjustmentInput, status: 201, response: LedgerEntry, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INSUFFICIENT_POINTS', 'BUSY'] },
  'GET /v1/activities': { fn: 'activities', summary: '我可参加的活动（本人所在工会及上级工会发布，报名中的在前）', auth: true, status: 200, response: ActivityPage, errors: ['UNAUTHENTICATED'] },
  'GET /v1/activities/{id}': { fn: 'activities', summary: '活动详情与我的报名状态', auth: true, params: ActivityParams, status: 200, response: Activity, errors: ['NOT_FOUND'] },
  'POST /v1/activities/{id}/signups': { fn: 'activities', idempotent: true, summary: '报名（满员且开启候补时进入候补）', auth: true, params: ActivityParams, status: 201, response: SignupResult, errors: ['NOT_FOUND', 'NOT_A_MEMBER', 'OUT_OF_SCOPE', 'ALREADY_SIGNED_UP', 'SIGNUP_CLOSED', 'BUSY'] },
  'DELETE /v1/activities/{id}/signups/me': { fn: 'activities', summary: '取消报名（首位候补自动递补）', auth: true, params: ActivityParams, status: 200, response: z.object({ status: z.literal('cancelled') }), errors: ['NOT_FOUND', 'INVALID_STATE', 'BUSY'] },
  'POST /v1/activities/{id}/check-ins': { fn: 'activities', idempotent: true, summary: '现场扫码签到（奖励积分只发一次）', auth: true, params: ActivityParams, body: CheckInInput, status: 201, response: CheckInResult, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'INVALID_STATE', 'NOT_FOUND'] },
  'GET /v1/me/activities': { fn: 'activities', summary: '我的活动', auth: true, query: PageQuery, status: 200, response: ActivityPage, errors: ['UNAUTHENTICATED'] },
  'GET /v1/admin/activities': { fn: 'adminActivities', summary: '管辖范围内的活动', auth: true, query: AdminActivityQuery, status: 200, response: ActivityPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/activities': { fn: 'adminActivities', idempotent: true, summary: '发布活动', auth: true, body: ActivityInput, status: 201, response: Activity, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'PATCH /v1/admin/activities/{id}': { fn: 'adminActivities', summary: '编辑活动（通知已报名会员）', auth: true, params: ActivityParams, body: ActivityPatch, status: 200, response: Activity, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'POST /v1/admin/activities/{id}/cancel': { fn: 'adminActivities', idempotent: true, summary: '取消活动（通知已报名会员）', auth: true, params: ActivityParams, status: 200, response: Activity, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'GET /v1/admin/activities/{id}/signups': { fn: 'adminActivities', produces: 'text/csv', summary: '报名名单；format=csv 导出 Excel 可读的 CSV（UTF-8 BOM）', auth: true, params: ActivityParams, query: ParticipantQuery, status: 200, response: ParticipantPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/activities/{id}/check-in-code': { fn: 'adminActivities', summary: '当前签到码（30 秒轮换）', auth: true, params: ActivityParams, status: 200, response: CheckInCode, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'GET /v1/admin/overview': { fn: 'admin', summary: '管理首页待办：待审申请、待核销订单、今日活动', auth: true, query: OverviewQuery, status: 200, response: Overview, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/stats': { fn: 'admin', summary: '本级及下级工会统计（按日，来自实时汇总）', auth: true, query: StatsQuery, status: 200, response: Stats, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE'] },
  'GET /v1/admin/audit-log': { fn: 'admin', summary: '管辖范围内的干部操作日志（新的在前，可筛选）', auth: true, query: AuditQuery, status: 200, response: AuditPage, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/roles': { fn: 'admin', summary: '某工会的干部', auth: true, query: RolesQuery, status: 200, response: CadreList, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/roles': { fn: 'admin', idempotent: true, summary: '任命干部（按会员号，仅限本级及下级工会）', auth: true, body: AppointInput, status: 201, response: Cadre, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'DELETE /v1/admin/roles/{orgId}/{userId}': { fn: 'admin', summary: '免去干部（省总工会至少保留一名）', auth: true, params: RoleParams, status: 200, response: z.object({ removed: z.literal(true) }), errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'GET /v1/admin/members': { fn: 'admin', summary: '按会员号查找会员（脱敏）', auth: true, query: MemberQuery, status: 200, response: MemberSummary, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/members/{userId}': { fn: 'admin', summary: '会员详情（脱敏）', auth: true, params: MemberParams, status: 200, response: MemberSummary, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'PUT /v1/me/favorites/{kind}/{id}': { fn: 'messages', summary: '收藏（重复收藏无副作用）', auth: true, params: FavoriteParams, status: 200, response: z.object({ kind: FavoriteKind, id: z.string(), favorite: z.literal(true) }), errors: ['VALIDATION_FAILED', 'NOT_FOUND'] },
  'DELETE /v1/me/favorites/{kind}/{id}': { fn: 'messages', summary: '取消收藏（重复取消无副作用）', auth: true, params: FavoriteParams, status: 200, response: z.object({ kind: FavoriteKind, id: z.string(), favorite: z.literal(false) }), errors: ['VALIDATION_FAILED'] },
  'GET /v1/me/favorites': { fn: 'messages', summary: '我的收藏（含当前状态）', auth: true, query: PageQuery, status: 200, response: FavoritePage, errors: ['UNAUTHENTICATED'] },
  'GET /v1/wechat/official-account': { fn: 'officialAccount', produces: 'text/plain', summary: '公众号服务器地址校验（signature/timestamp/nonce/echostr；返回 echostr 文本）', auth: false, query: OaQuery, status: 200, response: z.string(), errors: ['FORBIDDEN'] },
  'POST /v1/wechat/official-account': { fn: 'officialAccount', rawBody: true, produces: 'text/plain', summary: '公众号消息与事件推送（XML；菜单 SIGN_IN 签到）', auth: false, query: OaQuery, status: 200, response: z.string(), errors: ['FORBIDDEN', 'VALIDATION_FAILED'] },
} satisfies Record<string, RouteSpec>;

export type RouteKey = keyof typeof ROUTES;

/** One entry of ROUTES with its key split into method and path (for documents, checks and tests). */
export interface Operation extends RouteSpec {
  key: RouteKey;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
}

export const OPERATIONS: Operation[] = (Object.entries(ROUTES) as [RouteKey, RouteSpec][]).map(([key, spec]) => {
  const [method, path] = key.split(' ');
  return { ...spec, key, method: method.toLowerCase() as Operation['method'], path };
});

/** The route keys API Gateway must have: every operation, and a PUT alias of every PATCH (wx.request has no PATCH). */
export const GATEWAY_ROUTE_KEYS: string[] = OPERATIONS.flatMap((o) => (o.method === 'patch' ? [o.key, o.key.replace(/^PATCH /, 'PUT ')] : [o.key]));

export { ErrorBody };
