import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { adminActivitiesRoutes } from '@union/shared/routes/adminActivities';
import { activityDeps } from '../wiring/activities';
import { edgeStores } from '../wiring/edge';
import {
  cancelActivity, currentCheckInCode, editActivity, listActivitiesInScope, participants, participantsCsv, publishActivity,
} from '../usecases/activities';

/** The composition root: this function's use cases, wired by the domain's builder in wiring.ts. */
export const deps = activityDeps();

export const handler = routes(adminActivitiesRoutes, {
  'GET /v1/admin/activities': async ({ userId, query }) => ok(await listActivitiesInScope(deps, userId, query)),
  'POST /v1/admin/activities': async ({ userId, body, now }) => created(await publishActivity(deps, userId, body, now)),
  'PATCH /v1/admin/activities/{id}': async ({ userId, params, body, now }) =>
    ok(await editActivity(deps, userId, params.id, body, now)),
  'POST /v1/admin/activities/{id}/cancel': async ({ userId, params, now }) => ok(await cancelActivity(deps, userId, params.id, now)),
  'GET /v1/admin/activities/{id}/signups': async ({ userId, params, query }) => {
    const rows = await participants(deps, userId, params.id, query.cursor);
    if (query.format === 'csv') {
      return {
        status: 200,
        raw: true,
        body: participantsCsv(rows),
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="signups-${params.id}.csv"` },
      };
    }
    return ok({ items: rows, nextCursor: null });
  },
  'GET /v1/admin/activities/{id}/check-in-code': async ({ userId, params, now }) => ok(await currentCheckInCode(deps, userId, params.id, now)),
}, edgeStores());
