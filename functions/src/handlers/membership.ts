import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { membershipRoutes } from '@union/shared/routes/membership';
import { membershipDeps } from '../wiring/membership';
import { edgeStores } from '../wiring/edge';
import { RosterRepository } from '../repositories/roster';
import { verifyMember, type VerificationDeps } from '../usecases/verification';
import { applyToJoin, myJoinRequests } from '../usecases/join';
import { myTransferRequests, requestTransfer } from '../usecases/transfer';

/** The composition root: this function's use cases, wired by the domain's builder in wiring.ts. */
export const deps = membershipDeps();

/** 会员认证 and unbinding: the roster, and the same member state an approved join makes. */
const roster: VerificationDeps = { roster: new RosterRepository(), membership: deps.membership, orgs: deps.orgs, users: deps.users };

export const handler = routes(membershipRoutes, {
  'POST /v1/join-requests': async ({ userId, body, now }) => created(await applyToJoin(deps, userId, body, now)),
  'GET /v1/me/join-requests': async ({ userId, query, now }) => ok(await myJoinRequests(deps, userId, query, now)),
  'POST /v1/transfer-requests': async ({ userId, body, now }) => created(await requestTransfer(deps, userId, body, now)),
  'POST /v1/member-verifications': async ({ userId, body, now }) => ok(await verifyMember(roster, userId, body, now)),
  'GET /v1/me/transfer-requests': async ({ userId, query, now }) => ok(await myTransferRequests(deps, userId, query, now)),
}, edgeStores());
