import { ok } from '../lib/http';
import { routes } from '../lib/router';
import { membershipDeps } from '../usecases/deps';
import { approveJoinRequest, listJoinRequests, rejectJoinRequest, revealJoinField, reviewJoinRequest } from '../usecases/join';
import { approveTransfer, listTransferRequests, rejectTransfer } from '../usecases/transfer';

const deps = membershipDeps();

export const handler = routes({
  'GET /v1/admin/join-requests': async ({ userId, query, now }) => ok(await listJoinRequests(deps, userId, query, now)),
  'GET /v1/admin/join-requests/{id}': async ({ userId, params, now }) => ok(await reviewJoinRequest(deps, userId, params.id, now)),
  'POST /v1/admin/join-requests/{id}/approve': async ({ userId, params, now }) => ok(await approveJoinRequest(deps, userId, params.id, now)),
  'POST /v1/admin/join-requests/{id}/reject': async ({ userId, params, body, now }) =>
    ok(await rejectJoinRequest(deps, userId, params.id, body.reason, now)),
  'POST /v1/admin/join-requests/{id}/reveal': async ({ userId, params, body, now }) =>
    ok(await revealJoinField(deps, userId, params.id, body.field, now)),
  'GET /v1/admin/transfer-requests': async ({ userId, query, now }) => ok(await listTransferRequests(deps, userId, query, now)),
  'POST /v1/admin/transfer-requests/{id}/approve': async ({ userId, params, now }) => ok(await approveTransfer(deps, userId, params.id, now)),
  'POST /v1/admin/transfer-requests/{id}/reject': async ({ userId, params, body, now }) =>
    ok(await rejectTransfer(deps, userId, params.id, body.reason, now)),
});
