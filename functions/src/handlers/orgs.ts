import { OrgParams, OrgSearchQuery } from '@union/shared/orgs';
import { PageQuery } from '@union/shared/common';
import { ok, route } from '../lib/http';
import { routes } from '../lib/router';
import { OrgsRepository } from '../repositories/orgs';
import { getOrg, listChildOrgs, listOrgs } from '../usecases/orgs';

const orgs = new OrgsRepository();

export const handler = routes({
  'GET /v1/orgs': route({ auth: true, query: OrgSearchQuery }, async ({ query }) => ok(await listOrgs(orgs, query))),
  'GET /v1/orgs/{id}': route({ auth: true, params: OrgParams }, async ({ params }) => ok(await getOrg(orgs, params.id))),
  'GET /v1/orgs/{id}/children': route({ auth: true, params: OrgParams, query: PageQuery }, async ({ params, query }) =>
    ok(await listChildOrgs(orgs, params.id, query)),
  ),
});
