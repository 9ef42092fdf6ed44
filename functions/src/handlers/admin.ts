import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { adminRoutes } from '@union/shared/routes/admin';
import { edgeStores } from '../wiring/edge';
import { ActivityListings } from '../repositories/activity-listings';
import { AuditTrail } from '../repositories/audit';
import { StatisticsReads } from '../repositories/stats';
import { MembershipReads } from '../repositories/membership-reads';
import { OrgsRepository } from '../repositories/orgs';
import { PointsRepository } from '../repositories/points';
import { RolesRepository } from '../repositories/roles';
import { UsersRepository } from '../repositories/users';
import { appointCadre, listAudit, listCadres, lookupMember, overview, removeCadre, stats, type AdminDeps } from '../usecases/admin';

/** The composition root of the cadre tools: the repositories their use cases ask for. */
export const deps: AdminDeps = {
  orgs: new OrgsRepository(),
  users: new UsersRepository(),
  membership: new MembershipReads(),
  roles: new RolesRepository(),
  points: new PointsRepository(),
  activities: new ActivityListings(),
  stats: new StatisticsReads(),
  audit: new AuditTrail(),
};

export const handler = routes(adminRoutes, {
  'GET /v1/admin/overview': async ({ userId, query, now }) => ok(await overview(deps, userId, query.orgId, now)),
  'GET /v1/admin/stats': async ({ userId, query }) => ok(await stats(deps, userId, query)),
  'GET /v1/admin/audit-log': async ({ userId, query }) => ok(await listAudit(deps, userId, query)),
  'GET /v1/admin/roles': async ({ userId, query }) => ok(await listCadres(deps, userId, query.orgId)),
  'POST /v1/admin/roles': async ({ userId, body, now }) => created(await appointCadre(deps, userId, body, now)),
  'DELETE /v1/admin/roles/{orgId}/{userId}': async ({ userId, params, now }) => ok(await removeCadre(deps, userId, params, now)),
  'GET /v1/admin/members': async ({ userId, query }) => ok(await lookupMember(deps, userId, { memberNo: query.memberNo })),
  'GET /v1/admin/members/{userId}': async ({ userId, params }) => ok(await lookupMember(deps, userId, { userId: params.userId })),
}, edgeStores());
