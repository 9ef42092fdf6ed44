import { randomUUID } from 'node:crypto';
import { chinaIso } from '@union/shared/china-day';
import { maskName, maskPhone } from '@union/shared/id-number';
import { FOUNDING_PARENT_LEVELS, type OrgApplication, type OrgApplicationDecision, type OrgApplicationInput } from '@union/shared/org-applications';
import type { Org } from '@union/shared/orgs';
import { AppError, validationFailed } from '../lib/errors';
import { decryptPii, encryptPii } from '../lib/pii';
import type { RequestStatus } from '../entities/membership-request';
import type { StoredOrgApplication } from '../entities/org-application';
import type { Members, OrgApplications, Unions, UnionTree } from './ports';
import { notifyMember, type Notifier } from './notify';
import { newOrgId } from './orgs';
import { assertOpen, cadreRoles, roleCovering, scopedOrg } from './scope';

export interface OrgApplicationDeps {
  applications: OrgApplications;
  orgs: Pick<Unions, 'get'> & Pick<UnionTree, 'nameTaken'>;
  users: Pick<Members, 'withRoles' | 'profile'>;
  notifier: Notifier;
}

const RESULT_LINK = '/packages/org-apply/mine/index';

/** The application as its applicant sees it: the contact in full. */
export function orgApplicationOwnerView(a: StoredOrgApplication): OrgApplication {
  return { ...common(a), contactName: decryptPii(a.contactNameEnc), contactPhone: decryptPii(a.contactPhoneEnc) };
}

/** The application as a cadre sees it: the contact person masked (personal data). */
function reviewerView(a: StoredOrgApplication): OrgApplication {
  return { ...common(a), contactName: a.contactNameMasked, contactPhone: a.contactPhoneMasked };
}

function common(a: StoredOrgApplication) {
  return {
    id: a.id, userId: a.userId, status: a.status, name: a.name, parentId: a.parentId, parentName: a.parentName,
    employer: a.employer, creditCode: a.creditCode, workforce: a.workforce, createdAt: a.createdAt,
    ...(a.decidedAt ? { decidedAt: a.decidedAt } : {}), ...(a.reason ? { reason: a.reason } : {}), ...(a.orgId ? { orgId: a.orgId } : {}),
  };
}

/**
 * Anyone logged in (an enterprise's contact) applies to found a basic-level union (建会):
 * 1. the parent exists, is a county or industry union, and is open;
 * 2. no sibling has the name yet (an early answer; approval enforces it by condition);
 * 3. the contact's name and phone are stored encrypted, with masked copies for reviewers;
 * 4. one transaction files it (one open application per credit code) in the parent chain's queues.
 */
export async function applyToFound(deps: { applications: Pick<OrgApplications, 'file'>; orgs: Pick<Unions, 'get'> & Pick<UnionTree, 'nameTaken'> }, userId: string, input: OrgApplicationInput, now: Date) {
  const parent = await deps.orgs.get(input.parentId);
  if (!parent) throw new AppError('NOT_FOUND', '所选上级工会不存在');
  if (!FOUNDING_PARENT_LEVELS.includes(parent.level)) {
    throw validationFailed([{ path: 'parentId', message: '请选择县区工会或产业工会作为上级工会' }]);
  }
  assertOpen(parent, '所选上级工会已撤销，请重新选择');
  if (await deps.orgs.nameTaken(parent.id, input.name)) {
    throw new AppError('NAME_TAKEN', undefined, [{ path: 'name', message: '该上级工会下已有同名工会' }]);
  }
  const application: StoredOrgApplication = {
    id: randomUUID(), userId, status: 'pending', name: input.name,
    parentId: parent.id, parentName: parent.name, parentPath: parent.path,
    employer: input.employer, creditCode: input.creditCode,
    contactNameEnc: encryptPii(input.contactName), contactPhoneEnc: encryptPii(input.contactPhone),
    contactNameMasked: maskName(input.contactName), contactPhoneMasked: maskPhone(input.contactPhone),
    workforce: input.workforce, notifyConsent: input.notifyConsent === true, createdAt: chinaIso(now),
  };
  await deps.applications.file(application);
  return { id: application.id, status: 'pending' as const };
}

/** The applicant's own applications, newest first, in full. */
export async function myOrgApplications(deps: { applications: Pick<OrgApplications, 'byUser'> }, userId: string, page: { limit: number; cursor?: string }) {
  const out = await deps.applications.byUser(userId, page.limit, page.cursor);
  return { items: out.items.map(orgApplicationOwnerView), nextCursor: out.nextCursor };
}

