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

export interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  auth: boolean;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  params?: z.ZodMiniType;
  status: number;
  response: z.ZodMiniType;
  errors: ErrorCode[];
}

const OaQuery = z.object({ signature: z.string(), timestamp: z.string(), nonce: z.string(), echostr: z.optional(z.string()) });

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
  { method: 'post', path: '/v1/admin/orgs', summary: '在管辖范围内建立下级工会（级别须低于上级；同一上级下名称唯一）', auth: true, body: CreateOrgInput, status: 201, response: Org, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'NAME_TAKEN', 'INVALID_STATE', 'BUSY'] },
  { method: 'patch', path: '/v1/admin/orgs/{id}', summary: '下级工会改名（记入审计日志）', auth: true, params: OrgParams, body: RenameOrgInput, status: 200, response: Org, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'NAME_TAKEN', 'INVALID_STATE', 'BUSY'] },
  { method: 'post', path: '/v1/admin/orgs/{id}/close', summary: '撤销下级工会（须无在册会员、无未撤销的下级工会）', auth: true, params: OrgParams, status: 200, response: Org, errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'NOT_EMPTY', 'INVALID_STATE', 'BUSY'] },
  { method: 'post', path: '/v1/org-applications', summary: '建会申请：企业申请在县区或产业工会之下成立基层工会', auth: true, body: OrgApplicationInput, status: 201, response: OrgApplicationCreated, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND', 'NAME_TAKEN', 'REQUEST_PENDING', 'INVALID_STATE', 'BUSY'] },
  { method: 'get', path: '/v1/me/org-applications', summary: '我的建会申请（本人可见完整信息）', auth: true, query: PageQuery, status: 200, response: OrgApplicationPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  { method: 'get', path: '/v1/admin/org-applications', summary: '建会审批队列（上级工会在管辖范围内，联系人信息脱敏）', auth: true, query: AdminRequestQuery, status: 200, response: OrgApplicationPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE'] },
  { method: 'get', path: '/v1/admin/org-applications/{id}', summary: '一份建会申请（脱敏）', auth: true, params: RequestParams, status: 200, response: OrgApplication, errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  { method: 'post', path: '/v1/admin/org-applications/{id}/approve', summary: '批准建会：同一事务内成立基层工会并任命申请人为首位干部', auth: true, params: RequestParams, status: 200, response: OrgApplicationDecision, errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'SELF_ACTION', 'NOT_FOUND', 'INVALID_STATE', 'NAME_TAKEN', 'BUSY'] },
  { method: 'post', path: '/v1/admin/org-applications/{id}/reject', summary: '驳回建会申请（须填写理由）', auth: true, params: RequestParams, body: RejectInput, status: 200, response: OrgApplicationDecision, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'SELF_ACTION', 'NOT_FOUND', 'INVALID_STATE', 'BUSY'] },
  { method: 'post', path: '/v1/join-requests', summary: '入会申请', auth: true, body: JoinRequestInput, status: 201, response: JoinRequestCreated, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND', 'REQUEST_PENDING', 'ALREADY_MEMBER', 'ID_NUMBER_IN_USE'] },
  { method: 'get', path: '/v1/me/join-requests', summary: '我的入会申请（本人可见完整信息）', auth: true, query: PageQuery, status: 200, response: JoinRequestPage, errors: ['UNAUTHENTICATED'] },
  { method: 'post', path: '/v1/transfer-requests', summary: '转会申请', auth: true, body: TransferRequestInput, status: 201, response: TransferRequestCreated, errors: ['VALIDATION_FAILED', 'NOT_A_MEMBER', 'NOT_FOUND', 'REQUEST_PENDING'] },
  { method: 'get', path: '/v1/me/transfer-requests', summary: '我的转会申请', auth: true, query: PageQuery, status: 200, response: TransferRequestPage, errors: ['UNAUTHENTICATED'] },
  { method: 'get', path: '/v1/admin/join-requests', summary: '入会审核队列（管辖范围内，个人信息脱敏）', auth: true, query: AdminRequestQuery, status: 200, response: JoinRequestPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE'] },
  { method: 'get', path: '/v1/admin/join-requests/{id}', summary: '一份入会申请（脱敏）', auth: true, params: RequestParams, status: 200, response: JoinRequest, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  { method: 'post', path: '/v1/admin/join-requests/{id}/approve', summary: '批准入会', auth: true, params: RequestParams, status: 200, response: ApproveResult, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE', 'ID_NUMBER_IN_USE'] },
  { method: 'post', path: '/v1/admin/join-requests/{id}/reject', summary: '驳回入会申请', auth: true, params: RequestParams, body: RejectInput, status: 200, response: RejectResult, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'INVALID_STATE'] },
  { method: 'post', path: '/v1/admin/join-requests/{id}/reveal', summary: '查看一项完整个人信息（记入审计日志）', auth: true, params: RequestParams, body: RevealInput, status: 200, response: RevealResult, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  { method: 'get', path: '/v1/admin/transfer-requests', summary: '转会审核队列（按转入工会的管辖范围）', auth: true, query: AdminRequestQuery, status: 200, response: TransferRequestPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE'] },
  { method: 'post', path: '/v1/admin/transfer-requests/{id}/approve', summary: '批准转会', auth: true, params: RequestParams, status: 200, response: z.object({ id: z.string(), status: z.literal('approved') }), errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  { method: 'post', path: '/v1/admin/transfer-requests/{id}/reject', summary: '驳回转会', auth: true, params: RequestParams, body: RejectInput, status: 200, response: RejectResult, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'INVALID_STATE'] },
  { method: 'get', path: '/v1/me/messages', summary: '我的消息（新的在前）', auth: true, query: MessageQuery, status: 200, response: MessagePage, errors: ['UNAUTHENTICATED'] },
  { method: 'post', path: '/v1/me/messages/{id}/read', summary: '标为已读', auth: true, params: MessageParams, status: 200, response: z.object({ id: z.string(), read: z.literal(true) }), errors: ['UNAUTHENTICATED'] },
  { method: 'post', path: '/v1/me/messages/read-all', summary: '全部已读', auth: true, status: 200, response: z.object({ unread: z.literal(0) }), errors: ['UNAUTHENTICATED'] },
  { method: 'get', path: '/v1/goods', summary: '我可兑换的商品（本人所在工会及其上级工会发布）', auth: true, status: 200, response: GoodsPage, errors: ['UNAUTHENTICATED'] },
  { method: 'get', path: '/v1/goods/{id}', summary: '商品详情', auth: true, params: GoodsParams, status: 200, response: Goods, errors: ['NOT_FOUND'] },
  { method: 'post', path: '/v1/redemptions', summary: '积分兑换（必须带 Idempotency-Key 请求头）', auth: true, body: RedemptionInput, status: 201, response: Order, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'NOT_A_MEMBER', 'OUT_OF_SCOPE', 'OUT_OF_STOCK', 'INSUFFICIENT_POINTS', 'LIMIT_REACHED', 'IDEMPOTENCY_KEY_REUSED', 'BUSY'] },
  { method: 'get', path: '/v1/me/redemptions', summary: '我的兑换', auth: true, query: PageQuery, status: 200, response: OrderPage, errors: ['UNAUTHENTICATED'] },
  { method: 'get', path: '/v1/redemptions/{id}', summary: '兑换详情', auth: true, params: GoodsParams, status: 200, response: Order, errors: ['NOT_FOUND'] },
  { method: 'post', path: '/v1/redemptions/{id}/cancel', summary: '取消未核销的兑换（退回积分与库存）', auth: true, params: GoodsParams, status: 200, response: Order, errors: ['NOT_FOUND', 'INVALID_STATE', 'BUSY'] },
  { method: 'get', path: '/v1/admin/goods', summary: '管辖范围内的商品', auth: true, query: AdminGoodsQuery, status: 200, response: GoodsPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE'] },
  { method: 'post', path: '/v1/admin/goods', summary: '发布商品', auth: true, body: GoodsInput, status: 201, response: Goods, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  { method: 'patch', path: '/v1/admin/goods/{id}', summary: '编辑商品、调整库存、上下架', auth: true, params: GoodsParams, body: GoodsPatch, status: 200, response: Goods, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'OUT_OF_STOCK'] },
  { method: 'post', path: '/v1/admin/redemptions/verify', summary: '核销', auth: true, body: VerifyInput, status: 200, response: Order, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  { method: 'get', path: '/v1/admin/redemptions', summary: '管辖范围内的兑换订单（按状态）', auth: true, query: AdminOrderQuery, status: 200, response: OrderPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE'] },
  { method: 'post', path: '/v1/admin/points-adjustments', summary: '调整会员积分（需填写原因，记入审计日志）', auth: true, body: PointsAdjustmentInput, status: 201, response: LedgerEntry, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INSUFFICIENT_POINTS', 'BUSY'] },
  { method: 'get', path: '/v1/activities', summary: '我可参加的活动（本人所在工会及上级工会发布，报名中的在前）', auth: true, status: 200, response: ActivityPage, errors: ['UNAUTHENTICATED'] },
  { method: 'get', path: '/v1/activities/{id}', summary: '活动详情与我的报名状态', auth: true, params: ActivityParams, status: 200, response: Activity, errors: ['NOT_FOUND'] },
  { method: 'post', path: '/v1/activities/{id}/signups', summary: '报名（满员且开启候补时进入候补）', auth: true, params: ActivityParams, status: 201, response: SignupResult, errors: ['NOT_FOUND', 'NOT_A_MEMBER', 'OUT_OF_SCOPE', 'ALREADY_SIGNED_UP', 'SIGNUP_CLOSED', 'BUSY'] },
  { method: 'delete', path: '/v1/activities/{id}/signups/me', summary: '取消报名（首位候补自动递补）', auth: true, params: ActivityParams, status: 200, response: z.object({ status: z.literal('cancelled') }), errors: ['NOT_FOUND', 'INVALID_STATE', 'BUSY'] },
  { method: 'post', path: '/v1/activities/{id}/check-ins', summary: '现场扫码签到（奖励积分只发一次）', auth: true, params: ActivityParams, body: CheckInInput, status: 201, response: CheckInResult, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'INVALID_STATE', 'NOT_FOUND'] },
  { method: 'get', path: '/v1/me/activities', summary: '我的活动', auth: true, query: PageQuery, status: 200, response: ActivityPage, errors: ['UNAUTHENTICATED'] },
  { method: 'get', path: '/v1/admin/activities', summary: '管辖范围内的活动', auth: true, query: AdminActivityQuery, status: 200, response: ActivityPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE'] },
  { method: 'post', path: '/v1/admin/activities', summary: '发布活动', auth: true, body: ActivityInput, status: 201, response: Activity, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  { method: 'patch', path: '/v1/admin/activities/{id}', summary: '编辑活动（通知已报名会员）', auth: true, params: ActivityParams, body: ActivityPatch, status: 200, response: Activity, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  { method: 'post', path: '/v1/admin/activities/{id}/cancel', summary: '取消活动（通知已报名会员）', auth: true, params: ActivityParams, status: 200, response: Activity, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  { method: 'get', path: '/v1/admin/activities/{id}/signups', summary: '报名名单；format=csv 导出 Excel 可读的 CSV（UTF-8 BOM）', auth: true, params: ActivityParams, query: ParticipantQuery, status: 200, response: ParticipantPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  { method: 'get', path: '/v1/admin/activities/{id}/check-in-code', summary: '当前签到码（30 秒轮换）', auth: true, params: ActivityParams, status: 200, response: CheckInCode, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  { method: 'get', path: '/v1/admin/overview', summary: '管理首页待办：待审申请、待核销订单、今日活动', auth: true, query: OverviewQuery, status: 200, response: Overview, errors: ['FORBIDDEN', 'OUT_OF_SCOPE'] },
  { method: 'get', path: '/v1/admin/stats', summary: '本级及下级工会统计（按日，来自实时汇总）', auth: true, query: StatsQuery, status: 200, response: Stats, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE'] },
  { method: 'get', path: '/v1/admin/audit-log', summary: '管辖范围内的干部操作日志（新的在前，可筛选）', auth: true, query: AuditQuery, status: 200, response: AuditPage, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE'] },
  { method: 'get', path: '/v1/admin/roles', summary: '某工会的干部', auth: true, query: RolesQuery, status: 200, response: CadreList, errors: ['FORBIDDEN', 'OUT_OF_SCOPE'] },
  { method: 'post', path: '/v1/admin/roles', summary: '任命干部（按会员号，仅限本级及下级工会）', auth: true, body: AppointInput, status: 201, response: Cadre, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  { method: 'delete', path: '/v1/admin/roles/{orgId}/{userId}', summary: '免去干部（省总工会至少保留一名）', auth: true, params: RoleParams, status: 200, response: z.object({ removed: z.literal(true) }), errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  { method: 'get', path: '/v1/admin/members', summary: '按会员号查找会员（脱敏）', auth: true, query: MemberQuery, status: 200, response: MemberSummary, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  { method: 'get', path: '/v1/admin/members/{userId}', summary: '会员详情（脱敏）', auth: true, params: MemberParams, status: 200, response: MemberSummary, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  { method: 'put', path: '/v1/me/favorites/{kind}/{id}', summary: '收藏（重复收藏无副作用）', auth: true, params: FavoriteParams, status: 200, response: z.object({ kind: FavoriteKind, id: z.string(), favorite: z.literal(true) }), errors: ['VALIDATION_FAILED', 'NOT_FOUND'] },
  { method: 'delete', path: '/v1/me/favorites/{kind}/{id}', summary: '取消收藏（重复取消无副作用）', auth: true, params: FavoriteParams, status: 200, response: z.object({ kind: FavoriteKind, id: z.string(), favorite: z.literal(false) }), errors: ['VALIDATION_FAILED'] },
  { method: 'get', path: '/v1/me/favorites', summary: '我的收藏（含当前状态）', auth: true, query: PageQuery, status: 200, response: FavoritePage, errors: ['UNAUTHENTICATED'] },
  { method: 'get', path: '/v1/wechat/official-account', summary: '公众号服务器地址校验（signature/timestamp/nonce/echostr；返回 echostr 文本）', auth: false, query: OaQuery, status: 200, response: z.string(), errors: ['FORBIDDEN'] },
  { method: 'post', path: '/v1/wechat/official-account', summary: '公众号消息与事件推送（XML；菜单 SIGN_IN 签到）', auth: false, query: OaQuery, status: 200, response: z.string(), errors: ['FORBIDDEN', 'VALIDATION_FAILED'] },
];

export { ErrorBody };
