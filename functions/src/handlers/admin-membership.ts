import { ok } from '../lib/http';
import { routes } from '../lib/router';
import { adminMembershipRoutes } from '@union/shared/routes/adminMembership';
import { membershipDeps } from '../wiring/membership';
import { edgeStores } from '../wiring/edge';
import { RosterRepository } from '../repositories/roster';
import { unbindMember, type VerificationDeps } from '../usecases/verification';
import { approveJoinRequest, listJoinRequests, rejectJoinRequest, revealJoinField, reviewJoinRequest } from '../usecases/join';
import { approveTransfer, listTransferRequests, rejectTransfer } from '../usecases/transfer';

/** The composition root: this function's use cases, wired by the domain's builder in wiring.ts. */
export const deps = membershipDeps();

/** 会员认证 and unbinding: the roster, and the same member state an approved join makes. */
const roster: VerificationDeps = { roster: new RosterRepository(), membership: deps.membership, orgs: deps.orgs, users: deps.users };

export const handler = routes(adminMembershipRoutes, {
  'GET /v1/admin/join-requests': async ({ userId, query, now }) => ok(await listJoinRequests(deps, userId, query, now)),
  'GET /v1/admin/join-requests/{id}': async ({ userId, params, now }) => ok(await reviewJoinRequest(deps, userId, params.id, now)),
  'POST /v1/admin/join-requests/{id}/approve': async ({ userId, params, now }) => ok(await approveJoinRequest(deps, userId, params.id, now)),
  'POST /v1/admin/join-requests/{id}/reject': async ({ userId, params, body, now }) =>
    ok(await rejectJoinRequest(deps, userId, params.id, body.reason, now)),
  'POST /v1/admin/join-requests/{id}/reveal': async ({ userId, params, body, now }) =>
    ok(await revealJoinField(deps, userId, params.id, body.field, now)),
  'POST /v1/admin/members/{userId}/unbind': async ({ userId, params, body, now }) => ok(await unbindMember(roster, userId, params.userId, body.reason, now)),
  'GET /v1/admin/transfer-requests': async ({ userId, query, now }) => ok(await listTransferRequests(deps, userId, query, now)),
  'POST /v1/admin/transfer-requests/{id}/approve': async ({ userId, params, now }) => ok(await approveTransfer(deps, userId, params.id, now)),
  'POST /v1/admin/transfer-requests/{id}/reject': async ({ userId, params, body, now }) =>
    ok(await rejectTransfer(deps, userId, params.id, body.reason, now)),
}, edgeStores());
