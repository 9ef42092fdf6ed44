/**
 * The route table of API v1: method, path, what it takes and what it answers, by schema — one module per
 * function in `routes/`, merged here. The OpenAPI document is generated from it (`npm run openapi`, checked
 * current by a test), serverless.yml's events are checked against it, and the mini-program's client is typed
 * by it. A function imports only its own module (bundles stay small); everything else imports ROUTES.
 */
import { ErrorBody } from './common';
import type { RouteSpec } from './route-spec';
import { authRoutes } from './routes/auth';
import { meRoutes } from './routes/me';
import { accountRoutes } from './routes/account';
import { accountExportRoutes } from './routes/accountExport';
import { pointsRoutes } from './routes/points';
import { orgsRoutes } from './routes/orgs';
import { adminOrgsRoutes } from './routes/adminOrgs';
import { membershipRoutes } from './routes/membership';
import { adminMembershipRoutes } from './routes/adminMembership';
import { messagesRoutes } from './routes/messages';
import { mallRoutes } from './routes/mall';
import { adminMallRoutes } from './routes/adminMall';
import { activitiesRoutes } from './routes/activities';
import { adminActivitiesRoutes } from './routes/adminActivities';
import { adminRoutes } from './routes/admin';
import { articlesRoutes } from './routes/articles';
import { adminArticlesRoutes } from './routes/adminArticles';
import { importsRoutes } from './routes/imports';
import { officialAccountRoutes } from './routes/officialAccount';

export type { RouteSpec } from './route-spec';

export const ROUTES = {
  ...authRoutes,
  ...meRoutes,
  ...accountRoutes,
  ...accountExportRoutes,
  ...pointsRoutes,
  ...orgsRoutes,
  ...adminOrgsRoutes,
  ...membershipRoutes,
  ...adminMembershipRoutes,
  ...messagesRoutes,
  ...mallRoutes,
  ...adminMallRoutes,
  ...activitiesRoutes,
  ...adminActivitiesRoutes,
  ...adminRoutes,
  ...articlesRoutes,
  ...adminArticlesRoutes,
  ...importsRoutes,
  ...officialAccountRoutes,
} satisfies Record<string, RouteSpec>;


export type RouteKey = keyof typeof ROUTES;

/** One entry of ROUTES with its key split into method and path (for documents, checks and tests). */
export interface Operation extends RouteSpec {
  key: RouteKey;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
}

export const OPERATIONS: Operation[] = (Object.entries(ROUTES) as [RouteKey, RouteSpec][]).map(([key, spec]) => {
  const [method, path] = key.split(' ');
  return { ...spec, key, method: method.toLowerCase() as Operation['method'], path };
});

/** The route keys API Gateway must have: every operation, and a PUT alias of every PATCH (wx.request has no PATCH). */
export const GATEWAY_ROUTE_KEYS: string[] = OPERATIONS.flatMap((o) => (o.method === 'patch' ? [o.key, o.key.replace(/^PATCH /, 'PUT ')] : [o.key]));

export { ErrorBody };
