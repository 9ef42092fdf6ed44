/** A validated roster row as the record stored for it: personal data sealed, masked copies, digest. */
import type { Org } from '@union/shared/orgs';
import { maskIdNumber, maskName, maskPhone } from '@union/shared/id-number';
import { encryptPii, idNumberIndex, piiDigest } from '../lib/pii';
import type { RosterRecord } from '../repositories/roster';
import type { RosterRow } from './roster-rows';

/** The content a record's digest covers: what a re-import compares to decide created/updated/unchanged. */
export const rosterDigest = (row: Pick<RosterRow, 'name' | 'idNumber' | 'phone' | 'memberNo' | 'joinedOn' | 'orgId'>) =>
  piiDigest([row.name, row.idNumber, row.phone, row.memberNo, row.joinedOn, row.orgId]);

export function sealRecord(row: RosterRow, org: Pick<Org, 'id' | 'name' | 'path'>, at: string, importId: string): RosterRecord {
  return {
    idHash: idNumberIndex(row.idNumber),
    orgId: org.id,
    orgName: org.name,
    orgPath: org.path,
    nameEnc: encryptPii(row.name),
    idNumberEnc: encryptPii(row.idNumber),
    phoneEnc: row.phone ? encryptPii(row.phone) : undefined,
    nameMasked: maskName(row.name),
    idNumberMasked: maskIdNumber(row.idNumber),
    phoneMasked: row.phone ? maskPhone(row.phone) : undefined,
    memberNo: row.memberNo,
    joinedOn: row.joinedOn,
    digest: rosterDigest(row),
    createdAt: at,
    updatedAt: at,
    importId,
    importRow: row.row,
  };
}
