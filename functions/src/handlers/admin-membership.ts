import { AdminRequestQuery, RejectInput, RequestParams, RevealInput } from '@union/shared/membership';
import { ok, route } from '../lib/http';
import { routes } from '../lib/router';
import { MemberParams } from '@union/shared/admin';
import { UnbindInput } from '@union/shared/roster';
import { membershipDeps, rosterDeps } from '../usecases/deps';
import { unbindMember } from '../usecases/verification';
import { approveJoinRequest, listJoinRequests, rejectJoinRequest, revealJoinField, reviewJoinRequest } from '../usecases/join';
import { approveTransfer, listTransferRequests, rejectTransfer } from '../usecases/transfer';

const deps = membershipDeps();
const roster = rosterDeps();

export const handler = routes({
  'GET /v1/admin/join-requests': route({ auth: true, query: AdminRequestQuery }, async ({ userId, query, now }) => ok(await listJoinRequests(deps, userId, query, now))),
  'GET /v1/admin/join-requests/{id}': route({ auth: true, params: RequestParams }, async ({ userId, params, now }) => ok(await reviewJoinRequest(deps, userId, params.id, now))),
  'POST /v1/admin/join-requests/{id}/approve': route({ auth: true, params: RequestParams }, async ({ userId, params, now }) => ok(await approveJoinRequest(deps, userId, params.id, now))),
  'POST /v1/admin/join-requests/{id}/reject': route({ auth: true, params: RequestParams, body: RejectInput }, async ({ userId, params, body, now }) =>
    ok(await rejectJoinRequest(deps, userId, params.id, body.reason, now)),
  ),
  'POST /v1/admin/join-requests/{id}/reveal': route({ auth: true, params: RequestParams, body: RevealInput }, async ({ userId, params, body, now }) =>
    ok(await revealJoinField(deps, userId, params.id, body.field, now)),
  ),
  'POST /v1/admin/members/{userId}/unbind': route({ auth: true, params: MemberParams, body: UnbindInput }, async ({ userId, params, body, now }) =>
    ok(await unbindMember(roster, userId, params.userId, body.reason, now)),
  ),
  'GET /v1/admin/transfer-requests': route({ auth: true, query: AdminRequestQuery }, async ({ userId, query, now }) => ok(await listTransferRequests(deps, userId, query, now))),
  'POST /v1/admin/transfer-requests/{id}/approve': route({ auth: true, params: RequestParams }, async ({ userId, params, now }) => ok(await approveTransfer(deps, userId, params.id, now))),
  'POST /v1/admin/transfer-requests/{id}/reject': route({ auth: true, params: RequestParams, body: RejectInput }, async ({ userId, params, body, now }) =>
    ok(await rejectTransfer(deps, userId, params.id, body.reason, now)),
  ),
});
