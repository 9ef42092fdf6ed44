/**
 * The union tree. Each union stores its materialised path of ids from the root (`/sx/xa/xa-yt/`), so
 * "is X inside Y's subtree" is one string prefix test on X's item — no walk up the tree per request.
 * Paths are made of ids, never names, so a rename changes no path.
 *
 * The union item also keeps two counters that closing is conditioned on, both changed only inside the
 * transactions that change what they count:
 *   openChildren   open child unions  (+1 when a child is created, −1 when it is closed)
 *   activeMembers  active members     (+1 on join approval and 会员认证, ±1 on transfer, −1 on leaving)
 * Creating a child and adding a member are conditioned on the union being open, and closing on both
 * counters being 0 — all on the same item, so a close racing a join or a child creation cannot both win.
 * Names are unique among siblings by an `ORGNAME#<parentId>#<normalised name>` item put with
 * attribute_not_exists in the same transaction as the union (a rename swaps it; closing frees it).
 */
import { BatchGetItemCommand, GetItemCommand, QueryCommand, type TransactWriteItem, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Org } from '@union/shared/orgs';
import { dynamo, tableName } from '../lib/dynamo';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { AppError } from '../lib/errors';
import { failedAt, transact } from '../lib/transact';
import { auditItems, type AuditRecord } from './audit';
import { orgChildrenPk, orgClosedPk, orgKey, orgNameKey, orgSearchPk } from './keys';

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

const toOrg = (item: Record<string, unknown>): Org => {
  const { id, name, parentId, level, path, status, creditCode } = item as Org;
  return { id, name, parentId: parentId ?? null, level, path, status: status ?? 'open', ...(creditCode ? { creditCode } : {}) };
};

/** A union with its counters, as the tree's own writes need it. */
export interface StoredOrg extends Org {
  openChildren: number;
  activeMembers: number;
}

/** The text the name search matches against. */
const searchName = (name: string) => name.replace(/\s+/g, '').toLowerCase();

/** The name-search index items of a union (one per uncommon two-character piece of its name). */
function searchItems(org: Org): Record<string, any>[] {
  const attrs = { id: org.id, name: org.name, parentId: org.parentId, level: org.level, path: org.path, ...(org.creditCode ? { creditCode: org.creditCode } : {}) };
  return nameBigrams(org.name).map((g) => ({
    PK: { S: orgSearchPk(g) },
    SK: { S: `ORG#${org.id}` },
    ...marshall({ entity: 'OrgSearch', version: 1, searchName: searchName(org.name), ...attrs }),
  }));
}

const searchKey = (bigram: string, orgId: string) => ({ PK: { S: orgSearchPk(bigram) }, SK: { S: `ORG#${orgId}` } });

/** The stored item of a union (without the name and index items). */
function orgItem(org: Org, order: string, counters: { openChildren?: number; activeMembers?: number } = {}) {
  return {
    ...orgKey(org.id),
    GSI1PK: { S: orgChildrenPk(org.parentId) },
    GSI1SK: { S: `${order}#${org.id}` },
    ...marshall({ entity: 'Org', version: 1, ...org, status: 'open', openChildren: 0, activeMembers: 0, ...counters }, { removeUndefinedValues: true }),
  };
}

const nameItem = (org: Pick<Org, 'id' | 'name' | 'parentId'>) => ({
  ...orgNameKey(org.parentId, org.name),
  ...marshall({ entity: 'OrgName', version: 1, orgId: org.id }),
});

const OPEN = '(attribute_not_exists(#status) OR #status = :open)';

/**
 * The items that create a union, in this order (their positions name a failed condition): 0 the union,
 * 1 its name among its siblings (→ NAME_TAKEN), 2 the parent: open, and its open-children count +1
 * (→ the parent closed meanwhile), then the search index items.
 */
