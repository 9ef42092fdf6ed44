/** A favourite (items in the user's partition, entities/user.ts). */
export type FavoriteKind = 'goods' | 'activity' | 'article';
export interface StoredFavorite {
  kind: FavoriteKind;
  id: string;
  createdAt: string;
}

