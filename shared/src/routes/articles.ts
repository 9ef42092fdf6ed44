/** The operations served by the `articles` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { ArticleDetail, ArticlePage, ArticleParams, ArticleQuery, ReadCredit } from '../articles';
import type { RouteSpec } from '../route-spec';

export const articlesRoutes = {
  'GET /v1/articles': { fn: 'articles', summary: '资讯：本人所在工会链发布的新闻与通知（省总工会的对所有人公开），置顶在前、新的在前', auth: true, query: ArticleQuery, status: 200, response: ArticlePage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  'GET /v1/articles/{id}': { fn: 'articles', summary: '资讯详情（正文为安全的富文本子集）；记录本人打开的时间（服务器时间）', auth: true, params: ArticleParams, status: 200, response: ArticleDetail, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_FOUND'] },
  'POST /v1/articles/{id}/reads': { fn: 'articles', idempotent: true, summary: '领取阅读积分：每篇一次，打开满 10 秒后，每天最多 3 篇（可配置）', auth: true, params: ArticleParams, status: 201, response: ReadCredit, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'NOT_A_MEMBER', 'NOT_FOUND', 'ALREADY_CREDITED', 'TOO_SOON', 'DAILY_CAP_REACHED', 'BUSY'] },
} satisfies Record<string, RouteSpec>;
