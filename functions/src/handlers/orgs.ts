import { ok } from '../lib/http';
import { routes } from '../lib/router';
import { edgeStores } from '../wiring';
import { OrgsRepository } from '../repositories/orgs';
import { getOrg, listChildOrgs, listOrgs } from '../usecases/orgs';

const orgs = new OrgsRepository();

export const handler = routes({
  'GET /v1/orgs': async ({ query }) => ok(await listOrgs(orgs, query)),
  'GET /v1/orgs/{id}': async ({ params }) => ok(await getOrg(orgs, params.id)),
  'GET /v1/orgs/{id}/children': async ({ params, query }) =>
    ok(await listChildOrgs(orgs, params.id, query)),
}, edgeStores());
