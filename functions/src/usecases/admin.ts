import type { Overview, Stats, MemberSummary } from '@union/shared/admin';
import { addDays, chinaDay } from '@union/shared/china-day';
import { AppError } from '../lib/errors';
import type { StoredJoinRequest } from '../entities/membership-request';
import { METRICS } from '../entities/stats';
import type { ActivityListings, AuditLog, Cadres, Ledger, MembershipReads, Members, Statistics, Unions } from './ports';
import { cadreRoles, roleCovering, scopedOpenOrg, scopedOrg } from './scope';

export interface AdminDeps {
  users: Members;
  orgs: Unions;
  roles: Cadres;
  points: Ledger;
  membership: MembershipReads;
  activities: ActivityListings;
  stats: Statistics;
  audit: AuditLog;
}

/** The 管理 home's to-do counts for a union's subtree. */
export async function overview(deps: AdminDeps, cadreId: string, orgId: string | undefined, now: Date): Promise<Overview> {
  const { org } = await scopedOrg(deps, cadreId, orgId);
  const today = chinaDay(now);
  const [pendingJoinRequests, pendingTransferRequests, ordersAwaitingPickup, recent] = await Promise.all([
    deps.stats.pendingJoins(org.id),
    deps.stats.pendingTransfers(org.id),
    deps.stats.awaitingPickup(org.id),
    deps.activities.inScope(org.id, 100),
  ]);
  const activitiesToday = recent.items.filter(
    (a) => a.status === 'published' && a.startsAt.slice(0, 10) <= today && today <= a.endsAt.slice(0, 10),
  ).length;
  return { orgId: org.id, orgName: org.name, pendingJoinRequests, pendingTransferRequests, ordersAwaitingPickup, activitiesToday };
}

/**
 * Statistics of a union's subtree over China days `from`…`to`: read from the daily counters kept as
 * events happen (one partition per union, a few items per day) — never a scan.
 */
export async function stats(deps: AdminDeps, cadreId: string, q: { orgId?: string; from: string; to: string }): Promise<Stats> {
  const { org } = await scopedOrg(deps, cadreId, q.orgId);
  const [rows, members, roster, joinPending, transferPending] = await Promise.all([
    deps.stats.dailyStats(org.id, q.from, q.to),
    deps.stats.memberCount(org.id, q.to),
    deps.stats.rosterCount(org.id, q.to),
    deps.stats.pendingJoins(org.id),
    deps.stats.pendingTransfers(org.id),
  ]);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const zero = Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<(typeof METRICS)[number], number>;
  const days: Stats['days'] = [];
  for (let d = q.from; d <= q.to; d = addDays(d, 1)) {
    const { memberDelta: _m, ...row } = { ...zero, ...byDay.get(d), day: d };
    days.push(row);
  }
  const totals = Object.fromEntries(METRICS.filter((m) => m !== 'memberDelta').map((m) => [m, days.reduce((s, r) => s + Number(r[m as keyof typeof r]), 0)])) as Stats['totals'];
  return {
    orgId: org.id, orgName: org.name, from: q.from, to: q.to, members, roster, days, totals,
    averageWaitHours: totals.requestsDecided ? Math.round((totals.requestWaitSeconds / totals.requestsDecided / 3600) * 10) / 10 : null,
    pending: { joinRequests: joinPending, transferRequests: transferPending },
  };
}

export async function listAudit(
  deps: AdminDeps,
  cadreId: string,
  q: { orgId?: string; from?: string; to?: string; action?: string; actorUserId?: string; limit: number; cursor?: string },
) {
  const { org } = await scopedOrg(deps, cadreId, q.orgId);
  // SKs are UTC instants; a China day starts 8 hours earlier in UTC.
  const from = q.from ? new Date(`${q.from}T00:00:00+08:00`).toISOString() : undefined;
  const to = q.to ? new Date(`${addDays(q.to, 1)}T00:00:00+08:00`).toISOString() : undefined;
  return deps.audit.ofScope(org.id, { ...q, from, to });
}

export async function listCadres(deps: AdminDeps, cadreId: string, orgId: string | undefined) {
  const { org } = await scopedOrg(deps, cadreId, orgId);
  const cadres = await deps.roles.cadresOf(org.id);
  const profiles = await Promise.all(cadres.map((c) => deps.users.profile(c.userId)));
  return {
    items: cadres.map((c, i) => ({ ...c, nickname: profiles[i]?.nickname ?? '', memberNo: profiles[i]?.membership.memberNo })),
    nextCursor: null,
  };
}

/** A cadre appoints a member as cadre of a union in their scope (never above or beside it). */
export async function appointCadre(deps: AdminDeps, cadreId: string, input: { memberNo: string; orgId: string }, now: Date) {
  const { org, role } = await scopedOpenOrg(deps, cadreId, input.orgId);
  const userId = await deps.users.idByMemberNo(input.memberNo);
  const member = userId ? await deps.users.profile(userId) : undefined;
  if (!member || member.membership.status !== 'active') throw new AppError('NOT_FOUND', '未找到该会员号对应的会员');
  await deps.roles.appoint(member.id, { role: 'cadre', orgId: org.id, orgName: org.name, orgPath: org.path }, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'role.appoint', objectType: 'user', objectId: member.id,
    orgId: org.id, orgPath: org.path, after: { role: 'cadre', orgId: org.id }, at: now,
  });
  return { userId: member.id, nickname: member.nickname, memberNo: member.membership.memberNo, orgId: org.id, orgName: org.name };
}

/** Removes a cadre of a union in scope; the root union always keeps at least one. */
export async function removeCadre(deps: AdminDeps, cadreId: string, input: { orgId: string; userId: string }, now: Date) {
  const { org, role } = await scopedOrg(deps, cadreId, input.orgId);
  await deps.roles.remove(input.userId, org.id, org.parentId === null, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'role.remove', objectType: 'user', objectId: input.userId,
    orgId: org.id, orgPath: org.path, before: { role: 'cadre', orgId: org.id }, at: now,
  });
  return { removed: true };
}

/** A member in scope, found by member number: masked personal data, points and recent history. */
export async function lookupMember(deps: AdminDeps, cadreId: string, q: { memberNo?: string; userId?: string }): Promise<MemberSummary> {
  const roles = await cadreRoles(deps.users, cadreId);
  const userId = q.userId ?? (q.memberNo ? await deps.users.idByMemberNo(q.memberNo) : undefined);
  const member = userId ? await deps.users.profile(userId) : undefined;
  if (!member || !member.membership.orgPath) throw new AppError('NOT_FOUND', '未找到该会员');
  roleCovering(roles, member.membership.orgPath);
  const [ledger, joins] = await Promise.all([
    deps.points.ledger(member.id, 10),
    deps.membership.byUser<StoredJoinRequest>('join', member.id, 10),
  ]);
  const approved = joins.items.find((r) => r.status === 'approved');
  return {
    userId: member.id, nickname: member.nickname, memberNo: member.membership.memberNo, orgId: member.membership.orgId,
    orgName: member.membership.orgName, status: member.membership.status, balance: member.balance,
    ...(approved ? { name: approved.nameMasked, idNumber: approved.idNumberMasked, phone: approved.phoneMasked } : {}),
    recentLedger: ledger.items.map(({ id, delta, balanceAfter, reason, createdAt }) => ({ id, delta, balanceAfter, reason, createdAt })),
  };
}

