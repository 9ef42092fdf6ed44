/** Favourites: `USER#<id> / FAV#<kind>#<targetId>`, put and deleted idempotently. */
import { DeleteItemCommand, PutItemCommand, QueryCommand, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import { decodeCursor, encodeCursor } from '../lib/cursor';

export type FavoriteKind = 'goods' | 'activity' | 'article';
export interface StoredFavorite {
  kind: FavoriteKind;
  id: string;
  createdAt: string;
}

const key = (userId: string, kind: FavoriteKind, id: string) => marshall({ PK: `USER#${userId}`, SK: `FAV#${kind}#${id}` });

export class FavoritesRepository {
  /** Adds a favourite; adding it again keeps the first time. */
  async add(userId: string, f: StoredFavorite): Promise<void> {
    try {
      await dynamo().send(
        new PutItemCommand({
          TableName: tableName(),
          Item: marshall({ ...unmarshall(key(userId, f.kind, f.id)), entity: 'Favorite', ...f }),
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
        ExpressionAttributeValues: marshall({ ':pk': `USER#${userId}`, ':fav': 'FAV#' }),
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    return { items: (out.Items ?? []).map((i) => { const { kind, id, createdAt } = unmarshall(i); return { kind, id, createdAt }; }), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }
}
