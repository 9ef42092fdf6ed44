import { ok } from '../lib/http';
import { routes } from '../lib/router';
import { accountRoutes } from '@union/shared/routes/account';
import { edgeStores } from '../wiring/edge';
import { mallDeps } from '../wiring/mall';
import { activityDeps } from '../wiring/activities';
import { AccountsRepository } from '../repositories/accounts';
import { MembershipRepository } from '../repositories/membership';
import { OrgApplicationsRepository } from '../repositories/org-application-decisions';
import { RosterBindings } from '../repositories/roster-bindings';
import { deleteMyAccount, type AccountDeps } from '../usecases/account';

/** The composition root of 注销: it settles through the mall's and activities' own use cases. */
const mall = mallDeps();
const activities = activityDeps();
export const deps: AccountDeps = {
  users: mall.users,
  accounts: new AccountsRepository(),
  mall: mall.mall,
  activities: activities.activities,
  membership: new MembershipRepository(),
  applications: new OrgApplicationsRepository(),
  roster: new RosterBindings(),
  mallDeps: mall,
  activityDeps: activities,
};

export const handler = routes(accountRoutes, {
  'POST /v1/me/deletion': async ({ userId, now }) => ok(await deleteMyAccount(deps, userId, now)),
}, edgeStores());
