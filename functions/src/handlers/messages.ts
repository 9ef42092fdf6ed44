import { ok } from '../lib/http';
import { routes } from '../lib/router';
import { MessagesRepository } from '../repositories/messages';
import { FavoritesRepository } from '../repositories/favorites';
import { MallRepository } from '../repositories/mall';
import { ActivitiesRepository } from '../repositories/activities';
import { addFavorite, listFavorites, removeFavorite } from '../usecases/favorites';

const messages = new MessagesRepository();
const favoriteDeps = { favorites: new FavoritesRepository(), mall: new MallRepository(), activities: new ActivitiesRepository() };

export const handler = routes({
  'GET /v1/me/messages': async ({ userId, query }) => ok(await messages.list(userId, query.limit, query.cursor)),
  'POST /v1/me/messages/{id}/read': async ({ userId, params }) => {
    await messages.markRead(userId, params.id);
    return ok({ id: params.id, read: true });
  },
  'POST /v1/me/messages/read-all': async ({ userId, now }) => {
    await messages.markAllRead(userId, now);
    return ok({ unread: 0 });
  },
  'PUT /v1/me/favorites/{kind}/{id}': async ({ userId, params, now }) => ok(await addFavorite(favoriteDeps, userId, params.kind, params.id, now)),
  'DELETE /v1/me/favorites/{kind}/{id}': async ({ userId, params }) => ok(await removeFavorite(favoriteDeps, userId, params.kind, params.id)),
  'GET /v1/me/favorites': async ({ userId, query, now }) => ok(await listFavorites(favoriteDeps, userId, query, now)),
});
