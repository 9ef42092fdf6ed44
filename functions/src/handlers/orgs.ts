import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { orgsRoutes } from '@union/shared/routes/orgs';
import { edgeStores } from '../wiring/edge';
import { OrgApplicationFiling } from '../repositories/org-applications';
import { OrgsRepository } from '../repositories/orgs';
import { getOrg, listChildOrgs, listOrgs } from '../usecases/orgs';
import { applyToFound, myOrgApplications } from '../usecases/org-applications';

/** The composition root of the union tree's reads and of applying to found a union (建会). */
const orgs = new OrgsRepository();
export const deps = { orgs, applications: new OrgApplicationFiling() };

export const handler = routes(orgsRoutes, {
  'GET /v1/orgs': async ({ query }) => ok(await listOrgs(orgs, query)),
  'GET /v1/orgs/{id}': async ({ params }) => ok(await getOrg(orgs, params.id)),
  'GET /v1/orgs/{id}/children': async ({ params, query }) =>
    ok(await listChildOrgs(orgs, params.id, query)),
  'POST /v1/org-applications': async ({ userId, body, now }) => created(await applyToFound(deps, userId, body, now)),
  'GET /v1/me/org-applications': async ({ userId, query }) => ok(await myOrgApplications(deps, userId, query)),
}, edgeStores());
