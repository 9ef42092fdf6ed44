/**
 * Queries that span DynamoDB's 1 MB pages, in one place: a filtered page, every item, a count.
 */
import { QueryCommand, type AttributeValue, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../lib/dynamo';

type Item = Record<string, AttributeValue>;

/**
 * One page of a query with a FilterExpression. DynamoDB applies `Limit` before the filter, so a single
 * query can answer an empty page with a cursor while matches lie further on (the audit log filtered by
 * action, once a busy scope has written newer entries of other actions). This reads on until the page
 * holds `limit` matches or the partition ends — at most `maxReads` queries, then the page is shorter and
 * its cursor continues where the reads stopped, so nothing is ever skipped or repeated.
 */
export async function filteredPage(
  input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>,
  opts: { limit: number; start?: Item; keyNames: string[]; maxReads?: number },
): Promise<{ items: Item[]; lastKey: Item | undefined }> {
  const items: Item[] = [];
  let start = opts.start;
  for (let reads = 0; reads < (opts.maxReads ?? 8); reads++) {
    // With a filter, read more than the page: the filter drops some of what is read.
    const out = await dynamo().send(new QueryCommand({ ...input, Limit: input.FilterExpression ? Math.max(opts.limit, 25) : opts.limit, ExclusiveStartKey: start }));
    for (const item of out.Items ?? []) {
      items.push(item);
      if (items.length === opts.limit) {
        // The page is full mid-read: the next page starts after its last item, not after the read.
        const more = item !== out.Items!.at(-1) || out.LastEvaluatedKey !== undefined;
        return { items, lastKey: more ? keyOf(item, opts.keyNames) : undefined };
      }
    }
    start = out.LastEvaluatedKey;
    if (!start) break;
  }
  return { items, lastKey: start };
}

const keyOf = (item: Item, names: string[]): Item => Object.fromEntries(names.map((n) => [n, item[n]!]));

/** Every item a query matches, following its pages to the end (partitions known to stay small). */
export async function queryAll(input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Select'>): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const out = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** How many items a query matches (Select COUNT: DynamoDB reads them but sends none). */
export async function countAll(input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Select' | 'ProjectionExpression'>): Promise<number> {
  let count = 0;
  let start: Item | undefined;
  do {
    const out = await dynamo().send(new QueryCommand({ ...input, Select: 'COUNT', ExclusiveStartKey: start }));
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}
