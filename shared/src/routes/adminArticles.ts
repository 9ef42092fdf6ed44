/** The operations served by the `adminArticles` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { AdminArticle, AdminArticlePage, AdminArticleQuery, ArticleInput, ArticleParams, ArticlePatch } from '../articles';
import type { RouteSpec } from '../route-spec';

export const adminArticlesRoutes = {
  'GET /v1/admin/articles': { fn: 'adminArticles', summary: '管辖范围内的资讯（含草稿）', auth: true, query: AdminArticleQuery, status: 200, response: AdminArticlePage, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/articles': { fn: 'adminArticles', idempotent: true, summary: '撰写资讯（草稿；正文在服务器端净化）', auth: true, body: ArticleInput, status: 201, response: AdminArticle, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'BUSY'] },
  'GET /v1/admin/articles/{id}': { fn: 'adminArticles', summary: '一篇资讯（编辑用）', auth: true, params: ArticleParams, status: 200, response: AdminArticle, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'PATCH /v1/admin/articles/{id}': { fn: 'adminArticles', summary: '编辑资讯、置顶或取消置顶（记入审计日志）', auth: true, params: ArticleParams, body: ArticlePatch, status: 200, response: AdminArticle, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE', 'BUSY'] },
  'POST /v1/admin/articles/{id}/publish': { fn: 'adminArticles', idempotent: true, summary: '发布资讯（记入审计日志）', auth: true, params: ArticleParams, status: 200, response: AdminArticle, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE', 'BUSY'] },
  'POST /v1/admin/articles/{id}/unpublish': { fn: 'adminArticles', idempotent: true, summary: '撤回资讯（记入审计日志）', auth: true, params: ArticleParams, status: 200, response: AdminArticle, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE', 'BUSY'] },
} satisfies Record<string, RouteSpec>;
