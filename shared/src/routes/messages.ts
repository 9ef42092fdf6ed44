/** The operations served by the `messages` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import * as z from 'zod/mini';
import { PageQuery } from '../common';
import { FavoriteKind, FavoritePage, FavoriteParams } from '../favorites';
import { MessagePage, MessageParams, MessageQuery, MessageRead, AllRead } from '../messages';
import type { RouteSpec } from '../route-spec';

export const messagesRoutes = {
  'GET /v1/me/messages': { fn: 'messages', summary: '我的消息（新的在前）', auth: true, query: MessageQuery, status: 200, response: MessagePage, errors: ['UNAUTHENTICATED'] },
  'POST /v1/me/messages/{id}/read': { fn: 'messages', idempotent: true, summary: '标为已读', auth: true, params: MessageParams, status: 200, response: MessageRead, errors: ['UNAUTHENTICATED'] },
  'POST /v1/me/messages/read-all': { fn: 'messages', idempotent: true, summary: '全部已读', auth: true, status: 200, response: AllRead, errors: ['UNAUTHENTICATED'] },
  'PUT /v1/me/favorites/{kind}/{id}': { fn: 'messages', summary: '收藏（重复收藏无副作用）', auth: true, params: FavoriteParams, status: 200, response: z.object({ kind: FavoriteKind, id: z.string(), favorite: z.literal(true) }), errors: ['VALIDATION_FAILED', 'NOT_FOUND'] },
  'DELETE /v1/me/favorites/{kind}/{id}': { fn: 'messages', summary: '取消收藏（重复取消无副作用）', auth: true, params: FavoriteParams, status: 200, response: z.object({ kind: FavoriteKind, id: z.string(), favorite: z.literal(false) }), errors: ['VALIDATION_FAILED'] },
  'GET /v1/me/favorites': { fn: 'messages', summary: '我的收藏（含当前状态）', auth: true, query: PageQuery, status: 200, response: FavoritePage, errors: ['UNAUTHENTICATED'] },
} satisfies Record<string, RouteSpec>;
