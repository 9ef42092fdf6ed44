import type { LedgerEntry } from '@union/shared/points';
import { AppError } from '../lib/errors';
import { auditItems } from '../repositories/audit';
import { statsItems } from '../repositories/stats';
import { chinaDay } from '@union/shared/china-day';
import type { PointsRepository } from '../repositories/points';
import type { UsersRepository } from '../repositories/users';
import { cadreRoles, notSelf, roleCovering } from './scope';

/**
 * A cadre adjusts a member's points with a reason: a ledger entry and an audit record (who, when, what,
 * balance before and after) in one transaction, conditioned on the member still being in the union the
 * scope check saw. A deduction can never take the balance below zero.
 */
export async function adjustPoints(
  deps: { users: UsersRepository; points: PointsRepository },
  cadreId: string,
  input: { userId: string; delta: number; reason: string },
  now: Date,
): Promise<LedgerEntry> {
  const roles = await cadreRoles(deps.users, cadreId);
  notSelf(cadreId, input.userId);
  for (let attempt = 0; attempt < 6; attempt++) {
    const member = await deps.users.profile(input.userId);
    if (!member) throw new AppError('NOT_FOUND', '会员不存在');
    const m = member.membership;
    if (m.status !== 'active' || !m.orgPath) throw new AppError('OUT_OF_SCOPE', '只能调整本会会员的积分');
    const role = roleCovering(roles, m.orgPath);
    if (member.balance + input.delta < 0) throw new AppError('INSUFFICIENT_POINTS', `扣减后积分不能为负：当前 ${member.balance} 分`);
    const audit = auditItems({
      actorUserId: cadreId, actorOrgId: role.orgId, action: 'points.adjust', objectType: 'user', objectId: member.id,
      orgId: m.orgId!, orgPath: m.orgPath, before: { balance: member.balance }, after: { balance: member.balance + input.delta, delta: input.delta, reason: input.reason }, at: now,
    });
    const result = await deps.points.post(
      member,
      { delta: input.delta, reason: `积分调整：${input.reason}`, refType: 'adjustment', refId: cadreId, at: now },
      { expression: 'membership.orgPath = :memberPath', values: { ':memberPath': m.orgPath } },
      [...audit, ...statsItems(m.orgPath, chinaDay(now), input.delta > 0 ? { pointsIssued: input.delta } : { pointsSpent: -input.delta })],
    );
    if (result.outcome === 'ok') return result.entry;
  }
  throw new AppError('BUSY');
}
