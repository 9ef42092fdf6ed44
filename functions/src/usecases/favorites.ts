import type { Favorite } from '@union/shared/favorites';
import { chinaIso } from '@union/shared/china-day';
import { AppError } from '../lib/errors';
import type { FavoriteKind } from '../entities/favorite';
import type { ActivityListings, ArticleLookup, Favorites, GoodsShelf, Members, Unions } from './ports';
import { assertOffered } from './scope';

export interface FavoriteDeps {
  favorites: Favorites;
  mall: Pick<GoodsShelf, 'goods'>;
  activities: Pick<ActivityListings, 'get'>;
  users: Pick<Members, 'profile' | 'withRoles'>;
  orgs: Pick<Unions, 'children'>;
  articles: ArticleLookup;
}

/**
 * Adds a favourite (idempotent): goods and activities must exist and be offered to this user (their union
 * chain), an article must be published.
 */
export async function addFavorite(deps: FavoriteDeps, userId: string, kind: FavoriteKind, id: string, now: Date) {
  if (kind === 'article') {
    if ((await deps.articles.get(id))?.status !== 'published') throw new AppError('NOT_FOUND', '资讯不存在');
  } else {
    const what = kind === 'goods' ? '商品' : '活动';
    const item = kind === 'goods' ? await deps.mall.goods(id) : await deps.activities.get(id);
    if (!item) throw new AppError('NOT_FOUND', `${what}不存在`);
    await assertOffered(deps, userId, item, what);
  }
  await deps.favorites.add(userId, { kind, id, createdAt: chinaIso(now) });
  return { kind, id, favorite: true };
}

export async function removeFavorite(deps: FavoriteDeps, userId: string, kind: FavoriteKind, id: string) {
  await deps.favorites.remove(userId, kind, id);
  return { kind, id, favorite: false };
}

/** My favourites with what they point at now (price, stock, signup state); vanished ones are skipped. */
export async function listFavorites(deps: FavoriteDeps, userId: string, page: { limit: number; cursor?: string }, now: Date) {
  const out = await deps.favorites.list(userId, page.limit, page.cursor);
  const nowIso = chinaIso(now);
  const items = await Promise.all(
    out.items.map(async (f): Promise<Favorite | undefined> => {
      if (f.kind === 'goods') {
        const g = await deps.mall.goods(f.id);
        if (!g) return undefined;
        const status = g.status !== 'on_shelf' ? '已下架' : g.stock <= 0 ? '已兑完' : '可兑换';
        return { kind: 'goods', id: f.id, title: g.name, status, pointsPrice: g.pointsPrice, available: status === '可兑换', createdAt: f.createdAt };
      }
      if (f.kind === 'article') {
        const article = await deps.articles.get(f.id);
        if (!article) return undefined;
        const published = article.status === 'published';
        return { kind: 'article', id: f.id, title: article.title, status: published ? '已发布' : '已撤回', available: published, createdAt: f.createdAt };
      }
      const a = await deps.activities.get(f.id);
      if (!a) return undefined;
      const status = a.status === 'cancelled' ? '已取消' : nowIso >= a.endsAt ? '已结束' : a.signupOpensAt <= nowIso && nowIso < a.signupClosesAt ? '报名中' : nowIso < a.signupOpensAt ? '未开始报名' : '报名已截止';
      return { kind: 'activity', id: f.id, title: a.title, status, startsAt: a.startsAt, available: status === '报名中', createdAt: f.createdAt };
    }),
  );
  return { items: items.filter((x): x is Favorite => Boolean(x)), nextCursor: out.nextCursor };
}
