import type { AuditAction } from '@union/shared/audit-actions';

/**
 * The audit log's record (its items are built in repositories/audit.ts: `AUDIT#<china-day>` and one
 * `AUDITQ#<orgId>` copy per union on the object's path).
 */
export interface AuditRecord {
  actorUserId: string;
  /** The union whose cadre role authorised the action; empty when the person acted on their own behalf (会员认证, 注销). */
  actorOrgId: string;
  action: AuditAction;
  objectType: string;
  objectId: string;
  /** The union the object belongs to (its path: audit queries by scope). */
  orgId: string;
  orgPath: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  at: Date;
}

export interface AuditEntry extends Omit<AuditRecord, 'at'> {
  id: string;
  at: string;
}
