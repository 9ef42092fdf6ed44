import { randomUUID } from 'node:crypto';
import type { TransferRequest } from '@union/shared/membership';
import { chinaIso } from '@union/shared/china-day';
import { AppError, validationFailed } from '../lib/errors';
import type { RequestStatus, StoredTransferRequest } from '../entities/membership-request';
import type { JoinDeps } from './join';
import { assertOpen, cadreRoles, notSelf, roleCovering, scopedOrg } from './scope';
import { notifyMember } from './notify';

export const transferView = (r: StoredTransferRequest, now: Date): TransferRequest => ({
  id: r.id, userId: r.userId, status: r.status, fromOrgId: r.fromOrgId, fromOrgName: r.fromOrgName, toOrgId: r.toOrgId,
  toOrgName: r.toOrgName, reason: r.reason, memberName: r.memberName, memberNo: r.memberNo, createdAt: r.createdAt,
  decidedAt: r.decidedAt, rejectReason: r.rejectReason,
  waitingSeconds: Math.max(0, Math.round((new Date(r.decidedAt ?? now).getTime() - new Date(r.createdAt).getTime()) / 1000)),
});

/**
 * An active member asks to move to another basic-level union. One transaction marks the member's one
 * open transfer (conditioned on still being an active member of the union they are leaving) and files
 * the request in the review queues above the destination — its cadres decide.
 */
export async function requestTransfer(deps: JoinDeps, userId: string, input: { toOrgId: string; reason: string }, now: Date) {
  const profile = await deps.users.profile(userId);
  if (!profile) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
  const m = profile.membership;
  if (m.status !== 'active' || !m.orgId) throw new AppError('NOT_A_MEMBER', '只有正式会员可以申请转会');
  const to = await deps.orgs.get(input.toOrgId);
  if (!to) throw new AppError('NOT_FOUND', '所选工会不存在');
  if (to.level !== 'basic') throw validationFailed([{ path: 'toOrgId', message: '只能转入基层工会，请选择基层工会' }]);
  assertOpen(to, '该工会已撤销，请选择其他工会');
  if (to.id === m.orgId) throw validationFailed([{ path: 'toOrgId', message: '您已在该工会，请选择其他工会' }]);
  const request: StoredTransferRequest = {
    id: randomUUID(), userId, status: 'pending',
    fromOrgId: m.orgId, fromOrgName: m.orgName ?? '', fromOrgPath: m.orgPath ?? '',
    toOrgId: to.id, toOrgName: to.name, toOrgPath: to.path,
    reason: input.reason, memberName: profile.nickname, memberNo: m.memberNo, createdAt: chinaIso(now),
  };
  await deps.membership.fileTransfer(request);
  return { id: request.id, status: 'pending' as const };
}

async function transferInScope(deps: JoinDeps, cadreId: string, id: string) {
  const roles = await cadreRoles(deps.users, cadreId);
  const request = await deps.membership.transferRequest(id);
  if (!request) throw new AppError('NOT_FOUND', '申请不存在');
  // The destination's cadres decide — never the member who asked.
  const role = roleCovering(roles, request.toOrgPath);
  notSelf(cadreId, request.userId);
  return { request, role };
}

export async function listTransferRequests(
  deps: JoinDeps,
  cadreId: string,
  query: { status: RequestStatus; orgId?: string; limit: number; cursor?: string },
  now: Date,
) {
  const { org } = await scopedOrg(deps, cadreId, query.orgId);
  const page = await deps.membership.queue<StoredTransferRequest>('transfer', query.status, org.id, query.limit, query.cursor);
  return { items: page.items.map((r) => transferView(r, now)), nextCursor: page.nextCursor };
}

export async function approveTransfer(deps: JoinDeps, cadreId: string, id: string, now: Date) {
  const { request, role } = await transferInScope(deps, cadreId, id);
  if (request.status !== 'pending') throw new AppError('INVALID_STATE', '该申请已被处理');
  await deps.membership.approveTransfer(request, { by: cadreId, at: chinaIso(now) }, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'transfer_request.approve', objectType: 'transfer_request', objectId: request.id,
    orgId: request.toOrgId, orgPath: request.toOrgPath, before: { orgId: request.fromOrgId }, after: { orgId: request.toOrgId }, at: now,
  });
  await tellMember(deps, request, '转会申请已通过', `您已转入${request.toOrgName}，会员号、积分和记录保持不变。`, now);
  return { id: request.id, status: 'approved' as const };
}

export async function rejectTransfer(deps: JoinDeps, cadreId: string, id: string, reason: string, now: Date) {
  const { request, role } = await transferInScope(deps, cadreId, id);
  if (request.status !== 'pending') throw new AppError('INVALID_STATE', '该申请已被处理');
  await deps.membership.rejectTransfer(request, { by: cadreId, at: chinaIso(now), reason }, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'transfer_request.reject', objectType: 'transfer_request', objectId: request.id,
    orgId: request.toOrgId, orgPath: request.toOrgPath, before: { status: 'pending' }, after: { status: 'rejected', reason }, at: now,
  });
  await tellMember(deps, request, '转会申请未通过', `您申请转入${request.toOrgName}未获通过，原因：${reason}。`, now);
  return { id: request.id, status: 'rejected' as const };
}

async function tellMember(deps: JoinDeps, r: StoredTransferRequest, title: string, body: string, now: Date) {
  await notifyMember(deps.notifier, { userId: r.userId, openid: '', consented: false }, { kind: 'transfer_result', title, body, link: '/packages/membership/requests/index' }, undefined, now);
}

export async function myTransferRequests(deps: JoinDeps, userId: string, page: { limit: number; cursor?: string }, now: Date) {
  const out = await deps.membership.byUser<StoredTransferRequest>('transfer', userId, page.limit, page.cursor);
  return { items: out.items.map((r) => transferView(r, now)), nextCursor: out.nextCursor };
}
