/**
 * What the recording subscribe-message adapter (local/test stages) would have sent to WeChat, kept in
 * the table where tests read it:
 *
 *   SUBSCRIBEMSG#<openid>   <at>#<random>   one recorded message
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';
import { dynamo, tableName } from '../lib/dynamo';
import type { SubscribeMessage } from '../adapters/subscribe-messages';

export class SentMessagesLog {
  async record(message: SubscribeMessage, at: Date): Promise<void> {
    const iso = at.toISOString();
    await dynamo().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: marshall({ PK: `SUBSCRIBEMSG#${message.openid}`, SK: `${iso}#${randomUUID().slice(0, 8)}`, entity: 'SubscribeMessage', version: 1, ...message, at: iso }),
      }),
    );
  }
}
