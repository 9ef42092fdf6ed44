import { readingRule } from '../config';
import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { adminArticlesRoutes } from '@union/shared/routes/adminArticles';
import { edgeStores } from '../wiring/edge';
import { ArticlesRepository } from '../repositories/articles';
import { OrgsRepository } from '../repositories/orgs';
import { PointsRepository } from '../repositories/points';
import { UsersRepository } from '../repositories/users';
import { articleForCadre, editArticle, listArticlesInScope, setArticleStatus, writeArticle } from '../usecases/admin-articles';

/** The composition root of 资讯: the repositories its use cases ask for. */
const deps = { articles: new ArticlesRepository(), orgs: new OrgsRepository(), users: new UsersRepository(), points: new PointsRepository(), rule: readingRule() };

export const handler = routes(adminArticlesRoutes, {
  'GET /v1/admin/articles': async ({ userId, query }) => ok(await listArticlesInScope(deps, userId, query)),
  'POST /v1/admin/articles': async ({ userId, body, now }) => created(await writeArticle(deps, userId, body, now)),
  'GET /v1/admin/articles/{id}': async ({ userId, params }) => ok(await articleForCadre(deps, userId, params.id)),
  'PATCH /v1/admin/articles/{id}': async ({ userId, params, body, now }) => ok(await editArticle(deps, userId, params.id, body, now)),
  'POST /v1/admin/articles/{id}/publish': async ({ userId, params, now }) => ok(await setArticleStatus(deps, userId, params.id, 'published', now)),
  'POST /v1/admin/articles/{id}/unpublish': async ({ userId, params, now }) => ok(await setArticleStatus(deps, userId, params.id, 'draft', now)),
}, edgeStores());
