/** The operations served by the `admin` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import * as z from 'zod/mini';
import { AppointInput, AuditPage, AuditQuery, Cadre, CadreList, MemberParams, MemberQuery, MemberSummary, Overview, OverviewQuery, RoleParams, RolesQuery, Stats, StatsQuery } from '../admin';
import type { RouteSpec } from '../route-spec';

export const adminRoutes = {
  'GET /v1/admin/overview': { fn: 'admin', summary: '管理首页待办：待审申请、待核销订单、今日活动', auth: true, query: OverviewQuery, status: 200, response: Overview, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/stats': { fn: 'admin', summary: '本级及下级工会统计（按日，来自实时汇总）', auth: true, query: StatsQuery, status: 200, response: Stats, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE'] },
  'GET /v1/admin/audit-log': { fn: 'admin', summary: '管辖范围内的干部操作日志（新的在前，可筛选）', auth: true, query: AuditQuery, status: 200, response: AuditPage, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/roles': { fn: 'admin', summary: '某工会的干部', auth: true, query: RolesQuery, status: 200, response: CadreList, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/roles': { fn: 'admin', idempotent: true, summary: '任命干部（按会员号，仅限本级及下级工会）', auth: true, body: AppointInput, status: 201, response: Cadre, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'DELETE /v1/admin/roles/{orgId}/{userId}': { fn: 'admin', summary: '免去干部（省总工会至少保留一名）', auth: true, params: RoleParams, status: 200, response: z.object({ removed: z.literal(true) }), errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'GET /v1/admin/members': { fn: 'admin', summary: '按会员号查找会员（脱敏）', auth: true, query: MemberQuery, status: 200, response: MemberSummary, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/members/{userId}': { fn: 'admin', summary: '会员详情（脱敏）', auth: true, params: MemberParams, status: 200, response: MemberSummary, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
} satisfies Record<string, RouteSpec>;
