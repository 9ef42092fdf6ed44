import { randomUUID } from 'node:crypto';
import type { JoinRequest, JoinRequestInput } from '@union/shared/membership';
import { maskIdNumber, maskName, maskPhone } from '@union/shared/id-number';
import { chinaIso } from '@union/shared/china-day';
import { AppError, validationFailed } from '../lib/errors';
import { decryptPii, encryptPii, idNumberIndex } from '../lib/pii';
import type { RequestStatus, StoredJoinRequest } from '../entities/membership-request';
import type { AuditLog, MembershipReads, MembershipRequests, Members, Unions } from './ports';
import { assertOpen, cadreRoles, notSelf, roleCovering, scopedOrg } from './scope';
import { notifyMember, type Notifier } from './notify';

export interface JoinDeps {
  membership: MembershipRequests;
  orgs: Unions;
  users: Members;
  notifier: Notifier;
  audit: Pick<AuditLog, 'write'>;
}

const waited = (from: string, to: Date | string) => Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000));

/** The request as its owner sees it: their own data in full. */
export function ownerView(r: StoredJoinRequest, now: Date): JoinRequest {
  return {
    id: r.id, userId: r.userId, status: r.status, orgId: r.orgId, orgName: r.orgName,
    name: decryptPii(r.nameEnc), idNumber: decryptPii(r.idNumberEnc), phone: decryptPii(r.phoneEnc),
    employer: r.employer, createdAt: r.createdAt, decidedAt: r.decidedAt, reason: r.reason, memberNo: r.memberNo,
    waitingSeconds: waited(r.createdAt, r.decidedAt ?? now),
  };
}

/** The request as a cadre sees it: personal data masked. */
export function reviewerView(r: StoredJoinRequest, now: Date): JoinRequest {
  return {
    id: r.id, userId: r.userId, status: r.status, orgId: r.orgId, orgName: r.orgName,
    name: r.nameMasked, idNumber: r.idNumberMasked, phone: r.phoneMasked,
    employer: r.employer, createdAt: r.createdAt, decidedAt: r.decidedAt, reason: r.reason, memberNo: r.memberNo,
    waitingSeconds: waited(r.createdAt, r.decidedAt ?? now),
  };
}

/**
 * A worker applies to join a basic-level union:
 * 1. the union must exist and be basic-level (only those take members);
 * 2. personal data is encrypted; the 身份证号 is indexed only by its keyed hash;
 * 3. one transaction moves the user's membership none → pending (so one open request at a time; a
 *    rejected applicant is back at none and may apply again), checks the 身份证号 is not an active
 *    member already, and files the request in the review queues of every union above it.
 */
export async function applyToJoin(deps: JoinDeps, userId: string, input: JoinRequestInput, now: Date) {
  const org = await deps.orgs.get(input.orgId);
  if (!org) throw new AppError('NOT_FOUND', '所选工会不存在');
  if (org.level !== 'basic') throw validationFailed([{ path: 'orgId', message: '只有基层工会可以接收会员，请选择基层工会' }]);
  assertOpen(org, '该工会已撤销，请选择其他工会');
  const request: StoredJoinRequest = {
    id: randomUUID(),
    userId,
    status: 'pending',
    orgId: org.id,
    orgName: org.name,
    orgPath: org.path,
    nameEnc: encryptPii(input.name),
    idNumberEnc: encryptPii(input.idNumber),
    phoneEnc: encryptPii(input.phone),
    idHash: idNumberIndex(input.idNumber),
    nameMasked: maskName(input.name),
    idNumberMasked: maskIdNumber(input.idNumber),
    phoneMasked: maskPhone(input.phone),
    employer: input.employer,
    notifyConsent: input.notifyConsent === true,
    createdAt: chinaIso(now),
  };
  try {
    await deps.membership.fileJoinRequest(request);
  } catch (error) {
    // The condition said "not none"; name which state the user is in.
    if (error instanceof AppError && error.code === 'REQUEST_PENDING') {
      const status = (await deps.users.profile(userId))?.membership.status;
      if (status === 'active') throw new AppError('ALREADY_MEMBER');
      if (!status) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
    }
    throw error;
  }
  return { id: request.id, status: 'pending' as const, userId };
}

async function requestInScope(deps: { users: Pick<Members, 'withRoles'>; membership: Pick<MembershipReads, 'joinRequest'> }, cadreId: string, requestId: string) {
  const roles = await cadreRoles(deps.users, cadreId);
  const request = await deps.membership.joinRequest(requestId);
  if (!request) throw new AppError('NOT_FOUND', '申请不存在');
  return { request, role: roleCovering(roles, request.orgPath) };
}

/** Cadre: one request in scope, masked. */
export async function reviewJoinRequest(deps: JoinDeps, cadreId: string, requestId: string, now: Date) {
  const { request } = await requestInScope(deps, cadreId, requestId);
  return reviewerView(request, now);
}

