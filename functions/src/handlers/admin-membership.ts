import { ok } from '../lib/http';
import { routes } from '../lib/router';
import { config } from '../config';
import { edgeStores, notifierFor } from '../wiring';
import { AuditTrail } from '../repositories/audit';
import { MembershipRepository } from '../repositories/membership';
import { OrgsRepository } from '../repositories/orgs';
import { UsersRepository } from '../repositories/users';
import { approveJoinRequest, listJoinRequests, rejectJoinRequest, revealJoinField, reviewJoinRequest, type JoinDeps } from '../usecases/join';
import { approveTransfer, listTransferRequests, rejectTransfer } from '../usecases/transfer';

/** The composition root of the membership review tools: the repositories and adapters its use cases ask for. */
export const deps: JoinDeps = {
  membership: new MembershipRepository(),
  orgs: new OrgsRepository(),
  users: new UsersRepository(),
  notifier: notifierFor(config()),
  audit: new AuditTrail(),
};

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
}, edgeStores());