/** Cadre: the 建会 queue of a union in scope (default: their first role's union), contacts masked. */
export async function listOrgApplications(deps: OrgApplicationDeps, cadreId: string, query: { status: RequestStatus; orgId?: string; limit: number; cursor?: string }) {
  const { org } = await scopedOrg(deps, cadreId, query.orgId);
  const out = await deps.applications.queue(query.status, org.id, query.limit, query.cursor);
  return { items: out.items.map(reviewerView), nextCursor: out.nextCursor };
}

/**
 * The application a cadre decides: its parent inside their scope (the parent's cadres and those above
 * decide), and never their own (403 SELF_ACTION).
 */
async function decidable(deps: OrgApplicationDeps, cadreId: string, id: string) {
  const roles = await cadreRoles(deps.users, cadreId);
  const application = await deps.applications.get(id);
  if (!application) throw new AppError('NOT_FOUND', '申请不存在');
  const role = roleCovering(roles, application.parentPath);
  return { application, role };
}

const notOwn = (application: StoredOrgApplication, cadreId: string) => {
  if (application.userId === cadreId) throw new AppError('SELF_ACTION');
};

/** Cadre: one application in scope, contact masked. */
export async function reviewOrgApplication(deps: OrgApplicationDeps, cadreId: string, id: string) {
  return reviewerView((await decidable(deps, cadreId, id)).application);
}

/**
 * Cadre approves: in one transaction the application becomes approved (if still pending), the basic
 * union is created under the parent (name unique among siblings, parent still open) and the applicant
 * becomes its first cadre. Then the applicant is told.
 */
export async function approveOrgApplication(deps: OrgApplicationDeps, cadreId: string, id: string, now: Date): Promise<OrgApplicationDecision> {
  const { application: a, role } = await decidable(deps, cadreId, id);
  notOwn(a, cadreId);
  if (a.status !== 'pending') throw new AppError('INVALID_STATE', '该申请已被处理');
  const orgId = newOrgId();
  const org: Org = { id: orgId, name: a.name, parentId: a.parentId, level: 'basic', path: `${a.parentPath}${orgId}/`, status: 'open', creditCode: a.creditCode };
  await deps.applications.approve(a, org, { by: cadreId, at: chinaIso(now), now }, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'org_application.approve', objectType: 'org_application', objectId: a.id,
    orgId: org.id, orgPath: org.path, before: { status: 'pending' },
    after: { status: 'approved', orgId: org.id, name: org.name, creditCode: a.creditCode, firstCadre: a.userId }, at: now,
  });
  await tell(deps, a, {
    kind: 'org_application_result', title: '建会申请已批准',
    body: `${a.name}已成立，您已成为该工会的管理员，可在“管理”中开展工作。`, link: RESULT_LINK,
  }, '已批准', now);
  return { id: a.id, status: 'approved', orgId };
}

/** Cadre rejects with a reason; the enterprise may apply again. */
export async function rejectOrgApplication(deps: OrgApplicationDeps, cadreId: string, id: string, reason: string, now: Date): Promise<OrgApplicationDecision> {
  const { application: a, role } = await decidable(deps, cadreId, id);
  notOwn(a, cadreId);
  if (a.status !== 'pending') throw new AppError('INVALID_STATE', '该申请已被处理');
  await deps.applications.reject(a, { by: cadreId, at: chinaIso(now), reason }, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'org_application.reject', objectType: 'org_application', objectId: a.id,
    orgId: a.parentId, orgPath: a.parentPath, before: { status: 'pending' }, after: { status: 'rejected', reason }, at: now,
  });
  await tell(deps, a, {
    kind: 'org_application_result', title: '建会申请未获批准',
    body: `您申请成立${a.name}未获批准，原因：${reason}。您可以修改后重新申请。`, link: RESULT_LINK,
  }, '未批准', now);
  return { id: a.id, status: 'rejected' };
}

async function tell(deps: OrgApplicationDeps, a: StoredOrgApplication, message: Parameters<typeof notifyMember>[2], outcome: string, now: Date) {
  const profile = await deps.users.profile(a.userId).catch(() => undefined);
  await notifyMember(
    deps.notifier,
    { userId: a.userId, openid: profile?.openid ?? '', consented: a.notifyConsent && Boolean(profile) },
    message,
    { fields: { thing1: '建会申请', phrase2: outcome, thing3: a.name } },
    now,
  );
}
