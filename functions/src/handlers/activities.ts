import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { activitiesRoutes } from '@union/shared/routes/activities';
import { activityDeps } from '../wiring/activities';
import { edgeStores } from '../wiring/edge';
import { activityDetail, cancelSignup, checkIn, listActivities, myActivities, signUp } from '../usecases/activities';

/** The composition root: this function's use cases, wired by the domain's builder in wiring.ts. */
export const deps = activityDeps();

export const handler = routes(activitiesRoutes, {
  'GET /v1/activities': async ({ userId, query, now }) => ok(await listActivities(deps, userId, query, now)),
  'GET /v1/activities/{id}': async ({ userId, params }) => ok(await activityDetail(deps, userId, params.id)),
  'POST /v1/activities/{id}/signups': async ({ userId, params, now }) => created(await signUp(deps, userId, params.id, now)),
  'DELETE /v1/activities/{id}/signups/me': async ({ userId, params, now }) => ok(await cancelSignup(deps, userId, params.id, now)),
  'POST /v1/activities/{id}/check-ins': async ({ userId, params, body, now }) =>
    created(await checkIn(deps, userId, params.id, body.code, now)),
  'GET /v1/me/activities': async ({ userId, query }) => ok(await myActivities(deps, userId, query)),
}, edgeStores());
