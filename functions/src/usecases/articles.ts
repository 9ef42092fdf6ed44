import type { AdminArticle, Article, ArticleDetail, ArticleKind, ReadCredit } from '@union/shared/articles';
import { chinaDay, chinaIso } from '@union/shared/china-day';
import type { ReadingRule } from '../config';
import { AppError, validationFailed } from '../lib/errors';
import { AGAIN, retrying } from '../lib/retry';
import { publishedSk, type ArticlesRepository, type StoredArticle } from '../repositories/articles';
import type { OrgsRepository } from '../repositories/orgs';
import type { PointsRepository } from '../repositories/points';
import type { UsersRepository } from '../repositories/users';

export interface ArticleDeps {
  articles: ArticlesRepository;
  orgs: OrgsRepository;
  users: UsersRepository;
  points: PointsRepository;
  rule: ReadingRule;
}

const KINDS: ArticleKind[] = ['news', 'notice'];

export const view = (a: StoredArticle): Article => ({
  id: a.id, kind: a.kind, title: a.title, summary: a.summary, ...(a.coverUrl ? { coverUrl: a.coverUrl } : {}), orgId: a.orgId, orgName: a.orgName,
  publishedAt: a.publishedAt ?? a.createdAt, pinned: a.pinned, readPoints: a.readPoints,
});
export const adminView = (a: StoredArticle): AdminArticle => ({
  ...view(a), publishedAt: a.publishedAt, body: a.body, status: a.status, createdAt: a.createdAt, updatedAt: a.updatedAt,
});

/**
 * The unions whose published articles a user reads: a member's whole chain (their union and every one
 * above it); anyone else (no membership, or still pending) the root union's only, which are public.
 */
async function readableChain(deps: ArticleDeps, userId: string): Promise<{ chain: string[]; memberPath?: string }> {
  const profile = await deps.users.profile(userId);
  const path = profile?.membership.status === 'active' ? profile.membership.orgPath : undefined;
  if (path) return { chain: path.split('/').filter(Boolean), memberPath: path };
  const root = (await deps.orgs.children(null, 1)).items[0];
  return { chain: root ? [root.id] : [] };
}

const isRootArticle = (a: StoredArticle) => a.orgPath.split('/').filter(Boolean).length === 1;

/** Published and on my chain (or the root's): anything else is, for this reader, not there. */
function readable(a: StoredArticle | undefined, memberPath: string | undefined): a is StoredArticle {
  return Boolean(a && a.status === 'published' && (isRootArticle(a) || (memberPath && memberPath.startsWith(a.orgPath))));
}

const encodeAfter = (sk: string) => Buffer.from(sk).toString('base64url');
function decodeAfter(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[01]#\d{4}-\d{2}-\d{2}T[^#]+#[A-Za-z0-9-]+$/.test(sk)) throw validationFailed([{ path: 'cursor', message: '分页游标无效' }]);
  return sk;
}

/**
 * Published articles of my chain, pinned first then newest: each union's index is read in that order
 * from the cursor's position, the pages merged, and the next cursor is the order key of the last one
 * shown — so paging across several unions neither skips nor repeats.
 */
export async function listArticles(deps: ArticleDeps, userId: string, q: { kind?: ArticleKind; limit: number; cursor?: string }) {
  const after = decodeAfter(q.cursor);
  const { chain } = await readableChain(deps, userId);
  const kinds = q.kind ? [q.kind] : KINDS;
  const found = (await Promise.all(chain.flatMap((orgId) => kinds.map((kind) => deps.articles.published(orgId, kind, q.limit + 1, after))))).flat();
  const ordered = found.map((a) => ({ a, sk: publishedSk(a) })).sort((x, y) => (x.sk < y.sk ? 1 : x.sk > y.sk ? -1 : 0));
  const shown = ordered.slice(0, q.limit);
  const more = ordered.length > q.limit;
  return { items: shown.map(({ a }) => view(a)), nextCursor: more && shown.length ? encodeAfter(shown[shown.length - 1].sk) : null };
}

/** One article with its body; records now (server time) as when I opened it, for the reading rule. */
export async function openArticle(deps: ArticleDeps, userId: string, id: string, now: Date): Promise<ArticleDetail> {
  const [article, { memberPath }] = await Promise.all([deps.articles.get(id), readableChain(deps, userId)]);
  if (!readable(article, memberPath)) throw new AppError('NOT_FOUND', '资讯不存在或已撤回');
  const record = await deps.articles.opened(userId, id, chinaIso(now));
  return { ...view(article), body: article.body, readCredited: Boolean(record.creditedAt), readSeconds: deps.rule.minSeconds };
}

/**
 * Credits reading points:
 * 1. only an active member, for an article they can read;
 * 2. not credited before, and opened at least `minSeconds` ago (by the server's clock);
 * 3. one transaction: the read record's `creditedAt` (once per article), the day's counter below the cap,
 *    the ledger posting — the database, not these reads, holds each rule under any burst of requests;
 * 4. if the balance or the record moved meanwhile, read again (within the one retry budget).
 */
export async function creditReading(deps: ArticleDeps, userId: string, id: string, now: Date): Promise<ReadCredit> {
  const profile = await deps.users.profile(userId);
  if (!profile) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
  if (profile.membership.status !== 'active' || !profile.membership.orgPath) throw new AppError('NOT_A_MEMBER', '阅读积分仅限工会会员，请先入会或完成会员认证');
  const article = await deps.articles.get(id);
  if (!readable(article, profile.membership.orgPath)) throw new AppError('NOT_FOUND', '资讯不存在或已撤回');
  const openedBy = chinaIso(new Date(now.getTime() - deps.rule.minSeconds * 1000));
  return retrying(async () => {
    const record = await deps.articles.readRecord(userId, id);
    if (record?.creditedAt) throw new AppError('ALREADY_CREDITED');
    if (!record?.openedAt || record.openedAt > openedBy) {
      throw new AppError('TOO_SOON', `阅读满 ${deps.rule.minSeconds} 秒才能获得积分，请继续阅读`);
    }
    const state = await deps.points.state(userId);
    if (!state) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
    const result = await deps.articles.credit(state, { article, day: chinaDay(now), openedBy, perDay: deps.rule.perDay, at: now, atIso: chinaIso(now) });
    if (result.outcome === 'ok') return { pointsAwarded: article.readPoints, balance: result.balance };
    // read-changed: credited by a concurrent request, or reopened meanwhile — the next read names it;
    // stale: the balance moved (a ledger race, retried within RETRY.ledger).
    return AGAIN;
  });
}
