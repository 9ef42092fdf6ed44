import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { config } from '../config';
import { edgeStores, notifierFor } from '../wiring';
import { ActivitiesRepository } from '../repositories/activities';
import { OrgsRepository } from '../repositories/orgs';
import { PointsRepository } from '../repositories/points';
import { UsersRepository } from '../repositories/users';
import { activityDetail, cancelSignup, checkIn, listActivities, myActivities, signUp, type ActivityDeps } from '../usecases/activities';

/** The composition root of activities: the repositories and adapters its use cases ask for. */
export const deps: ActivityDeps = {
  activities: new ActivitiesRepository(),
  points: new PointsRepository(),
  orgs: new OrgsRepository(),
  users: new UsersRepository(),
  notifier: notifierFor(config()),
};

export const handler = routes({
  'GET /v1/activities': async ({ userId, now }) => ok(await listActivities(deps, userId, now)),
  'GET /v1/activities/{id}': async ({ userId, params }) => ok(await activityDetail(deps, userId, params.id)),
  'POST /v1/activities/{id}/signups': async ({ userId, params, now }) => created(await signUp(deps, userId, params.id, now)),
  'DELETE /v1/activities/{id}/signups/me': async ({ userId, params, now }) => ok(await cancelSignup(deps, userId, params.id, now)),
  'POST /v1/activities/{id}/check-ins': async ({ userId, params, body, now }) =>
    created(await checkIn(deps, userId, params.id, body.code, now)),
  'GET /v1/me/activities': async ({ userId, query }) => ok(await myActivities(deps, userId, query)),
}, edgeStores());
