import { CreateOrgInput, OrgParams, RenameOrgInput } from '@union/shared/orgs';
import { AdminRequestQuery, RejectInput, RequestParams } from '@union/shared/membership';
import { created, ok, route } from '../lib/http';
import { routes } from '../lib/router';
import { orgApplicationDeps } from '../usecases/deps';
import { closeOrg, createOrg, renameOrg } from '../usecases/orgs';
import { approveOrgApplication, listOrgApplications, rejectOrgApplication, reviewOrgApplication } from '../usecases/org-applications';

const deps = orgApplicationDeps();

export const handler = routes({
  'POST /v1/admin/orgs': route({ auth: true, body: CreateOrgInput }, async ({ userId, body, now }) => created(await createOrg(deps, userId, body, now))),
  'PATCH /v1/admin/orgs/{id}': route({ auth: true, params: OrgParams, body: RenameOrgInput }, async ({ userId, params, body, now }) => ok(await renameOrg(deps, userId, params.id, body.name, now))),
  'POST /v1/admin/orgs/{id}/close': route({ auth: true, params: OrgParams }, async ({ userId, params, now }) => ok(await closeOrg(deps, userId, params.id, now))),
  'GET /v1/admin/org-applications': route({ auth: true, query: AdminRequestQuery }, async ({ userId, query }) => ok(await listOrgApplications(deps, userId, query))),
  'GET /v1/admin/org-applications/{id}': route({ auth: true, params: RequestParams }, async ({ userId, params }) => ok(await reviewOrgApplication(deps, userId, params.id))),
  'POST /v1/admin/org-applications/{id}/approve': route({ auth: true, params: RequestParams }, async ({ userId, params, now }) => ok(await approveOrgApplication(deps, userId, params.id, now))),
  'POST /v1/admin/org-applications/{id}/reject': route({ auth: true, params: RequestParams, body: RejectInput }, async ({ userId, params, body, now }) =>
    ok(await rejectOrgApplication(deps, userId, params.id, body.reason, now)),
  ),
});
