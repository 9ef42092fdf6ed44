import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { AccessTokens } from '../../functions/src/repositories/access-tokens';
import { dynamo, tableName } from '../../functions/src/lib/dynamo';

describe('WeChat access token cache in the table', () => {
  it('twenty instances asking at once → one fetch from WeChat; a cached token is reused until near expiry', async () => {
    let fetches = 0;
    const appid = `wx-test-${randomUUID().slice(0, 8)}`;
    const fetcher = async () => {
      fetches++;
      await new Promise((r) => setTimeout(r, 200));
      return { token: `token-${fetches}`, expiresInSeconds: 7200 };
    };
    const tokens = await Promise.all(Array.from({ length: 20 }, () => new AccessTokens(appid, fetcher).get()));
    expect(fetches).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(await new AccessTokens(appid, fetcher).get(Date.now() + 3600_000)).toBe('token-1');
    // Within five minutes of expiry it is refreshed (once).
    expect(await new AccessTokens(appid, fetcher).get(Date.now() + 7000_000)).toBe('token-2');
    expect(fetches).toBe(2);
  });

  it('a refresh whose fetch fails leaves the leased item tagged with its entity and version', async () => {
    const appid = `wx-test-${randomUUID().slice(0, 8)}`;
    await expect(new AccessTokens(appid, async () => { throw new Error('WeChat unreachable'); }).get()).rejects.toThrow('unreachable');
    const item = (await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: marshall({ PK: `WXTOKEN#${appid}`, SK: 'TOKEN' }), ConsistentRead: true }))).Item;
    expect(unmarshall(item!)).toMatchObject({ entity: 'AccessToken', version: 1 });
  });
});
