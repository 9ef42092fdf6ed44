/**
 * WeChat subscribe messages (订阅消息). The real adapter posts to WeChat's API; the recording adapter
 * (local/test stages) hands what it would have sent to a log (a repository: the adapter never writes
 * the table itself), where tests read it. A failed send is reported, never thrown: a member's action
 * must not fail because a notification could not go out.
 */
import { isLocalStack, type Config } from '../config';

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** The mini-program page the message opens. */
  page: string;
  data: Record<string, { value: string }>;
}

export type SendOutcome = { sent: true } | { sent: false; errcode: number; errmsg: string };

export interface SubscribeMessages {
  send(message: SubscribeMessage): Promise<SendOutcome>;
}

/** Where the recording adapter puts what it would have sent. */
export interface SentMessages {
  record(message: SubscribeMessage, at: Date): Promise<void>;
}

/** Records instead of sending (local and test stages). */
export class RecordingSubscribeMessages implements SubscribeMessages {
  constructor(private readonly log: SentMessages) {}
  async send(message: SubscribeMessage): Promise<SendOutcome> {
    await this.log.record(message, new Date());
    return { sent: true };
  }
}

/** Sends through WeChat's subscribeMessage.send with a client-credential access token. */
export class WechatSubscribeMessages implements SubscribeMessages {
  private token?: { value: string; expiresAt: number };
  constructor(
    private readonly appid: string,
    private readonly secret: string,
    private readonly http: typeof fetch = fetch,
  ) {}

  private async accessToken(): Promise<string> {
    // Refreshed five minutes before WeChat's 2-hour expiry.
    if (this.token && this.token.expiresAt > Date.now() + 300_000) return this.token.value;
    const url = `https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(this.appid)}&secret=${encodeURIComponent(this.secret)}`;
    const body = (await (await this.http(url, { signal: AbortSignal.timeout(3000) })).json()) as { access_token?: string; expires_in?: number; errcode?: number };
    if (!body.access_token) throw new Error(`access token refused (${body.errcode})`);
    this.token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 7200) * 1000 };
    return this.token.value;
  }

  async send(message: SubscribeMessage): Promise<SendOutcome> {
    try {
      const url = `https://api.weixin.qq.com/cgi-bin/message/subscribe/send?access_token=${await this.accessToken()}`;
      const response = await this.http(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ touser: message.openid, template_id: message.templateId, page: message.page, data: message.data, miniprogram_state: 'formal' }),
        signal: AbortSignal.timeout(3000),
      });
      const body = (await response.json()) as { errcode?: number; errmsg?: string };
      // 43101: the user has not (or no longer) consented — recorded by the caller, not retried.
      return body.errcode ? { sent: false, errcode: body.errcode, errmsg: body.errmsg ?? '' } : { sent: true };
    } catch (error) {
      return { sent: false, errcode: -1, errmsg: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** `log` is asked for only on the stages that record (so cloud bundles need not build one). */
export function subscribeMessagesFor(c: Pick<Config, 'STAGE' | 'DYNAMODB_ENDPOINT' | 'WECHAT_APPID' | 'WECHAT_SECRET'>, log: () => SentMessages): SubscribeMessages {
  return isLocalStack(c)
    ? new RecordingSubscribeMessages(log())
    : new WechatSubscribeMessages(c.WECHAT_APPID, c.WECHAT_SECRET);
}
