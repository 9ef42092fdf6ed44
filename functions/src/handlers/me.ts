import { ok } from '../lib/http';
import { routes } from '../lib/router';
import { meRoutes } from '@union/shared/routes/me';
import { edgeStores } from '../wiring/edge';
import { OrgsRepository } from '../repositories/orgs';
import { UsersRepository } from '../repositories/users';
import { getMe, updateMyProfile } from '../usecases/me';

const users = new UsersRepository();
/** Only to show unions under their current names. */
const orgs = new OrgsRepository();

export const handler = routes(meRoutes, {
  'GET /v1/me': async ({ userId, now }) => ok(await getMe(users, userId, now, orgs)),
  'PATCH /v1/me': async ({ userId, body, now }) =>
    ok(await updateMyProfile(users, userId, body, now, orgs)),
}, edgeStores());
