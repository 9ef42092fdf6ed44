/**
 * Changing the union tree: create, rename and close (撤销), each one transaction, and the steps other
 * transactions carry (a member counted in or out, a union founded by 建会).
 *
 * Closing is conditioned on the union's own counters (entities/org.ts: `openChildren`, `activeMembers`);
 * creating a child and adding a member are conditioned on the union being open — all on the same item,
 * so a close racing a join or a child creation cannot both win. Names are unique among siblings by an
 * `ORGNAME#<parentId>#<normalised name>` item put with attribute_not_exists in the union's transaction
 * (a rename swaps it; closing frees it). Paths are made of ids, so a rename changes no path.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Org } from '@union/shared/orgs';
import { dynamo, tableName } from '../lib/dynamo';
import { AppError } from '../lib/errors';
import { step, transact, type Step } from '../lib/transact';
import type { UnionTree } from '../usecases/ports';
import { orgClosedPk, orgFromItem as toOrg, orgItem, orgKey, orgNameItem, orgNameKey, orgSearchKey, type StoredOrg } from '../entities/org';
import { auditItems, type AuditRecord } from './audit';
import { nameBigrams, OrgsRepository, searchItems } from './orgs';
import { OPEN } from './member-count';

export { memberCountStep } from './member-count';

const nameTaken = new AppError('NAME_TAKEN', undefined, [{ path: 'name', message: '同一上级工会下已有同名工会' }]);

/**
 * The steps that create a union: the union, its name among its siblings (→ NAME_TAKEN), the parent
 * open and its open-children count +1 (→ the parent closed meanwhile), then its search index items.
 */
export function newOrgSteps(org: Org, at: Date): Step[] {
  if (!org.parentId) throw new Error('a new union needs a parent');
  return [
    // Created children sort after the seeded/imported ones (fixed-width order numbers), oldest first.
    step('new union', { Put: { TableName: tableName(), Item: orgItem(org, String(at.getTime())), ConditionExpression: 'attribute_not_exists(PK)' } }, new AppError('BUSY')),
    step('name free among siblings', { Put: { TableName: tableName(), Item: orgNameItem(org), ConditionExpression: 'attribute_not_exists(PK)' } }, nameTaken),
    step('parent open', {
      Update: {
        TableName: tableName(),
        Key: orgKey(org.parentId),
        UpdateExpression: 'ADD openChildren :one',
        ConditionExpression: `attribute_exists(PK) AND ${OPEN}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':one': 1, ':open': 'open' }),
      },
    }, new AppError('INVALID_STATE', '上级工会已撤销，不能再建立下级工会')),
    ...searchItems(org).map((Item) => step('search index', { Put: { TableName: tableName(), Item } })),
  ];
}

export class UnionTreeRepository extends OrgsRepository implements UnionTree {
  /** A union with its counters, read consistently (the tree's writes condition on what they read). */
  async stored(orgId: string): Promise<StoredOrg | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: orgKey(orgId), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const item = unmarshall(out.Item);
    return { ...toOrg(item), openChildren: Number(item.openChildren ?? 0), activeMembers: Number(item.activeMembers ?? 0) };
  }

  async create(org: Org, audit: AuditRecord): Promise<void> {
    await transact([...newOrgSteps(org, audit.at), ...auditItems(audit)]);
  }

  /**
   * Renames an open union: the union (on the condition that its name is still the one read), the
   * sibling-name item swapped (the new one put with attribute_not_exists → NAME_TAKEN), and the search
   * index moved to the new name's pieces. The path is made of ids and does not change.
   */
  async rename(org: Org, name: string, audit: AuditRecord): Promise<void> {
    const renamed = { ...org, name };
    const oldKey = orgNameKey(org.parentId, org.name);
    const sameKey = oldKey.PK.S === orgNameKey(org.parentId, name).PK.S; // only spacing or letter case changed
    const kept = new Set(nameBigrams(name));
    await transact([
      step('union open, name as read', {
        Update: {
          TableName: tableName(),
          Key: orgKey(org.id),
          UpdateExpression: 'SET #name = :name',
          ConditionExpression: `#name = :old AND ${OPEN}`,
          ExpressionAttributeNames: { '#name': 'name', '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':name': name, ':old': org.name, ':open': 'open' }),
        },
      }, new AppError('INVALID_STATE', '该工会已撤销或刚被他人修改，请刷新后重试')),
      sameKey
        ? step('name item', { Put: { TableName: tableName(), Item: orgNameItem(renamed) } })
        : step('new name free among siblings', { Put: { TableName: tableName(), Item: orgNameItem(renamed), ConditionExpression: 'attribute_not_exists(PK)' } }, nameTaken),
      ...(sameKey ? [] : [step('old name freed', { Delete: { TableName: tableName(), Key: oldKey } })]),
      ...nameBigrams(org.name).filter((g) => !kept.has(g)).map((g) => step('search index', { Delete: { TableName: tableName(), Key: orgSearchKey(g, org.id) } })),
      ...searchItems(renamed).map((Item) => step('search index', { Put: { TableName: tableName(), Item } })),
      ...auditItems(audit),
    ]);
  }

  /**
   * Closes (撤销) a union: open → closed only while it has no active members and no open children (the
   * counters on its own item, so a join approval or a child creation racing this cannot slip in); it
   * leaves its parent's children list and open count, the search index and the sibling-name register.
   */
  async close(org: Org, audit: AuditRecord): Promise<void> {
    if (!org.parentId) throw new AppError('INVALID_STATE', '不能撤销省总工会');
    await transact([
      step('open and empty', {
        Update: {
          TableName: tableName(),
          Key: orgKey(org.id),
          UpdateExpression: 'SET #status = :closed, closedAt = :at, GSI1PK = :closedPk',
          ConditionExpression: `${OPEN} AND (attribute_not_exists(openChildren) OR openChildren = :zero) AND (attribute_not_exists(activeMembers) OR activeMembers = :zero)`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':closed': 'closed', ':open': 'open', ':zero': 0, ':at': audit.at.toISOString(), ':closedPk': orgClosedPk(org.parentId) }),
        },
      }, (old) => (old?.status === 'closed' ? new AppError('INVALID_STATE', '该工会已撤销') : old ? new AppError('NOT_EMPTY') : new AppError('NOT_FOUND', '工会不存在'))),
      step('parent counts one open child less', {
        Update: {
          TableName: tableName(),
          Key: orgKey(org.parentId),
          UpdateExpression: 'ADD openChildren :minus',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: marshall({ ':minus': -1 }),
        },
      }, new AppError('BUSY')),
      step('name freed', { Delete: { TableName: tableName(), Key: orgNameKey(org.parentId, org.name) } }),
      ...nameBigrams(org.name).map((g) => step('search index', { Delete: { TableName: tableName(), Key: orgSearchKey(g, org.id) } })),
      ...auditItems(audit),
    ]);
  }
}
