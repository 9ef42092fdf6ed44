import type { LedgerEntry } from '@union/shared/points';
import { AppError } from '../lib/errors';
import { AGAIN, retrying } from '../lib/retry';
import type { Ledger, Members } from './ports';
import { cadreRoles, notSelf, roleCovering } from './scope';

/**
 * A cadre adjusts a member's points with a reason: a ledger entry and an audit record (who, when, what,
 * balance before and after) in one transaction, conditioned on the member still being in the union the
 * scope check saw. A deduction can never take the balance below zero.
 */
export async function adjustPoints(
  deps: { users: Pick<Members, 'withRoles' | 'profile'>; points: Pick<Ledger, 'adjust'> },
  cadreId: string,
  input: { userId: string; delta: number; reason: string },
  now: Date,
): Promise<LedgerEntry> {
  const roles = await cadreRoles(deps.users, cadreId);
  notSelf(cadreId, input.userId);
  return retrying(async () => {
    const member = await deps.users.profile(input.userId);
    if (!member) throw new AppError('NOT_FOUND', '会员不存在');
    const m = member.membership;
    if (m.status !== 'active' || !m.orgPath) throw new AppError('OUT_OF_SCOPE', '只能调整本会会员的积分');
    const role = roleCovering(roles, m.orgPath);
    if (member.balance + input.delta < 0) throw new AppError('INSUFFICIENT_POINTS', `扣减后积分不能为负：当前 ${member.balance} 分`);
    const result = await deps.points.adjust(
      member,
      { delta: input.delta, reason: `积分调整：${input.reason}`, refType: 'adjustment', refId: cadreId, at: now },
      m.orgPath,
      {
        actorUserId: cadreId, actorOrgId: role.orgId, action: 'points.adjust', objectType: 'user', objectId: member.id,
        orgId: m.orgId!, orgPath: m.orgPath, before: { balance: member.balance }, after: { balance: member.balance + input.delta, delta: input.delta, reason: input.reason }, at: now,
      },
    );
    if (result.outcome === 'ok') return result.entry;
    return AGAIN;
  });
}
