import * as z from 'zod/mini';
import { ChinaDate, IsoDateTime, PageQuery, page } from './common';
import { OrgId } from './orgs';

export const StatsQuery = z
  .object({ orgId: z.optional(OrgId), from: ChinaDate, to: ChinaDate })
  .check(z.refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['from'] }))
  .check(z.refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 366, { message: '统计区间最长一年', path: ['to'] }));

export const DailyStats = z.object({
  day: z.string(),
  signIns: z.number(),
  activeUsers: z.number(),
  pointsIssued: z.number(),
  pointsSpent: z.number(),
  redemptions: z.number(),
  cancellations: z.number(),
  signups: z.number(),
  checkIns: z.number(),
  newMembers: z.number(),
  entriesMenu: z.number(),
  entriesOther: z.number(),
  requestsDecided: z.number(),
  requestWaitSeconds: z.number(),
  /** Roster records (工会会员实名制) added (−: moved out) that day. */
  rosterRecords: z.number(),
});
export type DailyStats = z.infer<typeof DailyStats>;

export const Stats = z.object({
  orgId: z.string(),
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
  /** Active members of the subtree at the end of `to`. */
  members: z.number(),
  /** Records in the roster of the subtree at the end of `to` (bound to a WeChat or not). */
  roster: z.number(),
  days: z.array(DailyStats),
  totals: z.omit(DailyStats, { day: true }),
  /** Average wait of requests decided in the range, in hours (null: none decided). */
  averageWaitHours: z.nullable(z.number()),
  pending: z.object({ joinRequests: z.number(), transferRequests: z.number() }),
});
export type Stats = z.infer<typeof Stats>;

export const OverviewQuery = z.object({ orgId: z.optional(OrgId) });
export const Overview = z.object({
  orgId: z.string(),
  orgName: z.string(),
  pendingJoinRequests: z.number(),
  pendingTransferRequests: z.number(),
  ordersAwaitingPickup: z.number(),
  activitiesToday: z.number(),
});
export type Overview = z.infer<typeof Overview>;

export const Cadre = z.object({ userId: z.string(), nickname: z.string(), memberNo: z.optional(z.string()), orgId: z.string(), orgName: z.string() });
export const CadreList = z.object({ items: z.array(Cadre), nextCursor: z.nullable(z.string()) });
export const RolesQuery = z.object({ orgId: z.optional(OrgId) });
export const MemberNo = z.string().check(z.trim(), z.regex(/^[A-Za-z0-9]{4,20}$/, '会员号格式不正确'));
export const AppointInput = z.object({ memberNo: MemberNo, orgId: OrgId });
export const RoleParams = z.object({ orgId: OrgId, userId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, '用户编号无效')) });

export const AuditQuery = z.extend(PageQuery, {
  orgId: z.optional(OrgId),
  from: z.optional(ChinaDate),
  to: z.optional(ChinaDate),
  action: z.optional(z.string().check(z.regex(/^[a-z_.]{1,40}$/, '操作类型无效'))),
  actorUserId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, '用户编号无效'))),
}).check(z.refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['from'] }));
export const AuditEntry = z.object({
  id: z.string(),
  at: IsoDateTime,
  actorUserId: z.string(),
  actorOrgId: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  orgId: z.string(),
  orgPath: z.string(),
  before: z.optional(z.record(z.string(), z.unknown())),
  after: z.optional(z.record(z.string(), z.unknown())),
});
export const AuditPage = page(AuditEntry);

export const MemberQuery = z.object({ memberNo: MemberNo });
export const MemberParams = z.object({ userId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, '用户编号无效')) });
export const MemberSummary = z.object({
  userId: z.string(),
  nickname: z.string(),
  memberNo: z.optional(z.string()),
  orgId: z.optional(z.string()),
  orgName: z.optional(z.string()),
  status: z.string(),
  balance: z.number(),
  /** From the approved join request, masked; absent for members who joined before the app. */
  name: z.optional(z.string()),
  idNumber: z.optional(z.string()),
  phone: z.optional(z.string()),
  recentLedger: z.array(z.object({ id: z.string(), delta: z.number(), balanceAfter: z.number(), reason: z.string(), createdAt: IsoDateTime })),
});
export type MemberSummary = z.infer<typeof MemberSummary>;
