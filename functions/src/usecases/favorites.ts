import type { Favorite } from '@union/shared/favorites';
import { chinaIso } from '@union/shared/china-day';
import { AppError } from '../lib/errors';
import type { FavoriteKind } from '../entities/favorite';
import type { ActivityListings, Favorites, GoodsShelf } from './ports';

export interface FavoriteDeps {
  favorites: Favorites;
  mall: Pick<GoodsShelf, 'goods'>;
  activities: Pick<ActivityListings, 'get'>;
}

async function exists(deps: FavoriteDeps, kind: FavoriteKind, id: string): Promise<boolean> {
  return kind === 'goods' ? Boolean(await deps.mall.goods(id)) : Boolean(await deps.activities.get(id));
}

/** Adds a favourite (idempotent); the goods or activity must exist. */
export async function addFavorite(deps: FavoriteDeps, userId: string, kind: FavoriteKind, id: string, now: Date) {
  if (!(await exists(deps, kind, id))) throw new AppError('NOT_FOUND', kind === 'goods' ? '商品不存在' : '活动不存在');
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
      const a = await deps.activities.get(f.id);
      if (!a) return undefined;
      const status = a.status === 'cancelled' ? '已取消' : nowIso >= a.endsAt ? '已结束' : a.signupOpensAt <= nowIso && nowIso < a.signupClosesAt ? '报名中' : nowIso < a.signupOpensAt ? '未开始报名' : '报名已截止';
      return { kind: 'activity', id: f.id, title: a.title, status, startsAt: a.startsAt, available: status === '报名中', createdAt: f.createdAt };
    }),
  );
  return { items: items.filter((x): x is Favorite => Boolean(x)), nextCursor: out.nextCursor };
}
