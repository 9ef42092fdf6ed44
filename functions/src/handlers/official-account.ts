import { config, signInRule } from '../config';
import { AppError } from '../lib/errors';
import { parsePushXml } from '../lib/official-account';
import { type Reply } from '../lib/http';
import { routes } from '../lib/router';
import { officialAccountRoutes } from '@union/shared/routes/officialAccount';
import { edgeStores } from '../wiring/edge';
import { officialAccountUsersFor } from '../adapters/official-account-users';
import { PointsRepository } from '../repositories/points';
import { UsersRepository } from '../repositories/users';
import { PushClaimsRepository } from '../repositories/oa-pushes';
import { acceptSigned, handlePush, type OfficialAccountDeps } from '../usecases/official-account';

const c = config();
/** The composition root of the official account: the repositories and adapters its use case asks for. */
const deps: OfficialAccountDeps = {
  users: new UsersRepository(),
  points: new PointsRepository(),
  pushes: new PushClaimsRepository(),
  followers: officialAccountUsersFor(c),
  rule: signInRule(c),
  miniprogramAppid: c.WECHAT_APPID,
};

const text = (status: number, body: string, type = 'text/plain'): Reply => ({ status, body, raw: true, headers: { 'content-type': `${type}; charset=utf-8` } });

export const handler = routes(officialAccountRoutes, {
  // WeChat's server URL check: echo `echostr` when the signature is ours.
  'GET /v1/wechat/official-account': async ({ query, now }) => {
    await acceptSigned(deps.pushes, c.OA_TOKEN, query, now, false);
    return text(200, query.echostr ?? '');
  },
  'POST /v1/wechat/official-account': async ({ query, body, now }) => {
    await acceptSigned(deps.pushes, c.OA_TOKEN, query, now, true);
    let push: Record<string, string>;
    try {
      push = parsePushXml(String(body));
    } catch {
      throw new AppError('VALIDATION_FAILED', '推送内容不是合法的 XML');
    }
    const reply = await handlePush(deps, push, now);
    // "success" tells WeChat there is nothing to send back.
    return reply ? text(200, reply, 'application/xml') : text(200, 'success');
  },
}, edgeStores());
