import { config } from '../config';
import { wechatSessionsFor } from '../adapters/wechat-session';
import { ok } from '../lib/http';
import { routes } from '../lib/router';
import { authRoutes } from '@union/shared/routes/auth';
import { edgeStores } from '../wiring/edge';
import { UsersRepository } from '../repositories/users';
import { OrgsRepository } from '../repositories/orgs';
import { RolesRepository } from '../repositories/roles';
import { loginWithWechat } from '../usecases/login';

const c = config();
const deps = {
  sessions: wechatSessionsFor(c),
  users: new UsersRepository(),
  orgs: new OrgsRepository(),
  roles: new RolesRepository(),
  rootCadreOpenids: c.ROOT_CADRE_OPENIDS.split(',').map((s) => s.trim()).filter(Boolean),
};

/** POST /v1/auth/wechat-login */
export const handler = routes(authRoutes, {
  'POST /v1/auth/wechat-login': async ({ body, now }) => ok(await loginWithWechat(deps, body, now)),
}, edgeStores());
