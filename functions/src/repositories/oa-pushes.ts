import { PutItemCommand, DeleteItemCommand, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import type { PushClaims } from '../usecases/ports';

const DEDUP_TTL_SECONDS = 24 * 3600;

/**
 * WeChat retries a push it got no answer to (up to three times): each push is handled once, keyed
 * by MsgId, or by sender + CreateTime for events. The key is claimed before acting and released if the
 * action fails, so a retry of a failed push is handled again.
 */
export async function claimPush(key: string, now: Date): Promise<boolean> {
  try {
    await dynamo().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: marshall({ PK: `OAPUSH#${key}`, SK: 'OAPUSH', entity: 'OfficialAccountPush', version: 1, expiresAt: Math.floor(now.getTime() / 1000) + DEDUP_TTL_SECONDS }),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
export const releasePush = (key: string) => dynamo().send(new DeleteItemCommand({ TableName: tableName(), Key: marshall({ PK: `OAPUSH#${key}`, SK: 'OAPUSH' }) }));


/**
 * A signed request URL (timestamp + nonce) is good once: the first request claims it with a conditional
 * put that expires after twice the signature window; any other request with it — a replay, whatever
 * its body — finds it taken. False when taken.
 */
export async function claimSignedRequest(timestamp: string, nonce: string, windowSeconds: number, now: Date): Promise<boolean> {
  try {
    await dynamo().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: marshall({ PK: `OANONCE#${timestamp}#${nonce}`, SK: 'OANONCE', entity: 'OfficialAccountNonce', expiresAt: Math.floor(now.getTime() / 1000) + 2 * windowSeconds }),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The claims as the official-account use case sees them. */
export class PushClaimsRepository implements PushClaims {
  claim(key: string, now: Date) {
    return claimPush(key, now);
  }
  async release(key: string) {
    await releasePush(key);
  }
  claimSignedRequest(timestamp: string, nonce: string, windowSeconds: number, now: Date) {
    return claimSignedRequest(timestamp, nonce, windowSeconds, now);
  }
}
