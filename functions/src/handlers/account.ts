import { ok } from '../lib/http';
import { routes } from '../lib/router';
import { accountRoutes } from '@union/shared/routes/account';
import { edgeStores } from '../wiring/edge';
import { mallDeps } from '../wiring/mall';
import { activityDeps } from '../wiring/activities';
import { AccountsRepository } from '../repositories/accounts';
import { FavoritesRepository } from '../repositories/favorites';
import { MembershipRepository } from '../repositories/membership';
import { MessagesRepository } from '../repositories/messages';
import { OrgApplicationsRepository } from '../repositories/org-application-decisions';
import { RosterRepository } from '../repositories/roster';
import { deleteMyAccount, exportMyData, type AccountDeps } from '../usecases/account';

/** The composition root: export and 注销 settle through the mall's and activities' own use cases. */
const mall = mallDeps();
const activities = activityDeps();
export const deps: AccountDeps = {
  users: mall.users,
  accounts: new AccountsRepository(),
  points: mall.points,
  mall: mall.mall,
  activities: activities.activities,
  membership: new MembershipRepository(),
  applications: new OrgApplicationsRepository(),
  inbox: new MessagesRepository(),
  favorites: new FavoritesRepository(),
  roster: new RosterRepository(),
  mallDeps: mall,
  activityDeps: activities,
};

export const handler = routes(accountRoutes, {
  'GET /v1/me/export': async ({ userId, now }) => ok(await exportMyData(deps, userId, now)),
  'POST /v1/me/deletion': async ({ userId, now }) => ok(await deleteMyAccount(deps, userId, now)),
}, edgeStores());
