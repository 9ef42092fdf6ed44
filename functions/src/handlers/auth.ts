import { LoginRequest } from '@union/shared/me';
import { config } from '../config';
import { wechatSessionsFor } from '../adapters/wechat-session';
import { ok, route } from '../lib/http';
import { UsersRepository } from '../repositories/users';
import { loginWithWechat } from '../usecases/login';

const deps = { sessions: wechatSessionsFor(config()), users: new UsersRepository() };

/** POST /v1/auth/wechat-login */
export const handler = route({ auth: false, body: LoginRequest, rateLimit: 'login' }, async ({ body, now }) =>
  ok(await loginWithWechat(deps, body, now)),
);
