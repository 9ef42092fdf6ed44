import { readingRule } from '../config';
import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { articlesRoutes } from '@union/shared/routes/articles';
import { edgeStores } from '../wiring/edge';
import { ArticlesRepository } from '../repositories/articles';
import { OrgsRepository } from '../repositories/orgs';
import { PointsRepository } from '../repositories/points';
import { UsersRepository } from '../repositories/users';
import { creditReading, listArticles, openArticle } from '../usecases/articles';

/** The composition root of 资讯: the repositories its use cases ask for. */
const deps = { articles: new ArticlesRepository(), orgs: new OrgsRepository(), users: new UsersRepository(), points: new PointsRepository(), rule: readingRule() };

export const handler = routes(articlesRoutes, {
  'GET /v1/articles': async ({ userId, query }) => ok(await listArticles(deps, userId, query)),
  'GET /v1/articles/{id}': async ({ userId, params, now }) => ok(await openArticle(deps, userId, params.id, now)),
  'POST /v1/articles/{id}/reads': async ({ userId, params, now }) => created(await creditReading(deps, userId, params.id, now)),
}, edgeStores());
