/**
 * The union tree. Each union stores its materialised path of ids from the root (`/sx/xa/xa-yt/`), so
 * "is X inside Y's subtree" is one string prefix test on X's item — no walk up the tree per request.
 * Paths are made of ids, never names, so a rename changes no path.
 *
 * Closing is conditioned on the union's own counters (entities/org.ts: `openChildren`, `activeMembers`);
 * creating a child and adding a member are conditioned on the union being open — all on the same item,
 * so a close racing a join or a child creation cannot both win. Names are unique among siblings by an
 * `ORGNAME#<parentId>#<normalised name>` item put with attribute_not_exists in the union's transaction
 * (a rename swaps it; closing frees it).
 */
import { BatchGetItemCommand, GetItemCommand, QueryCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Org } from '@union/shared/orgs';
import { dynamo, tableName } from '../lib/dynamo';
import type { Unions } from '../usecases/ports';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { filteredPage } from './query-pages';
import {
  orgFromItem, orgItem, orgKey, orgNameItem, orgNameKey, orgChildrenPk, orgSearchItem, orgSearchPk,
} from '../entities/org';

/** Very common pieces of union names; searching by them would read a huge partition. */
const STOP_BIGRAMS = new Set(['工会', '总工', '公司', '有限', '限公', '委员', '员会', '股份', '份有', '集团', '联合', '合会']);

/** The distinct two-character pieces of a name that the search index is keyed by. */
export function nameBigrams(name: string): string[] {
  const chars = [...name.replace(/\s+/g, '').toLowerCase()];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  return [...grams].filter((g) => !STOP_BIGRAMS.has(g));
}

/** True when `org` is `scopePath`'s union or below it. */
export const isWithin = (org: Pick<Org, 'path'>, scopePath: string) => org.path.startsWith(scopePath);

const toOrg = orgFromItem;

/** The name-search index items of a union (one per uncommon two-character piece of its name). */
export const searchItems = (org: Org) => nameBigrams(org.name).map((g) => orgSearchItem(org, g));

export interface OrgPage {
  items: Org[];
  nextCursor: string | null;
}

/** Reading the union tree (a function that only reads carries no write code: see union-tree.ts). */
export class OrgsRepository implements Unions {
  async get(orgId: string): Promise<Org | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: orgKey(orgId) }));
    return out.Item ? toOrg(unmarshall(out.Item)) : undefined;
  }

  /** True when a sibling under that parent already has this name (after normalisation). */
  async nameTaken(parentId: string, name: string): Promise<boolean> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: orgNameKey(parentId, name), ConsistentRead: true }));
    return Boolean(out.Item);
  }

  async getMany(orgIds: string[]): Promise<Org[]> {
    if (orgIds.length === 0) return [];
    const out = await dynamo().send(
      new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: [...new Set(orgIds)].map(orgKey) } } }),
    );
    return (out.Responses?.[tableName()] ?? []).map((i) => toOrg(unmarshall(i)));
  }

  /** Open children of a union (or the top-level unions for `null`), in their display order. */
  async children(parentId: string | null, limit: number, cursor?: string): Promise<OrgPage> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': { S: orgChildrenPk(parentId) } },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, orgChildrenPk(parentId)),
      }),
    );
    return { items: (out.Items ?? []).map((i) => toOrg(unmarshall(i))), nextCursor: encodeCursor(out.LastEvaluatedKey, orgChildrenPk(parentId)) };
  }

  /**
   * Unions whose name contains `q`: reads the index partition of the query's first searchable piece
   * and filters by the whole text. A query made only of common pieces reads the first piece's partition.
   */
  async search(q: string, limit: number, cursor?: string): Promise<OrgPage> {
    const text = q.replace(/\s+/g, '').toLowerCase();
    const pieces = nameBigrams(text);
    const piece = pieces[0] ?? [...text].slice(0, 2).join('');
    const out = await filteredPage(
      {
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        FilterExpression: 'contains(searchName, :q)',
        ExpressionAttributeValues: { ':pk': { S: orgSearchPk(piece) }, ':q': { S: text } },
      },
      { limit, start: decodeCursor(cursor, orgSearchPk(piece)), keyNames: ['PK', 'SK'] },
    );
    return { items: out.items.map((i) => toOrg(unmarshall(i))), nextCursor: encodeCursor(out.lastKey, orgSearchPk(piece)) };
  }
}

/**
 * The write requests that store one open union, its sibling-name item and its search index items (the
 * seed and bulk imports). `counters` must be right: closing trusts them — `openChildren` is the number
 * of children written, `activeMembers` the members (or add them with member-count.ts#memberCountStep as they join).
 */
export function orgWriteRequests(org: Org, order: number, counters: { openChildren?: number; activeMembers?: number } = {}): WriteRequest[] {
  return [
    { PutRequest: { Item: orgItem(org, String(order).padStart(6, '0'), counters) } },
    ...(org.parentId ? [{ PutRequest: { Item: orgNameItem(org) } }] : []),
    ...searchItems(org).map((Item) => ({ PutRequest: { Item } })),
  ];
}
