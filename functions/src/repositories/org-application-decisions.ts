/**
 * Deciding 建会 applications. Approval is one transaction: the application pending → approved
 * (conditional: of ten cadres approving at once, one wins), the union created with its sibling-name
 * item and the parent's open count, and the applicant made its first cadre.
 */
import type { Org } from '@union/shared/orgs';
import { tableName } from '../lib/dynamo';
import { AppError } from '../lib/errors';
import { step, transact } from '../lib/transact';
import type { OrgApplications } from '../usecases/ports';
import { openApplicationKey, orgApplicationKey, type StoredOrgApplication } from '../entities/org-application';
import { auditItems, type AuditRecord } from './audit';
import { OrgApplicationFiling } from './org-applications';
import { decisionItem, queueMove } from './review-queues';
import { firstCadreSteps } from './roles';
import { newOrgSteps } from './union-tree';

const decided = () => new AppError('INVALID_STATE', '该申请已被处理');

export class OrgApplicationsRepository extends OrgApplicationFiling implements OrgApplications {
  /** pending → approved, the union founded and its first cadre appointed: all or nothing. */
  async approve(a: StoredOrgApplication, org: Org, decision: { by: string; at: string; now: Date }, audit: AuditRecord): Promise<void> {
    await transact([
      step('application pending', decisionItem(orgApplicationKey(a.id), 'approved', decision, { orgId: org.id }), decided),
      ...firstCadreSteps(a.userId, { role: 'cadre', orgId: org.id, orgName: org.name, orgPath: org.path }, new AppError('BUSY')),
      step('open application freed', { Delete: { TableName: tableName(), Key: openApplicationKey(a.creditCode) } }),
      ...newOrgSteps(org, decision.now),
      ...queueMove('orgapp', 'approved', a.parentPath, a, decision.at),
      ...auditItems(audit),
    ]);
  }

  async reject(a: StoredOrgApplication, decision: { by: string; at: string; reason: string }, audit: AuditRecord): Promise<void> {
    await transact([
      step('application pending', decisionItem(orgApplicationKey(a.id), 'rejected', decision, { reason: decision.reason }), decided),
      step('open application freed', { Delete: { TableName: tableName(), Key: openApplicationKey(a.creditCode) } }),
      ...queueMove('orgapp', 'rejected', a.parentPath, a, decision.at),
      ...auditItems(audit),
    ]);
  }
}
