/**
 * 建会 applications: an enterprise asks to found a basic-level union under a county or industry union.
 *
 *   ORGAPP#<id>              ORGAPP       the application; the contact person only as ciphertext + masked
 *                                         copies (GSI1: USERORGAPP#<userId> / <createdAt> — "mine")
 *   ORGAPPCODE#<creditCode>  ORGAPPCODE   the enterprise's one open application (deleted on decision)
 *   REVIEWQ#orgapp#<status>#<orgId>       queue entries, one per union on the parent's path
 *                                         (entities/membership-request.ts)
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { RequestStatus } from './membership-request';

export interface StoredOrgApplication {
  id: string;
  userId: string;
  status: RequestStatus;
  name: string;
  parentId: string;
  parentName: string;
  parentPath: string;
  employer: string;
  creditCode: string;
  contactNameEnc: string;
  contactPhoneEnc: string;
  contactNameMasked: string;
  contactPhoneMasked: string;
  workforce: number;
  notifyConsent: boolean;
  createdAt: string;
  decidedAt?: string;
  decidedBy?: string;
  reason?: string;
  orgId?: string;
}

export const orgApplicationKey = (id: string) => marshall({ PK: `ORGAPP#${id}`, SK: 'ORGAPP' });
export const openApplicationKey = (creditCode: string) => marshall({ PK: `ORGAPPCODE#${creditCode}`, SK: 'ORGAPPCODE' });
export const orgApplicationsOfUserPk = (userId: string) => `USERORGAPP#${userId}`;

export const orgApplicationItem = (a: StoredOrgApplication) =>
  marshall({ PK: `ORGAPP#${a.id}`, SK: 'ORGAPP', GSI1PK: orgApplicationsOfUserPk(a.userId), GSI1SK: a.createdAt, entity: 'OrgApplication', version: 1, ...a }, { removeUndefinedValues: true });

export const openApplicationItem = (a: Pick<StoredOrgApplication, 'id' | 'creditCode'>) =>
  marshall({ PK: `ORGAPPCODE#${a.creditCode}`, SK: 'ORGAPPCODE', entity: 'OrgApplicationOpen', version: 1, applicationId: a.id });

/** An application without its keys and tags. */
export const orgApplicationFromItem = (item: Record<string, unknown>): StoredOrgApplication => {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _gs, entity: _e, version: _v, ...rest } = item;
  return rest as unknown as StoredOrgApplication;
};
