import { JoinRequestInput, TransferRequestInput } from '@union/shared/membership';
import { PageQuery } from '@union/shared/common';
import { created, ok, route } from '../lib/http';
import { routes } from '../lib/router';
import { VerificationInput } from '@union/shared/roster';
import { membershipDeps, rosterDeps } from '../usecases/deps';
import { verifyMember } from '../usecases/verification';
import { applyToJoin, myJoinRequests } from '../usecases/join';
import { myTransferRequests, requestTransfer } from '../usecases/transfer';

const deps = membershipDeps();
const roster = rosterDeps();

export const handler = routes({
  'POST /v1/join-requests': route({ auth: true, body: JoinRequestInput }, async ({ userId, body, now }) => created(await applyToJoin(deps, userId, body, now))),
  'GET /v1/me/join-requests': route({ auth: true, query: PageQuery }, async ({ userId, query, now }) => ok(await myJoinRequests(deps, userId, query, now))),
  'POST /v1/transfer-requests': route({ auth: true, body: TransferRequestInput }, async ({ userId, body, now }) => created(await requestTransfer(deps, userId, body, now))),
  'POST /v1/member-verifications': route({ auth: true, body: VerificationInput }, async ({ userId, body, now }) => ok(await verifyMember(roster, userId, body, now))),
  'GET /v1/me/transfer-requests': route({ auth: true, query: PageQuery }, async ({ userId, query, now }) => ok(await myTransferRequests(deps, userId, query, now))),
});
