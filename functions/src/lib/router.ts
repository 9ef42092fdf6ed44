/**
 * One Lambda serves one route group: `routes(orgsRoutes, { 'GET /v1/orgs/{id}': async (input) => … }, edge)`
 * builds each operation from its entry in the function's route module (shared/src/routes/<fn>.ts, part of
 * ROUTES) — the table must handle every one of them — and dispatches on API Gateway's `routeKey`.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { RouteSpec } from '@union/shared/route-spec';
import { route, type EdgeStores, type RouteHandler } from './http';
import { notFound } from './not-found';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
/** A function's handler, telling which operations it serves (checked against ROUTES and serverless.yml). */
export type RoutedHandler = Handler & { operations: string[] };
/** The handlers of a function's operations, each typed by its entry in the function's route module. */
export type RouteTable<T extends Record<string, RouteSpec>> = { [K in keyof T]: RouteHandler<T[K]> };

/** `edge`: the rate-limit and idempotency stores, wired by the function's composition root. */
export function routes<T extends Record<string, RouteSpec>>(specs: T, table: RouteTable<T>, edge: EdgeStores): RoutedHandler {
  const built: Record<string, Handler> = {};
  for (const key of Object.keys(table) as (keyof T & string)[]) {
    const handler = route(key, specs[key], table[key] as RouteHandler<RouteSpec>, edge) as unknown as Handler;
    built[key] = handler;
    // WeChat's wx.request has no PATCH: every PATCH route also answers PUT, as the same operation.
    if (key.startsWith('PATCH ')) built[key.replace(/^PATCH /, 'PUT ')] = handler;
  }
  const dispatch: Handler = async (event, context) => {
    const handler = built[event.routeKey];
    if (handler) return handler(event, context);
    return notFound();
  };
  return Object.assign(dispatch, { operations: Object.keys(built) });
}
