/**
 * The member's rights over their account (个人信息保护法): a copy of everything stored about them, and
 * 注销 (the export is usecases/account-export.ts). Rules, and what the union keeps: docs/design.md → "Export
 * and 注销".
 */
import type { AccountDeleted } from '@union/shared/account';
import { chinaDay, chinaIso } from '@union/shared/china-day';
import { AppError } from '../lib/errors';
import type { AuditAction } from '@union/shared/audit-actions';
import type { AuditRecord } from '../entities/audit';
import type { StoredJoinRequest, StoredTransferRequest } from '../entities/membership-request';
import type { StoredOrgApplication } from '../entities/org-application';
import type { UserProfile } from '../entities/user';
import type { RosterBindings } from '../repositories/roster-bindings';
import type { Accounts, Activities, ErasePlan, Mall, MembershipRequests, OrgApplications } from './ports';
import { all } from './pages';
import { cancelMyOrder, type MallDeps } from './mall';
import { cancelSignup, type ActivityDeps } from './activities';

export interface AccountDeps {
  users: MallDeps['users'];
  accounts: Accounts;
  mall: Pick<Mall, 'ordersOfUser'>;
  activities: Pick<Activities, 'signupsOfUser' | 'many'>;
  membership: MembershipRequests;
  applications: OrgApplications;
  roster: Pick<RosterBindings, 'boundRecordOf' | 'unbind'>;
  /** The existing cancel use cases' own deps: refunds, stock and promotion happen exactly as when the member cancels. */
  mallDeps: MallDeps;
  activityDeps: ActivityDeps;
}

export const gone = () => new AppError('UNAUTHENTICATED', '账号已注销，请重新登录');

/** What a cadre is told when asking for 注销: the rule of docs/design.md, in the page's words too. */
export const CADRE_CANNOT_DELETE = '您目前是工会干部，不能直接注销。请先请上级工会解除您的干部身份（或移交给其他干部），再申请注销。';

/** Closing one's own account: the actor is the member, the union is the one they belonged to. */
function auditOf(userId: string, m: UserProfile['membership'], action: AuditAction, now: Date, extra: Pick<AuditRecord, 'before' | 'after'> = {}): AuditRecord {
  return { actorUserId: userId, actorOrgId: '', action, objectType: 'account', objectId: userId, orgId: m.orgId ?? '', orgPath: m.orgPath ?? '', ...extra, at: now };
}

/** A cancel that lost to another (the member's other device, a cadre's 核销) is not this deletion's failure. */
async function settled(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'INVALID_STATE' || error.code === 'NOT_FOUND')) return false;
    throw error;
  }
}

/** Pending join, transfer and 建会 requests are withdrawn (decided as rejected by the applicant, audited). */
async function withdrawRequests(deps: AccountDeps, userId: string, joins: StoredJoinRequest[], transfers: StoredTransferRequest[], applications: StoredOrgApplication[], now: Date): Promise<number> {
  const decision = { by: userId, at: chinaIso(now), reason: '申请人已注销账号' };
  const audit = (objectType: 'join_request' | 'transfer_request' | 'org_application', objectId: string, orgId: string, orgPath: string): AuditRecord => ({
    actorUserId: userId, actorOrgId: '', action: `${objectType}.withdraw`, objectType, objectId, orgId, orgPath, after: { reason: decision.reason }, at: now,
  });
  let withdrawn = 0;
  for (const r of joins.filter((j) => j.status === 'pending')) {
    if (await settled(() => deps.membership.rejectJoin(r, decision, audit('join_request', r.id, r.orgId, r.orgPath)))) withdrawn++;
  }
  for (const r of transfers.filter((t) => t.status === 'pending')) {
    if (await settled(() => deps.membership.rejectTransfer(r, decision, audit('transfer_request', r.id, r.toOrgId, r.toOrgPath)))) withdrawn++;
  }
  for (const a of applications.filter((x) => x.status === 'pending')) {
    if (await settled(() => deps.applications.reject(a, decision, audit('org_application', a.id, a.parentId, a.parentPath)))) withdrawn++;
  }
  return withdrawn;
}

/** The member's union lets them go: a roster record is unbound (it stays, the union's), a join-made membership ends. */
async function endMembership(deps: AccountDeps, profile: UserProfile, joins: StoredJoinRequest[], now: Date): Promise<void> {
  const m = profile.membership;
  if (m.status !== 'active' || !m.orgId || !m.orgPath || !m.memberNo) return;
  const membership = { orgId: m.orgId, orgPath: m.orgPath, memberNo: m.memberNo };
  const audit = auditOf(profile.id, m, 'account.leave', now, { before: { memberNo: m.memberNo } });
  const idHash = await deps.roster.boundRecordOf(profile.id);
  if (idHash) {
    await deps.roster.unbind({ userId: profile.id, idHash, membership, day: chinaDay(now), at: chinaIso(now) }, audit);
    return;
  }
  const approved = joins.find((r) => r.status === 'approved' && r.memberNo === m.memberNo) ?? joins.find((r) => r.status === 'approved');
  await deps.accounts.leave({ userId: profile.id, idHash: approved?.idHash, membership, day: chinaDay(now) }, audit);
}

