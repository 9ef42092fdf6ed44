/** A favourite (items in the user's partition, entities/user.ts). */
export type FavoriteKind = 'goods' | 'activity';
export interface StoredFavorite {
  kind: FavoriteKind;
  id: string;
  createdAt: string;
}

