import { ok } from '../lib/http';
import { routes } from '../lib/router';
import { accountExportRoutes } from '@union/shared/routes/accountExport';
import { edgeStores } from '../wiring/edge';
import { ActivitiesRepository } from '../repositories/activities';
import { FavoritesRepository } from '../repositories/favorites';
import { MallRepository } from '../repositories/mall';
import { MembershipReads } from '../repositories/membership-reads';
import { MessagesRepository } from '../repositories/messages';
import { OrgApplicationFiling } from '../repositories/org-applications';
import { PointsRepository } from '../repositories/points';
import { RosterBindings } from '../repositories/roster-bindings';
import { UsersRepository } from '../repositories/users';
import { exportMyData, type AccountExportDeps } from '../usecases/account-export';

/** The composition root of the export: reads only. */
export const deps: AccountExportDeps = {
  users: new UsersRepository(),
  points: new PointsRepository(),
  mall: new MallRepository(),
  activities: new ActivitiesRepository(),
  membership: new MembershipReads(),
  applications: new OrgApplicationFiling(),
  inbox: new MessagesRepository(),
  favorites: new FavoritesRepository(),
  roster: new RosterBindings(),
};

export const handler = routes(accountExportRoutes, {
  'GET /v1/me/export': async ({ userId, now }) => ok(await exportMyData(deps, userId, now)),
}, edgeStores());
