import * as z from 'zod/mini'
import { FavoritePage, type Favorite } from '@union/shared/favorites'
import { call, request } from './api'

/** Favourites (收藏) of goods, activities and articles. Used by subpackage pages only, so it is bundled there. */
export type FavoriteKind = Favorite['kind']

const Toggled = z.object({ kind: z.string(), id: z.string(), favorite: z.boolean() })

export const favoritePath = (kind: FavoriteKind, id: string) => `/v1/me/favorites/${kind}/${encodeURIComponent(id)}`

/** One page of my favourites, newest first, each with the current state of what it points at. */
export const favoritesPage = (cursor?: string, limit = 20) => call('GET /v1/me/favorites', FavoritePage, { query: { limit, cursor } })

/** Whether `kind/id` is among my favourites (the API has no single-item lookup: reads pages of 100). */
export async function isFavorite(kind: FavoriteKind, id: string): Promise<boolean> {
  let cursor: string | undefined
  for (let i = 0; i < 10; i++) {
    const page = await favoritesPage(cursor, 100)
    if (page.items.some((f) => f.kind === kind && f.id === id)) return true
    if (!page.nextCursor) return false
    cursor = page.nextCursor
  }
  return false
}

/** Adds or removes a favourite (both idempotent); resolves with the state now stored. */
export async function setFavorite(kind: FavoriteKind, id: string, on: boolean): Promise<boolean> {
  const answer = await request(favoritePath(kind, id), { method: on ? 'PUT' : 'DELETE', schema: Toggled })
  return answer.favorite
}

/** Where a favourite opens. */
const FAVORITE_PAGES: Record<FavoriteKind, string> = {
  goods: '/packages/mall/detail/index',
  activity: '/packages/activity/detail/index',
  article: '/packages/news/detail/index',
}
export const favoriteUrl = (kind: FavoriteKind, id: string) => `${FAVORITE_PAGES[kind]}?id=${encodeURIComponent(id)}`