export function newOrgItems(org: Org, at: Date): TransactWriteItem[] {
  if (!org.parentId) throw new Error('a new union needs a parent');
  return [
    // Created children sort after the seeded/imported ones (fixed-width order numbers), oldest first.
    { Put: { TableName: tableName(), Item: orgItem(org, String(at.getTime())), ConditionExpression: 'attribute_not_exists(PK)' } },
    { Put: { TableName: tableName(), Item: nameItem(org), ConditionExpression: 'attribute_not_exists(PK)' } },
    {
      Update: {
        TableName: tableName(),
        Key: orgKey(org.parentId),
        UpdateExpression: 'ADD openChildren :one',
        ConditionExpression: `attribute_exists(PK) AND ${OPEN}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':one': 1, ':open': 'open' }),
      },
    },
    ...searchItems(org).map((Item) => ({ Put: { TableName: tableName(), Item } })),
  ];
}

/** The domain error of a failed union creation, from the positions of `newOrgItems` starting at `at`. */
export function newOrgFailure(reasons: Parameters<typeof failedAt>[0], at = 0): AppError | undefined {
  if (failedAt(reasons, at + 1)) return new AppError('NAME_TAKEN', undefined, [{ path: 'name', message: '同一上级工会下已有同名工会' }]);
  if (failedAt(reasons, at + 2)) return new AppError('INVALID_STATE', '上级工会已撤销，不能再建立下级工会');
  if (failedAt(reasons, at)) return new AppError('BUSY');
  return undefined;
}

/**
 * A change of a union's active members by `delta`, to ride in the transaction that changes a
 * membership. Joining (+) requires the union to exist and be open: a closed union takes no members.
 */
export function memberCountItem(orgId: string, delta: number): TransactWriteItem {
  return {
    Update: {
      TableName: tableName(),
      Key: orgKey(orgId),
      UpdateExpression: 'ADD activeMembers :d',
      ConditionExpression: delta > 0 ? `attribute_exists(PK) AND ${OPEN}` : 'attribute_exists(PK)',
      ...(delta > 0 ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: marshall({ ':d': delta, ...(delta > 0 ? { ':open': 'open' } : {}) }),
    },
  };
}

export interface OrgPage {
  items: Org[];
  nextCursor: string | null;
}

export class OrgsRepository {
  async get(orgId: string): Promise<Org | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: orgKey(orgId) }));
    return out.Item ? toOrg(unmarshall(out.Item)) : undefined;
  }

  /** A union with its counters, read consistently (the tree's writes condition on what they read). */
  async stored(orgId: string): Promise<StoredOrg | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: orgKey(orgId), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const item = unmarshall(out.Item);
    return { ...toOrg(item), openChildren: Number(item.openChildren ?? 0), activeMembers: Number(item.activeMembers ?? 0) };
  }

  /** True when a sibling of that parent already has this name (after normalisation). */
  async nameTaken(parentId: string, name: string): Promise<boolean> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: orgNameKey(parentId, name), ConsistentRead: true }));
    return Boolean(out.Item);
  }

  /** Creates a union under an open parent, its name unique among its siblings; audited. */
  async create(org: Org, audit: AuditRecord): Promise<void> {
    await transact([...newOrgItems(org, audit.at), ...auditItems(audit)], (reasons) => newOrgFailure(reasons) ?? new AppError('BUSY'));
  }

  /**
   * Renames an open union: the union (on the condition that its name is still the one read), the
   * sibling-name item swapped (the new one put with attribute_not_exists → NAME_TAKEN), and the search
   * index moved to the new name's pieces. The path is made of ids and does not change.
   */
  async rename(org: Org, name: string, audit: AuditRecord): Promise<void> {
    const renamed = { ...org, name };
    const oldKey = orgNameKey(org.parentId, org.name);
    const newKey = orgNameKey(org.parentId, name);
    const sameKey = oldKey.PK.S === newKey.PK.S; // only spacing or letter case changed
    const newIndex = searchItems(renamed);
    const kept = new Set(nameBigrams(name));
    const items: TransactWriteItem[] = [
      {
        Update: {
          TableName: tableName(),
          Key: orgKey(org.id),
          UpdateExpression: 'SET #name = :name',
          ConditionExpression: `#name = :old AND ${OPEN}`,
          ExpressionAttributeNames: { '#name': 'name', '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':name': name, ':old': org.name, ':open': 'open' }),
        },
      },
      sameKey
        ? { Put: { TableName: tableName(), Item: nameItem(renamed) } }
        : { Put: { TableName: tableName(), Item: nameItem(renamed), ConditionExpression: 'attribute_not_exists(PK)' } },
      ...(sameKey ? [] : [{ Delete: { TableName: tableName(), Key: oldKey } }]),
      ...nameBigrams(org.name).filter((g) => !kept.has(g)).map((g) => ({ Delete: { TableName: tableName(), Key: searchKey(g, org.id) } })),
      ...newIndex.map((Item) => ({ Put: { TableName: tableName(), Item } })),
      ...auditItems(audit),
    ];
    await transact(items, (reasons) => {
      if (failedAt(reasons, 1)) return new AppError('NAME_TAKEN', undefined, [{ path: 'name', message: '同一上级工会下已有同名工会' }]);
      if (failedAt(reasons, 0)) return new AppError('INVALID_STATE', '该工会已撤销或刚被他人修改，请刷新后重试');
      return new AppError('BUSY');
    });
  }

  /**
   * Closes (撤销) a union: open → closed only while it has no active members and no open children (the
   * counters on its own item, so a join approval or a child creation racing this cannot slip in); it
   * leaves its parent's children list and open count, the search index and the sibling-name register.
   */
  async close(org: Org, audit: AuditRecord): Promise<void> {
    if (!org.parentId) throw new AppError('INVALID_STATE', '不能撤销省总工会');
    const items: TransactWriteItem[] = [
      {
        Update: {
          TableName: tableName(),
          Key: orgKey(org.id),
          UpdateExpression: 'SET #status = :closed, closedAt = :at, GSI1PK = :closedPk',
          ConditionExpression: `${OPEN} AND (attribute_not_exists(openChildren) OR openChildren = :zero) AND (attribute_not_exists(activeMembers) OR activeMembers = :zero)`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':closed': 'closed', ':open': 'open', ':zero': 0, ':at': audit.at.toISOString(), ':closedPk': orgClosedPk(org.parentId) }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: orgKey(org.parentId),
          UpdateExpression: 'ADD openChildren :minus',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: marshall({ ':minus': -1 }),
        },
      },
      { Delete: { TableName: tableName(), Key: orgNameKey(org.parentId, org.name) } },
      ...nameBigrams(org.name).map((g) => ({ Delete: { TableName: tableName(), Key: searchKey(g, org.id) } })),
      ...auditItems(audit),
    ];
    await transact(items, (reasons) => {
      if (failedAt(reasons, 0)) {
        const old = reasons[0].Item ? unmarshall(reasons[0].Item) : undefined;
        if (old?.status === 'closed') return new AppError('INVALID_STATE', '该工会已撤销');
        return new AppError('NOT_EMPTY');
      }
      return new AppError('BUSY');
    });
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
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    return { items: (out.Items ?? []).map((i) => toOrg(unmarshall(i))), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  /**
   * Unions whose name contains `q`: reads the index partition of the query's first searchable piece
   * and filters by the whole text. A query made only of common pieces reads the first piece's partition.
   */
  async search(q: string, limit: number, cursor?: string): Promise<OrgPage> {
    const text = q.replace(/\s+/g, '').toLowerCase();
    const pieces = nameBigrams(text);
    const piece = pieces[0] ?? [...text].slice(0, 2).join('');
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        FilterExpression: 'contains(searchName, :q)',
        ExpressionAttributeValues: { ':pk': { S: orgSearchPk(piece) }, ':q': { S: text } },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    return { items: (out.Items ?? []).map((i) => toOrg(unmarshall(i))), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }
}

/**
 * The write requests that store one open union, its sibling-name item and its search index items (the
 * seed and bulk imports). `counters` must be right: closing trusts them — `openChildren` is the number
 * of children written, `activeMembers` the members (or add them with `memberCountItem` as they join).
 */
export function orgWriteRequests(org: Org, order: number, counters: { openChildren?: number; activeMembers?: number } = {}): WriteRequest[] {
  return [
    { PutRequest: { Item: orgItem(org, String(order).padStart(6, '0'), counters) } },
    ...(org.parentId ? [{ PutRequest: { Item: nameItem(org) } }] : []),
    ...searchItems(org).map((Item) => ({ PutRequest: { Item } })),
  ];
}