/**
 * 注销 (POST /v1/me/deletion):
 * 1. a cadre cannot (INVALID_STATE): the role is handed over or removed by the union above first;
 * 2. pending join, transfer and 建会 requests are withdrawn;
 * 3. orders awaiting pickup and signups of activities not yet begun are cancelled through the same use
 *    cases as the member's own cancel — points refunded, stock back, the first waiter promoted;
 * 4. the membership ends: the roster record is unbound (it stays, the union's) or a join-made one is released;
 * 5. one transaction closes the account as read: profile and WeChat mappings gone, leftover points lapse by
 *    a ledger entry, audited (a concurrent deletion finds the account gone: UNAUTHENTICATED);
 * 6. the rest of its personal data is erased: its partition but the ledger, its name in others' lists.
 * Tokens stop at once: the edge refuses a user without a profile. Logging in again makes a new user.
 */
export async function deleteMyAccount(deps: AccountDeps, userId: string, now: Date): Promise<AccountDeleted> {
  const found = await deps.users.withRoles(userId);
  if (!found) throw gone();
  if (found.roles.length > 0) throw new AppError('INVALID_STATE', CADRE_CANNOT_DELETE);
  const [joins, transfers, applications] = await Promise.all([
    all((l, c) => deps.membership.byUser<StoredJoinRequest>('join', userId, l, c)),
    all((l, c) => deps.membership.byUser<StoredTransferRequest>('transfer', userId, l, c)),
    all((l, c) => deps.applications.byUser(userId, l, c)),
  ]);
  const requestsWithdrawn = await withdrawRequests(deps, userId, joins, transfers, applications, now);
  const membershipAtStart = found.profile.membership;
  let ordersCancelled = 0;
  let signupsCancelled = 0;
  const signupsSeen = new Map<string, { activityId: string }>();
  // Settle, then close as read. A redemption or refund landing in between moves the ledger and fails the
  // close: the next round settles what it brought. (Not one retrying(): the cancel use cases retry on their own.)
  for (let round = 0; round < 4; round++) {
    // The ledger as it was before settling: anything posted from here on (a redemption racing us, our own
    // refunds) shows as a moved ledgerSeq, and the round settles again before closing.
    const before = await deps.users.profile(userId);
    if (!before) throw gone();
    const orders = await all((l, c) => deps.mall.ordersOfUser(userId, l, c));
    for (const o of orders.filter((x) => x.status === 'awaiting_pickup')) {
      if (await settled(() => cancelMyOrder(deps.mallDeps, userId, o.id, now))) ordersCancelled++;
    }
    const signups = await all((l, c) => deps.activities.signupsOfUser(userId, l, c));
    signups.forEach((s) => signupsSeen.set(s.activityId, s));
    const open = signups.filter((s) => (s.status === 'confirmed' || s.status === 'waitlisted') && !s.checkedInAt);
    const ahead = new Set((await deps.activities.many([...new Set(open.map((s) => s.activityId))]))
      .filter((a) => a.status === 'published' && Date.parse(a.startsAt) > now.getTime()).map((a) => a.id));
    for (const s of open.filter((x) => ahead.has(x.activityId))) {
      if (await settled(() => cancelSignup(deps.activityDeps, userId, s.activityId, now))) signupsCancelled++;
    }

    if (before.membership.status === 'active') await settled(() => endMembership(deps, before, joins, now));
    const profile = await deps.users.profile(userId);
    if (!profile) throw gone();
    if (profile.ledgerSeq !== before.ledgerSeq) continue;
    if (profile.membership.status === 'pending') throw new AppError('INVALID_STATE', '您有刚提交的入会申请，请稍后再试');
    if (profile.membership.status !== 'none') continue;
    const audit = auditOf(userId, membershipAtStart, 'account.delete', now, {
      before: { memberNo: membershipAtStart.memberNo, balance: profile.balance },
      after: { ordersCancelled, signupsCancelled, requestsWithdrawn, pointsLapsed: profile.balance },
    });
    const plan: ErasePlan = {
      openid: profile.openid, signups: [...signupsSeen.values()].map((s) => ({ activityId: s.activityId })),
      joinRequestIds: joins.map((r) => r.id), transferRequestIds: transfers.map((r) => r.id), orgApplicationIds: applications.map((a) => a.id),
    };
    if ((await deps.accounts.close({ profile, at: now, erase: plan }, audit)) === 'stale') continue;
    await deps.accounts.erase({ userId, ...plan });
    return { status: 'deleted', deletedAt: chinaIso(now), ordersCancelled, signupsCancelled, requestsWithdrawn, pointsForfeited: profile.balance };
  }
  throw new AppError('BUSY', '账号正在变动，请稍后重试');
}

/** A 注销 request runs for seconds; an account closed longer ago than this and still pending was left by a dead one. */
export const ERASE_GRACE_MS = 15 * 60_000;

/**
 * The scheduled sweep (jobs `erase`): finishes the erase of accounts closed more than `graceMs` ago whose
 * request died between close and erase. Erasing is idempotent, so a sweep racing a late request or another
 * sweep does no harm; it stops at `deadline` and the next run carries on.
 */
export async function sweepErasures(deps: Pick<AccountDeps, 'accounts'>, o: { now: Date; graceMs: number; batch: number; deadline: number }): Promise<{ erased: number }> {
  const before = new Date(o.now.getTime() - o.graceMs).toISOString();
  const done = new Set<string>();
  while (Date.now() < o.deadline) {
    const pending = await deps.accounts.pendingErasures(before, o.batch);
    // The index is eventually consistent: a plan erased a moment ago can come back once; not erased twice.
    const fresh = pending.filter((p) => !done.has(p.userId));
    for (const plan of fresh) {
      await deps.accounts.erase(plan);
      done.add(plan.userId);
    }
    if (pending.length < o.batch || fresh.length === 0) break;
  }
  return { erased: done.size };
}
