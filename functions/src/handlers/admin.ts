import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { adminDeps } from '../usecases/deps';
import { appointCadre, listAudit, listCadres, lookupMember, overview, removeCadre, stats } from '../usecases/admin';

const deps = adminDeps();

export const handler = routes({
  'GET /v1/admin/overview': async ({ userId, query, now }) => ok(await overview(deps, userId, query.orgId, now)),
  'GET /v1/admin/stats': async ({ userId, query }) => ok(await stats(deps, userId, query)),
  'GET /v1/admin/audit-log': async ({ userId, query }) => ok(await listAudit(deps, userId, query)),
  'GET /v1/admin/roles': async ({ userId, query }) => ok(await listCadres(deps, userId, query.orgId)),
  'POST /v1/admin/roles': async ({ userId, body, now }) => created(await appointCadre(deps, userId, body, now)),
  'DELETE /v1/admin/roles/{orgId}/{userId}': async ({ userId, params, now }) => ok(await removeCadre(deps, userId, params, now)),
  'GET /v1/admin/members': async ({ userId, query }) => ok(await lookupMember(deps, userId, { memberNo: query.memberNo })),
  'GET /v1/admin/members/{userId}': async ({ userId, params }) => ok(await lookupMember(deps, userId, { userId: params.userId })),
});
