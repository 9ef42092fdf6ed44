import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { membershipDeps } from '../usecases/deps';
import { applyToJoin, myJoinRequests } from '../usecases/join';
import { myTransferRequests, requestTransfer } from '../usecases/transfer';

const deps = membershipDeps();

export const handler = routes({
  'POST /v1/join-requests': async ({ userId, body, now }) => created(await applyToJoin(deps, userId, body, now)),
  'GET /v1/me/join-requests': async ({ userId, query, now }) => ok(await myJoinRequests(deps, userId, query, now)),
  'POST /v1/transfer-requests': async ({ userId, body, now }) => created(await requestTransfer(deps, userId, body, now)),
  'GET /v1/me/transfer-requests': async ({ userId, query, now }) => ok(await myTransferRequests(deps, userId, query, now)),
});
