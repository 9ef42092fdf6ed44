/**
 * 会员认证: an existing member claims their roster record with name + 身份证号 (+ 手机号 when the roster
 * has one) and is an active member at once. It must not become an oracle: every mismatch gets the same
 * answer, each user has 5 failed attempts a China day (a conditional counter), and failures are audited.
 */
import type { z } from 'zod/mini';
import type { VerificationInput } from '@union/shared/roster';
import { chinaDay, chinaIso } from '@union/shared/china-day';
import { AppError } from '../lib/errors';
import { decryptPii, idNumberIndex } from '../lib/pii';
import type { MembershipRepository } from '../repositories/membership';
import type { UsersRepository } from '../repositories/users';
import type { RosterRecord, RosterRepository } from '../repositories/roster';
import { writeAudit } from '../repositories/audit';
import { cadreRoles, roleCovering } from './scope';
import type { Unions } from './ports';

export interface VerificationDeps {
  roster: RosterRepository;
  membership: MembershipRepository;
  orgs: Pick<Unions, 'children'>;
  users: UsersRepository;
}

export const VERIFY_FAILURES_PER_DAY = 5;
const sameName = (a: string, b: string) => a.replace(/\s+/g, '').replace(/•/g, '·') === b.replace(/\s+/g, '').replace(/•/g, '·');

/** Why a claim did not match — for the audit log only; the caller always gets VERIFICATION_FAILED. */
function mismatch(record: RosterRecord | undefined, input: z.infer<typeof VerificationInput>): string | undefined {
  if (!record) return 'no_record';
  if (!sameName(decryptPii(record.nameEnc), input.name)) return 'name';
  if (record.phoneEnc && decryptPii(record.phoneEnc) !== input.phone) return 'phone';
  return undefined;
}

export async function verifyMember(deps: VerificationDeps, userId: string, input: z.infer<typeof VerificationInput>, now: Date) {
  const profile = await deps.users.profile(userId);
  if (!profile) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
  if (profile.membership.status === 'active') throw new AppError('ALREADY_MEMBER');
  if (profile.membership.status === 'pending') throw new AppError('REQUEST_PENDING', '您有一份待审核的入会申请，请等待审核结果');
  const day = chinaDay(now);
  // The attempt is taken before anything is compared: a sixth try is refused even with the right data.
  const nextMidnight = Math.floor(new Date(`${day}T00:00:00+08:00`).getTime() / 1000) + 2 * 86_400;
  if (!(await deps.roster.takeAttempt(userId, day, VERIFY_FAILURES_PER_DAY, nextMidnight))) {
    throw new AppError('RATE_LIMITED', `今天的会员认证已失败 ${VERIFY_FAILURES_PER_DAY} 次，请明天再试，或联系所在工会核对名册`);
  }
  const idHash = idNumberIndex(input.idNumber);
  for (let attempt = 1; attempt <= 3; attempt++) {
    const [record, binding] = await Promise.all([deps.roster.record(idHash), deps.roster.binding(idHash)]);
    const reason = mismatch(record, input);
    if (reason || !record) {
      await auditAttempt(deps, userId, record, reason ?? 'no_record', now);
      throw new AppError('VERIFICATION_FAILED');
    }
    if (binding?.userId && binding.userId !== userId) {
      await deps.roster.giveBackAttempt(userId, day);
      await auditAttempt(deps, userId, record, 'bound_to_another', now);
      throw new AppError('ALREADY_BOUND');
    }
    // The record's own number (a national 会员号 kept from the roster), else the one it was given at an
    // earlier binding, else a new one from the sequence join approvals use.
    const memberNo = record.memberNo ?? binding?.memberNo ?? (await deps.membership.nextMemberNo());
    try {
      const outcome = await deps.roster.bind({ record, userId, memberNo, at: chinaIso(now), day, attemptDay: day });
      if (outcome === 'bound') return { status: 'bound' as const, orgId: record.orgId, orgName: record.orgName, memberNo };
    } catch (error) {
      // Lost a race (another WeChat bound it first, or this user became a member meanwhile): the data
      // matched, so the attempt is not a failure.
      if (error instanceof AppError && (error.code === 'ALREADY_BOUND' || error.code === 'ALREADY_MEMBER')) await deps.roster.giveBackAttempt(userId, day);
      throw error;
    }
    // The record changed between the read and the write (an import committed): read it again.
  }
  throw new AppError('BUSY');
}

/** A failed or refused claim, in the audit log of the record's union (or the root's when there is no record). */
async function auditAttempt(deps: VerificationDeps, userId: string, record: RosterRecord | undefined, reason: string, now: Date) {
  const org = record ? { id: record.orgId, path: record.orgPath } : (await deps.orgs.children(null, 1)).items[0];
  await writeAudit({
    actorUserId: userId, actorOrgId: '', action: reason === 'bound_to_another' ? 'member_verification.refused' : 'member_verification.failed',
    objectType: 'roster_record', objectId: record ? record.idHash.slice(0, 16) : '-', orgId: org?.id ?? '', orgPath: org?.path ?? '', after: { reason }, at: now,
  });
}

/**
 * A cadre releases a member's record from their WeChat (lost phone, new account): the account is no
 * longer a member; the record keeps its member number for the next verification. Audited with the reason.
 */
export async function unbindMember(deps: VerificationDeps, cadreId: string, userId: string, reason: string, now: Date) {
  if (cadreId === userId) throw new AppError('SELF_ACTION', '不能解绑自己的会员认证，请联系上级工会');
  const roles = await cadreRoles(deps.users, cadreId);
  const profile = await deps.users.profile(userId);
  if (!profile) throw new AppError('NOT_FOUND', '用户不存在');
  const m = profile.membership;
  if (m.status !== 'active' || !m.orgPath || !m.memberNo) throw new AppError('INVALID_STATE', '该用户目前不是会员');
  const role = roleCovering(roles, m.orgPath);
  const idHash = await deps.roster.boundRecordOf(userId);
  if (!idHash) throw new AppError('INVALID_STATE', '该会员不是通过会员认证绑定的，无需解绑');
  await deps.roster.unbind(
    { userId, idHash, membership: { orgPath: m.orgPath, memberNo: m.memberNo }, day: chinaDay(now), at: chinaIso(now) },
    { actorUserId: cadreId, actorOrgId: role.orgId, action: 'member.unbind', objectType: 'member', objectId: userId, orgId: m.orgId!, orgPath: m.orgPath, before: { memberNo: m.memberNo }, after: { reason }, at: now },
  );
  return { userId, status: 'unbound' as const };
}