/** Cadre: the review queue of a union in scope (default: their first role's union). */
export async function listJoinRequests(
  deps: JoinDeps,
  cadreId: string,
  query: { status: RequestStatus; orgId?: string; limit: number; cursor?: string },
  now: Date,
) {
  const { org } = await scopedOrg(deps, cadreId, query.orgId);
  const page = await deps.membership.queue<StoredJoinRequest>('join', query.status, org.id, query.limit, query.cursor);
  return { items: page.items.map((r) => reviewerView(r, now)), nextCursor: page.nextCursor };
}

/** Cadre: see one field of one applicant under review in full. The read is audited before it happens. */
export async function revealJoinField(deps: JoinDeps, cadreId: string, requestId: string, field: 'name' | 'idNumber' | 'phone', now: Date) {
  const { request, role } = await requestInScope(deps, cadreId, requestId);
  notSelf(cadreId, request.userId);
  // Full data serves the review only: once decided, the request stays masked.
  if (request.status !== 'pending') throw new AppError('INVALID_STATE', '只能查看待审核申请的完整信息');
  await deps.audit.write({ actorUserId: cadreId, actorOrgId: role.orgId, action: 'join_request.reveal', objectType: 'join_request', objectId: request.id, orgId: request.orgId, orgPath: request.orgPath, after: { field }, at: now });
  const sealed = { name: request.nameEnc, idNumber: request.idNumberEnc, phone: request.phoneEnc }[field];
  return { field, value: decryptPii(sealed) };
}

/** Cadre approves: the applicant becomes an active member with a member number, and is told. */
export async function approveJoinRequest(
  deps: { membership: Pick<MembershipRequests, 'joinRequest' | 'nextMemberNo' | 'approveJoin'>; users: Pick<Members, 'withRoles' | 'profile'>; notifier: Notifier },
  cadreId: string,
  requestId: string,
  now: Date,
) {
  const { request, role } = await requestInScope(deps, cadreId, requestId);
  notSelf(cadreId, request.userId);
  if (request.status !== 'pending') throw new AppError('INVALID_STATE', '该申请已被处理');
  const memberNo = await deps.membership.nextMemberNo();
  const at = chinaIso(now);
  await deps.membership.approveJoin(request, { by: cadreId, at, memberNo }, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'join_request.approve', objectType: 'join_request', objectId: request.id,
    orgId: request.orgId, orgPath: request.orgPath, before: { status: 'pending' }, after: { status: 'approved', memberNo }, at: now,
  });
  await tell(deps, request, {
    kind: 'join_result', title: '入会申请已通过',
    body: `欢迎加入${request.orgName}！您的会员号是 ${memberNo}。`, link: '/packages/membership/requests/index',
  }, { thing1: '入会申请', phrase2: '已通过', thing3: request.orgName }, now);
  return { id: request.id, status: 'approved' as const, memberNo };
}

/** Cadre rejects with a reason; the applicant is told and may apply again. */
export async function rejectJoinRequest(deps: JoinDeps, cadreId: string, requestId: string, reason: string, now: Date) {
  const { request, role } = await requestInScope(deps, cadreId, requestId);
  notSelf(cadreId, request.userId);
  if (request.status !== 'pending') throw new AppError('INVALID_STATE', '该申请已被处理');
  await deps.membership.rejectJoin(request, { by: cadreId, at: chinaIso(now), reason }, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'join_request.reject', objectType: 'join_request', objectId: request.id,
    orgId: request.orgId, orgPath: request.orgPath, before: { status: 'pending' }, after: { status: 'rejected', reason }, at: now,
  });
  await tell(deps, request, {
    kind: 'join_result', title: '入会申请未通过',
    body: `您申请加入${request.orgName}未获通过，原因：${reason}。您可以修改后重新申请。`, link: '/packages/membership/requests/index',
  }, { thing1: '入会申请', phrase2: '未通过', thing3: reason }, now);
  return { id: request.id, status: 'rejected' as const };
}

async function tell(deps: { users: Pick<Members, 'profile'>; notifier: Notifier }, request: StoredJoinRequest, message: Parameters<typeof notifyMember>[2], fields: Record<string, string>, now: Date) {
  const profile = await deps.users.profile(request.userId).catch(() => undefined);
  await notifyMember(
    deps.notifier,
    { userId: request.userId, openid: profile?.openid ?? '', consented: request.notifyConsent && Boolean(profile) },
    message,
    { fields },
    now,
  );
}

/** The applicant's own requests, newest first, in full. */
export async function myJoinRequests(deps: JoinDeps, userId: string, page: { limit: number; cursor?: string }, now: Date) {
  const out = await deps.membership.byUser<StoredJoinRequest>('join', userId, page.limit, page.cursor);
  return { items: out.items.map((r) => ownerView(r, now)), nextCursor: out.nextCursor };
}
