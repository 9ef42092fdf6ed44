/**
 * Join (入会) and transfer (转会) requests: their items and keys.
 *
 *   JOINREQ#<id>      JOINREQ          the request; personal data only as ciphertext + masked copies
 *                                      (GSI1: USERJOIN#<userId> / <createdAt> — "my applications")
 *   TRANSFERREQ#<id>  TRANSFERREQ      a transfer (GSI1: USERTRANSFER#<userId> / <createdAt>)
 *   REVIEWQ#<kind>#<status>#<orgId>  <time>#<id>
 *                                      review queue entries, one per union on the path of the request's
 *                                      union, so every cadre reads their whole scope oldest-first from
 *                                      one partition (≤ 5 levels: fan-out is bounded)
 *   IDHASH#<hmac>     IDHASH           one per 身份证号 that is an active member (keyed hash, not the number)
 *   COUNTER           MEMBERNO         the member-number sequence
 */
import { marshall } from '@aws-sdk/util-dynamodb';

export type RequestStatus = 'pending' | 'approved' | 'rejected';
/** What a review queue holds: join, transfer and 建会 (org application) requests. */
export type RequestKind = 'join' | 'transfer' | 'orgapp';

export interface StoredJoinRequest {
  id: string;
  userId: string;
  status: RequestStatus;
  orgId: string;
  orgName: string;
  orgPath: string;
  nameEnc: string;
  idNumberEnc: string;
  phoneEnc: string;
  idHash: string;
  nameMasked: string;
  idNumberMasked: string;
  phoneMasked: string;
  employer: string;
  notifyConsent: boolean;
  createdAt: string;
  decidedAt?: string;
  decidedBy?: string;
  reason?: string;
  memberNo?: string;
}

export interface StoredTransferRequest {
  id: string;
  userId: string;
  status: RequestStatus;
  fromOrgId: string;
  fromOrgName: string;
  fromOrgPath: string;
  toOrgId: string;
  toOrgName: string;
  toOrgPath: string;
  reason: string;
  memberName: string;
  memberNo?: string;
  createdAt: string;
  decidedAt?: string;
  decidedBy?: string;
  rejectReason?: string;
}

export const joinKey = (id: string) => marshall({ PK: `JOINREQ#${id}`, SK: 'JOINREQ' });
export const transferKey = (id: string) => marshall({ PK: `TRANSFERREQ#${id}`, SK: 'TRANSFERREQ' });
export const queuePk = (kind: RequestKind, status: RequestStatus, orgId: string) => `REVIEWQ#${kind}#${status}#${orgId}`;
export const joinsOfUserPk = (userId: string) => `USERJOIN#${userId}`;
export const transfersOfUserPk = (userId: string) => `USERTRANSFER#${userId}`;

/** An item without its keys and tags: the request as the use cases see it. */
export const stripKeys = <T>(item: Record<string, unknown>): T => {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _gs, entity: _e, version: _v, ...rest } = item;
  return rest as T;
};
