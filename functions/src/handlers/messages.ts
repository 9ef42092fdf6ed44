import { MessageParams, MessageQuery } from '@union/shared/messages';
import { ok, route } from '../lib/http';
import { routes } from '../lib/router';
import { MessagesRepository } from '../repositories/messages';

const messages = new MessagesRepository();

export const handler = routes({
  'GET /v1/me/messages': route({ auth: true, query: MessageQuery }, async ({ userId, query }) => ok(await messages.list(userId, query.limit, query.cursor))),
  'POST /v1/me/messages/{id}/read': route({ auth: true, params: MessageParams }, async ({ userId, params }) => {
    await messages.markRead(userId, params.id);
    return ok({ id: params.id, read: true });
  }),
  'POST /v1/me/messages/read-all': route({ auth: true }, async ({ userId, now }) => {
    await messages.markAllRead(userId, now);
    return ok({ unread: 0 });
  }),
});
