/**
 * Every item in the table carries `entity` (its type) and `version` (its shape), so a scan stays
 * readable and a migration can find what it must change. This scans the whole test table and lists the
 * items that do not — used by an int test and, after every suite has written what it writes, by the
 * global teardown.
 */
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';

export async function untaggedItems(endpoint: string, table: string): Promise<string[]> {
  const client = new DynamoDBClient({ endpoint, region: 'cn-northwest-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const offenders: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    for (const item of out.Items ?? []) {
      if (!item.entity?.S || !item.version?.N) offenders.push(`${item.PK?.S} / ${item.SK?.S} (entity ${item.entity?.S ?? '—'}, version ${item.version?.N ?? '—'})`);
    }
    start = out.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return offenders;
}
