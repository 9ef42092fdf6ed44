import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { config } from '../config';
import { edgeStores, notifierFor } from '../wiring';
import { AuditTrail } from '../repositories/audit';
import { MembershipRepository } from '../repositories/membership';
import { OrgsRepository } from '../repositories/orgs';
import { UsersRepository } from '../repositories/users';
import { applyToJoin, myJoinRequests, type JoinDeps } from '../usecases/join';
import { myTransferRequests, requestTransfer } from '../usecases/transfer';

/** The composition root of membership: the repositories and adapters its use cases ask for. */
export const deps: JoinDeps = {
  membership: new MembershipRepository(),
  orgs: new OrgsRepository(),
  users: new UsersRepository(),
  notifier: notifierFor(config()),
  audit: new AuditTrail(),
};

export const handler = routes({
  'POST /v1/join-requests': async ({ userId, body, now }) => created(await applyToJoin(deps, userId, body, now)),
  'GET /v1/me/join-requests': async ({ userId, query, now }) => ok(await myJoinRequests(deps, userId, query, now)),
  'POST /v1/transfer-requests': async ({ userId, body, now }) => created(await requestTransfer(deps, userId, body, now)),
  'GET /v1/me/transfer-requests': async ({ userId, query, now }) => ok(await myTransferRequests(deps, userId, query, now)),
}, edgeStores());
