import { ok } from '../lib/http';
import { routes } from '../lib/router';
import { messagesRoutes } from '@union/shared/routes/messages';
import { edgeStores } from '../wiring/edge';
import { MessagesRepository } from '../repositories/messages';
import { FavoritesRepository } from '../repositories/favorites';
import { MallRepository } from '../repositories/mall';
import { ActivityListings } from '../repositories/activity-listings';
import { OrgsRepository } from '../repositories/orgs';
import { UsersRepository } from '../repositories/users';
import { ArticlesRepository } from '../repositories/articles';
import { addFavorite, listFavorites, removeFavorite, type FavoriteDeps } from '../usecases/favorites';
import { myMessages, readAllMessages, readMessage } from '../usecases/messages';

/** The composition root of the inbox and favourites. */
const inbox = new MessagesRepository();
const favoriteDeps: FavoriteDeps = { favorites: new FavoritesRepository(), mall: new MallRepository(), activities: new ActivityListings(), articles: new ArticlesRepository(), users: new UsersRepository(), orgs: new OrgsRepository() };

export const handler = routes(messagesRoutes, {
  'GET /v1/me/messages': async ({ userId, query }) => ok(await myMessages(inbox, userId, query)),
  'POST /v1/me/messages/{id}/read': async ({ userId, params }) => ok(await readMessage(inbox, userId, params.id)),
  'POST /v1/me/messages/read-all': async ({ userId, now }) => ok(await readAllMessages(inbox, userId, now)),
  'PUT /v1/me/favorites/{kind}/{id}': async ({ userId, params, now }) => ok(await addFavorite(favoriteDeps, userId, params.kind, params.id, now)),
  'DELETE /v1/me/favorites/{kind}/{id}': async ({ userId, params }) => ok(await removeFavorite(favoriteDeps, userId, params.kind, params.id)),
  'GET /v1/me/favorites': async ({ userId, query, now }) => ok(await listFavorites(favoriteDeps, userId, query, now)),
}, edgeStores());
