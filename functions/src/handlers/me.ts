import { ok } from '../lib/http';
import { routes } from '../lib/router';
import { edgeStores } from '../wiring';
import { UsersRepository } from '../repositories/users';
import { getMe, updateMyProfile } from '../usecases/me';

const users = new UsersRepository();

export const handler = routes({
  'GET /v1/me': async ({ userId, now }) => ok(await getMe(users, userId, now)),
  'PATCH /v1/me': async ({ userId, body, now }) =>
    ok(await updateMyProfile(users, userId, body, now)),
}, edgeStores());
