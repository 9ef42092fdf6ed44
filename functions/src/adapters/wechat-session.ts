/**
 * WeChat login code exchange (code2Session). The real adapter calls WeChat's API with the AppID and
 * AppSecret from configuration and keeps `session_key` inside this function: it is neither stored nor
 * returned. The development adapter turns `dev:<name>` into openid `dev-<name>` and exists only on the
 * `local` and `test` stages.
 */
import { AppError } from '../lib/errors';
import { isLocalStack, type Config } from '../config';

export interface WechatIdentity {
  openid: string;
  unionid?: string;
}

export interface WechatSessions {
  exchange(code: string): Promise<WechatIdentity>;
}

const DEV_CODE = /^dev:([a-z0-9-]{1,40})$/;
export const isDevCode = (code: string) => code.startsWith('dev:');

export class DevWechatSessions implements WechatSessions {
  async exchange(code: string): Promise<WechatIdentity> {
    const match = DEV_CODE.exec(code);
    if (!match) throw new AppError('VALIDATION_FAILED', '开发登录码格式应为 dev:<名字>', [{ path: 'code', message: '开发登录码无效' }]);
    return { openid: `dev-${match[1]}`, unionid: `dev-union-${match[1]}` };
  }
}

type Fetch = typeof fetch;

export class WechatApiSessions implements WechatSessions {
  constructor(
    private readonly appid: string,
    private readonly secret: string,
    private readonly http: Fetch = fetch,
  ) {}

  async exchange(code: string): Promise<WechatIdentity> {
    if (!this.appid || !this.secret) throw new AppError('INTERNAL', '微信登录未配置');
    const url = new URL('https://api.weixin.qq.com/sns/jscode2session');
    url.search = new URLSearchParams({ appid: this.appid, secret: this.secret, js_code: code, grant_type: 'authorization_code' }).toString();
    let body: { openid?: string; unionid?: string; session_key?: string; errcode?: number; errmsg?: string };
    try {
      const response = await this.http(url, { signal: AbortSignal.timeout(3000) });
      body = (await response.json()) as typeof body;
    } catch {
      throw new AppError('BUSY', '微信登录服务暂时不可用，请稍后重试');
    }
    // 40029 invalid code, 40163 code already used: the client should call wx.login again.
    if (body.errcode === 40029 || body.errcode === 40163) throw new AppError('UNAUTHENTICATED', '登录凭证已失效，请重新登录');
    if (body.errcode === 45011) throw new AppError('RATE_LIMITED');
    if (body.errcode || !body.openid) throw new AppError('BUSY', '微信登录服务暂时不可用，请稍后重试');
    return { openid: body.openid, unionid: body.unionid };
  }
}

/**
 * The code exchange for a stage: on `local`/`test`, `dev:` codes go to the development adapter and
 * others to WeChat; on every other stage a `dev:` code is refused before anything else happens.
 */
export function wechatSessionsFor(c: Pick<Config, 'STAGE' | 'DYNAMODB_ENDPOINT' | 'WECHAT_APPID' | 'WECHAT_SECRET'>, http: Fetch = fetch): WechatSessions {
  const real = new WechatApiSessions(c.WECHAT_APPID, c.WECHAT_SECRET, http);
  const devAllowed = isLocalStack(c);
  const dev = new DevWechatSessions();
  return {
    async exchange(code) {
      // A local/test stack without WeChat credentials can only check development codes.
      if (!isDevCode(code) && devAllowed && !c.WECHAT_APPID) throw new AppError('UNAUTHENTICATED', '本地环境请使用 dev:<名字> 登录');
      if (!isDevCode(code)) return real.exchange(code);
      if (!devAllowed) throw new AppError('UNAUTHENTICATED', '开发登录仅在本地环境可用');
      return dev.exchange(code);
    },
  };
}
