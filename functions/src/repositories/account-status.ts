/** Whether an account still exists, for the HTTP edge: a deleted (注销) account's tokens stop at once. */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import { userKey } from '../entities/user';

export class AccountStatus {
  /** One strongly consistent read of the profile's key (1 RCU): the deletion's own answer is already in force. */
  async isOpen(userId: string): Promise<boolean> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: userKey(userId), ProjectionExpression: 'PK', ConsistentRead: true }));
    return Boolean(out.Item);
  }
}
