/**
 * Who a follower of the official account is: WeChat gives the OA's own openid in pushes; the unionid
 * (shared with the mini-program) comes from user/info. The development adapter (local/test stages)
 * maps `oa-<name>` to the unionid the development login gives `dev:<name>`.
 */
import { isLocalStack, type Config } from '../config';
import { AccessTokens, wechatTokenFetcher } from '../repositories/access-tokens';

export interface OfficialAccountUsers {
  unionidOf(oaOpenid: string): Promise<string | undefined>;
}

export class DevOfficialAccountUsers implements OfficialAccountUsers {
  async unionidOf(oaOpenid: string) {
    const m = /^oa-([a-z0-9-]{1,40})$/.exec(oaOpenid);
    return m ? `dev-union-${m[1]}` : undefined;
  }
}

export class WechatOfficialAccountUsers implements OfficialAccountUsers {
  constructor(private readonly tokens: AccessTokens, private readonly http: typeof fetch = fetch) {}
  async unionidOf(oaOpenid: string) {
    const token = await this.tokens.get();
    const url = `https://api.weixin.qq.com/cgi-bin/user/info?access_token=${token}&openid=${encodeURIComponent(oaOpenid)}&lang=zh_CN`;
    const body = (await (await this.http(url, { signal: AbortSignal.timeout(2000) })).json()) as { unionid?: string };
    return body.unionid;
  }
}

export function officialAccountUsersFor(c: Pick<Config, 'STAGE' | 'DYNAMODB_ENDPOINT' | 'OA_APPID' | 'OA_SECRET'>): OfficialAccountUsers {
  return isLocalStack(c)
    ? new DevOfficialAccountUsers()
    : new WechatOfficialAccountUsers(new AccessTokens(c.OA_APPID, wechatTokenFetcher(c.OA_APPID, c.OA_SECRET)));
}
