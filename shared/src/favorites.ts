import * as z from 'zod/mini';
import { IsoDateTime, page } from './common';

export const FavoriteKind = z.enum(['goods', 'activity', 'article']);
export const FavoriteParams = z.object({
  kind: FavoriteKind,
  id: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, '编号无效')),
});

/** A favourite with the current state of what it points at. */
export const Favorite = z.object({
  kind: FavoriteKind,
  id: z.string(),
  title: z.string(),
  /** goods: 可兑换 / 已兑完 / 已下架; activity: 报名中 / 未开始 / 已结束 / 已取消; article: 已发布 / 已撤回. */
  status: z.string(),
  pointsPrice: z.optional(z.number()),
  startsAt: z.optional(IsoDateTime),
  available: z.boolean(),
  createdAt: IsoDateTime,
});
export type Favorite = z.infer<typeof Favorite>;
export const FavoritePage = page(Favorite);
