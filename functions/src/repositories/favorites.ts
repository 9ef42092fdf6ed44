/** Favourites: `FAV#<kind>#<targetId>` in the user's partition (entities/user.ts), put and deleted idempotently. */
import { DeleteItemCommand, PutItemCommand, QueryCommand, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import type { Favorites } from '../usecases/ports';
import { FAVORITE_PREFIX, favoriteSk, userItemKey, userPk } from '../entities/user';
import { decodeCursor, encodeCursor } from '../lib/cursor';

export type { FavoriteKind, StoredFavorite } from '../entities/favorite';
import type { FavoriteKind, StoredFavorite } from '../entities/favorite';

const key = (userId: string, kind: FavoriteKind, id: string) => userItemKey(userId, favoriteSk(kind, id));

export class FavoritesRepository implements Favorites {
  /** Adds a favourite; adding it again keeps the first time. */
  async add(userId: string, f: StoredFavorite): Promise<void> {
    try {
      await dynamo().send(
        new PutItemCommand({
          TableName: tableName(),
          Item: marshall({ ...unmarshall(key(userId, f.kind, f.id)), entity: 'Favorite', version: 1, ...f }),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async remove(userId: string, kind: FavoriteKind, id: string): Promise<void> {
    await dynamo().send(new DeleteItemCommand({ TableName: tableName(), Key: key(userId, kind, id) }));
  }

  async list(userId: string, limit: number, cursor?: string): Promise<{ items: StoredFavorite[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :fav)',
        ExpressionAttributeValues: marshall({ ':pk': userPk(userId), ':fav': FAVORITE_PREFIX }),
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, `USER#${userId}|FAV#`),
      }),
    );
    return { items: (out.Items ?? []).map((i) => { const { kind, id, createdAt } = unmarshall(i); return { kind, id, createdAt }; }), nextCursor: encodeCursor(out.LastEvaluatedKey, `USER#${userId}|FAV#`) };
  }
}
