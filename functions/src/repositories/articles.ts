/**
 * 资讯 (news and notices) and reading points.
 *
 *   ARTICLE#<id>         ARTICLE                    the article; while published also
 *                                                   GSI1: ARTICLES#<orgId>#<kind> / <pinned 1|0>#<publishedAt>#<id>
 *                                                   (newest first with the pinned ones ahead, per union)
 *   ARTINSCOPE#<orgId>   <createdAt>#<id>           one per union on the article's path (cadres' subtree lists)
 *   USER#<id>            ARTREAD#<articleId>        when I last opened it; `creditedAt` once its points are paid
 *   USER#<id>            ARTREADS#<china-day>       how many articles paid reading points that day
 *
 * Members never get a copy per person: a notice reaches an inbox by the member's query of their own
 * union chain (≤ 5 partitions), not by writing 834万 items when it is published.
 */
import { BatchGetItemCommand, GetItemCommand, QueryCommand, UpdateItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { ArticleKind, ArticleStatus } from '@union/shared/articles';
import { dynamo, tableName } from '../lib/dynamo';
import { AppError } from '../lib/errors';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { step, transact } from '../lib/transact';
import { auditItems, type AuditRecord } from './audit';
import { ledgerPostingItems, type PointsState } from './points';
import { statsItems } from './stats';

export interface StoredArticle {
  id: string;
  kind: ArticleKind;
  title: string;
  summary: string;
  coverUrl?: string;
  /** Already sanitised (lib/rich-text). */
  body: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  status: ArticleStatus;
  pinned: boolean;
  publishedAt?: string;
  readPoints: number;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every write: edits, publish and unpublish are conditioned on the revision read. */
  rev: number;
}

export interface ReadRecord {
  openedAt?: string;
  creditedAt?: string;
}

const articleKey = (id: string) => marshall({ PK: `ARTICLE#${id}`, SK: 'ARTICLE' });
const readKey = (userId: string, articleId: string) => marshall({ PK: `USER#${userId}`, SK: `ARTREAD#${articleId}` });
const readsOfDayKey = (userId: string, day: string) => marshall({ PK: `USER#${userId}`, SK: `ARTREADS#${day}` });
const pathIds = (path: string) => path.split('/').filter(Boolean);
const publishedPk = (orgId: string, kind: ArticleKind) => `ARTICLES#${orgId}#${kind}`;
/** The published order key: pinned ahead of the rest, then newest first (the index is read descending). */
export const publishedSk = (a: Pick<StoredArticle, 'pinned' | 'publishedAt' | 'id'>) => `${a.pinned ? 1 : 0}#${a.publishedAt}#${a.id}`;

const strip = (item: Record<string, unknown>): StoredArticle => {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _gs, entity: _e, version: _v, ...rest } = item;
  return rest as unknown as StoredArticle;
};

function articleItem(a: StoredArticle) {
  const listed = a.status === 'published' ? { GSI1PK: publishedPk(a.orgId, a.kind), GSI1SK: publishedSk(a) } : {};
  return marshall({ ...unmarshall(articleKey(a.id)), ...listed, entity: 'Article', version: 1, ...a }, { removeUndefinedValues: true });
}

export type CreditOutcome = { outcome: 'ok'; balance: number } | { outcome: 'stale' } | { outcome: 'read-changed' };

