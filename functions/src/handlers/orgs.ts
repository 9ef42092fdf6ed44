import { OrgParams, OrgSearchQuery } from '@union/shared/orgs';
import { OrgApplicationInput } from '@union/shared/org-applications';
import { PageQuery } from '@union/shared/common';
import { created, ok, route } from '../lib/http';
import { routes } from '../lib/router';
import { orgApplicationDeps } from '../usecases/deps';
import { getOrg, listChildOrgs, listOrgs } from '../usecases/orgs';
import { applyToFound, myOrgApplications } from '../usecases/org-applications';

const deps = orgApplicationDeps();
const { orgs } = deps;

export const handler = routes({
  'GET /v1/orgs': route({ auth: true, query: OrgSearchQuery }, async ({ query }) => ok(await listOrgs(orgs, query))),
  'GET /v1/orgs/{id}': route({ auth: true, params: OrgParams }, async ({ params }) => ok(await getOrg(orgs, params.id))),
  'GET /v1/orgs/{id}/children': route({ auth: true, params: OrgParams, query: PageQuery }, async ({ params, query }) =>
    ok(await listChildOrgs(orgs, params.id, query)),
  ),
  'POST /v1/org-applications': route({ auth: true, body: OrgApplicationInput }, async ({ userId, body, now }) => created(await applyToFound(deps, userId, body, now))),
  'GET /v1/me/org-applications': route({ auth: true, query: PageQuery }, async ({ userId, query }) => ok(await myOrgApplications(deps, userId, query))),
});
