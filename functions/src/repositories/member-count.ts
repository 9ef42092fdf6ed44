/**
 * A union's active-member count (`activeMembers` on its item), which closing it (撤销) conditions on.
 * On its own, apart from union-tree.ts, so the functions that only count members in and out (membership,
 * 会员认证, roster imports) do not carry the tree's writing code.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { tableName } from '../lib/dynamo';
import { AppError } from '../lib/errors';
import { step, type Step } from '../lib/transact';
import { orgKey } from '../entities/org';

/** The condition that a union is open (a union without `status` predates closing, so it is open). */
export const OPEN = '(attribute_not_exists(#status) OR #status = :open)';

/**
 * A change of a union's active members by `delta`, to ride in the transaction that changes a
 * membership. Joining (+) requires the union to exist and be open (`closed` is what that failing means).
 */
export function memberCountStep(orgId: string, delta: number, closed?: AppError): Step {
  return step(delta > 0 ? 'union open' : 'union exists', {
    Update: {
      TableName: tableName(),
      Key: orgKey(orgId),
      UpdateExpression: 'ADD activeMembers :d',
      ConditionExpression: delta > 0 ? `attribute_exists(PK) AND ${OPEN}` : 'attribute_exists(PK)',
      ...(delta > 0 ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: marshall({ ':d': delta, ...(delta > 0 ? { ':open': 'open' } : {}) }),
    },
  }, closed ?? new AppError('INVALID_STATE', '该工会已撤销'));
}
