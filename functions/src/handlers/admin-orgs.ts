import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { config } from '../config';
import { adminOrgsRoutes } from '@union/shared/routes/adminOrgs';
import { edgeStores } from '../wiring/edge';
import { notifierFor } from '../wiring/notifier';
import { OrgApplicationsRepository } from '../repositories/org-application-decisions';
import { UnionTreeRepository } from '../repositories/union-tree';
import { UsersRepository } from '../repositories/users';
import { closeOrg, createOrg, renameOrg, type TreeDeps } from '../usecases/orgs';
import { approveOrgApplication, listOrgApplications, rejectOrgApplication, reviewOrgApplication, type OrgApplicationDeps } from '../usecases/org-applications';

/** The composition root of the union-tree tools and the 建会 review: what their use cases ask for. */
export const deps: TreeDeps & OrgApplicationDeps = {
  orgs: new UnionTreeRepository(),
  users: new UsersRepository(),
  applications: new OrgApplicationsRepository(),
  notifier: notifierFor(config()),
};

export const handler = routes(adminOrgsRoutes, {
  'POST /v1/admin/orgs': async ({ userId, body, now }) => created(await createOrg(deps, userId, body, now)),
  'PATCH /v1/admin/orgs/{id}': async ({ userId, params, body, now }) => ok(await renameOrg(deps, userId, params.id, body.name, now)),
  'POST /v1/admin/orgs/{id}/close': async ({ userId, params, now }) => ok(await closeOrg(deps, userId, params.id, now)),
  'GET /v1/admin/org-applications': async ({ userId, query }) => ok(await listOrgApplications(deps, userId, query)),
  'GET /v1/admin/org-applications/{id}': async ({ userId, params }) => ok(await reviewOrgApplication(deps, userId, params.id)),
  'POST /v1/admin/org-applications/{id}/approve': async ({ userId, params, now }) => ok(await approveOrgApplication(deps, userId, params.id, now)),
  'POST /v1/admin/org-applications/{id}/reject': async ({ userId, params, body, now }) => ok(await rejectOrgApplication(deps, userId, params.id, body.reason, now)),
}, edgeStores());