export class ArticlesRepository {
  async get(id: string): Promise<StoredArticle | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: articleKey(id), ConsistentRead: true }));
    return out.Item ? strip(unmarshall(out.Item)) : undefined;
  }

  /** Puts a new article (a draft, or published for the seed) and its scope entries; `audit` only the seed omits. */
  async create(a: StoredArticle, audit?: AuditRecord): Promise<void> {
    await transact([
      step('new article', { Put: { TableName: tableName(), Item: articleItem(a), ConditionExpression: 'attribute_not_exists(PK)' } }),
      ...pathIds(a.orgPath).map((orgId) => ({
        Put: { TableName: tableName(), Item: marshall({ PK: `ARTINSCOPE#${orgId}`, SK: `${a.createdAt}#${a.id}`, entity: 'ArticleScopeEntry', version: 1, articleId: a.id }) },
      })),
      ...(audit ? auditItems(audit) : []),
    ]);
  }

  /**
   * Writes the whole article as `next` (edit, publish, unpublish, pin) on the condition that nobody wrote
   * it since revision `readRev`: two cadres publishing at once give one success and one INVALID_STATE.
   * The published-list keys follow the status, in the same write.
   */
  async replace(next: StoredArticle, readRev: number, audit: AuditRecord): Promise<void> {
    await transact([
      step(
        'article as read',
        {
          Put: {
            TableName: tableName(),
            Item: articleItem(next),
            ConditionExpression: 'attribute_exists(PK) AND #rev = :rev',
            ExpressionAttributeNames: { '#rev': 'rev' },
            ExpressionAttributeValues: marshall({ ':rev': readRev }),
          },
        },
        new AppError('INVALID_STATE', '内容刚被其他人修改过，请刷新后重试'),
      ),
      ...auditItems(audit),
    ]);
  }

  /**
   * Published articles of one union and kind in list order (pinned first, newest first), after the
   * order key `after` when paging. `limit + 1` are read so the caller knows whether more exist.
   */
  async published(orgId: string, kind: ArticleKind, limit: number, after?: string): Promise<StoredArticle[]> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: after ? 'GSI1PK = :pk AND GSI1SK < :after' : 'GSI1PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': publishedPk(orgId, kind), ...(after ? { ':after': after } : {}) }),
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => strip(unmarshall(i)));
  }

  /** Every article (drafts too) of a union's subtree, newest written first. */
  async inScope(orgId: string, limit: number, cursor?: string): Promise<{ items: StoredArticle[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: marshall({ ':pk': `ARTINSCOPE#${orgId}` }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, `ARTINSCOPE#${orgId}`),
      }),
    );
    const ids = (out.Items ?? []).map((i) => unmarshall(i).articleId as string);
    const byId = new Map((await this.many(ids)).map((a) => [a.id, a]));
    return { items: ids.map((id) => byId.get(id)).filter((a): a is StoredArticle => Boolean(a)), nextCursor: encodeCursor(out.LastEvaluatedKey, `ARTINSCOPE#${orgId}`) };
  }

  async many(ids: string[]): Promise<StoredArticle[]> {
    if (ids.length === 0) return [];
    const got = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: ids.map(articleKey) } } }));
    return (got.Responses?.[tableName()] ?? []).map((i) => strip(unmarshall(i)));
  }

  /** Records that the user opened the article now (server time); answers the record as it now stands. */
  async opened(userId: string, articleId: string, atIso: string): Promise<ReadRecord> {
    const out = await dynamo().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: readKey(userId, articleId),
        UpdateExpression: 'SET openedAt = :at, #entity = :entity, articleId = :id',
        ExpressionAttributeNames: { '#entity': 'entity' },
        ExpressionAttributeValues: marshall({ ':at': atIso, ':entity': 'ArticleRead', ':id': articleId }),
        ReturnValues: 'ALL_NEW',
      }),
    );
    const { openedAt, creditedAt } = unmarshall(out.Attributes ?? {});
    return { openedAt, creditedAt };
  }

  async readRecord(userId: string, articleId: string): Promise<ReadRecord | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: readKey(userId, articleId), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { openedAt, creditedAt } = unmarshall(out.Item);
    return { openedAt, creditedAt };
  }

  /**
   * Pays reading points in one transaction:
   * 0. the read record: opened at or before `openedBy`, not credited yet → `creditedAt` (once per article);
   * 1. the day's counter below `perDay` (the daily cap) → +1;
   * 2–3. the guarded ledger posting and its entry; then the statistics.
   * ALREADY_CREDITED when item 0 shows it paid; `read-changed` when it was reopened meanwhile (the caller
   * re-reads and names it); DAILY_CAP_REACHED from item 1; `stale` when only the balance moved (retry).
   */
  async credit(
    state: PointsState,
    c: { article: Pick<StoredArticle, 'id' | 'title' | 'readPoints'>; day: string; openedBy: string; perDay: number; at: Date; atIso: string },
  ): Promise<CreditOutcome> {
    const { steps: posting, entry } = ledgerPostingItems(state, {
      delta: c.article.readPoints, reason: `阅读资讯《${c.article.title.slice(0, 30)}》`, refType: 'article', refId: c.article.id, at: c.at,
    });
    const read: TransactWriteItem = {
      Update: {
        TableName: tableName(),
        Key: readKey(state.id, c.article.id),
        UpdateExpression: 'SET creditedAt = :at, #points = :points',
        ExpressionAttributeNames: { '#points': 'points' },
        ConditionExpression: 'attribute_exists(openedAt) AND openedAt <= :openedBy AND attribute_not_exists(creditedAt)',
        ExpressionAttributeValues: marshall({ ':at': c.atIso, ':points': c.article.readPoints, ':openedBy': c.openedBy }),
      },
    };
    const counter: TransactWriteItem = {
      Update: {
        TableName: tableName(),
        Key: readsOfDayKey(state.id, c.day),
        UpdateExpression: 'SET #entity = :entity ADD #count :one',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :cap',
        ExpressionAttributeNames: { '#count': 'count', '#entity': 'entity' },
        ExpressionAttributeValues: marshall({ ':entity': 'ArticleReadsOfDay', ':one': 1, ':cap': c.perDay }),
      },
    };
    const failed = await transact([
      // Already credited is read from the item as it was; otherwise it was reopened meanwhile (re-read).
      step('once per article', read, (old) => (old?.creditedAt ? new AppError('ALREADY_CREDITED') : 'answer')),
      step('daily cap', counter, new AppError('DAILY_CAP_REACHED')),
      ...posting,
      ...statsItems(state.membership?.orgPath, c.day, { pointsIssued: c.article.readPoints }),
    ]);
    if (!failed) return { outcome: 'ok', balance: entry.balanceAfter };
    return failed.step === 'once per article' ? { outcome: 'read-changed' } : { outcome: 'stale' };
  }
}
