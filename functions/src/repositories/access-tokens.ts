/**
 * WeChat access tokens cached in the table (`WXTOKEN#<appid>`), shared by every function instance and
 * refreshed before expiry by one refresher at a time: a conditional write takes a short lease; the
 * others keep using the current token, or wait briefly for the new one. WeChat invalidates the old
 * token when a new one is fetched, so uncoordinated refreshers would break each other.
 */
import { GetItemCommand, PutItemCommand, UpdateItemCommand, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import { tagOnCreate } from '../entities/tags';

const REFRESH_BEFORE_MS = 5 * 60_000;
const LEASE_MS = 10_000;
const key = (appid: string) => marshall({ PK: `WXTOKEN#${appid}`, SK: 'TOKEN' });
// The first lease creates the item: it is tagged then, not only when a token is stored (a fetch may fail).
const tag = tagOnCreate('AccessToken');

export type TokenFetcher = () => Promise<{ token: string; expiresInSeconds: number }>;

export class AccessTokens {
  constructor(private readonly appid: string, private readonly fetchToken: TokenFetcher) {}

  private async read(): Promise<{ token?: string; expiresAt?: number; leaseUntil?: number }> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: key(this.appid), ConsistentRead: true }));
    return out.Item ? unmarshall(out.Item) : {};
  }

  async get(now = Date.now()): Promise<string> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const current = await this.read();
      if (current.token && current.expiresAt! - REFRESH_BEFORE_MS > now) return current.token;
      if (await this.takeLease(now)) {
        const fresh = await this.fetchToken();
        await dynamo().send(
          new PutItemCommand({
            TableName: tableName(),
            Item: marshall({ ...unmarshall(key(this.appid)), entity: 'AccessToken', version: 1, token: fresh.token, expiresAt: now + fresh.expiresInSeconds * 1000, expiresAtTtl: Math.floor(now / 1000) + fresh.expiresInSeconds }),
          }),
        );
        return fresh.token;
      }
      // Someone else is refreshing: a still-valid token may be used meanwhile.
      if (current.token && current.expiresAt! > now) return current.token;
      await new Promise((r) => setTimeout(r, 250));
      now = Date.now();
    }
    throw new Error('access token refresh did not complete');
  }

  /** One refresher at a time: the lease is a conditional write. */
  private async takeLease(now: number): Promise<boolean> {
    try {
      await dynamo().send(
        new UpdateItemCommand({
          TableName: tableName(),
          Key: key(this.appid),
          UpdateExpression: `SET leaseUntil = :until, ${tag.set}`,
          // Free lease AND no fresh token: a waiter that read before the refresher stored the token must
          // not take the lease the stored token released and fetch a second one.
          ConditionExpression: '(attribute_not_exists(leaseUntil) OR leaseUntil < :now) AND (attribute_not_exists(expiresAt) OR expiresAt <= :stale)',
          ExpressionAttributeValues: marshall({ ':until': now + LEASE_MS, ':now': now, ':stale': now + REFRESH_BEFORE_MS, ...tag.values }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

/** The client-credential token fetch of WeChat's API. */
export function wechatTokenFetcher(appid: string, secret: string, http: typeof fetch = fetch): TokenFetcher {
  return async () => {
    const url = `https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appid)}&secret=${encodeURIComponent(secret)}`;
    const body = (await (await http(url, { signal: AbortSignal.timeout(3000) })).json()) as { access_token?: string; expires_in?: number; errcode?: number };
    if (!body.access_token) throw new Error(`access token refused (${body.errcode})`);
    return { token: body.access_token, expiresInSeconds: body.expires_in ?? 7200 };
  };
}
