import { signInRule } from '../config';
import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { pointsRoutes } from '@union/shared/routes/points';
import { edgeStores } from '../wiring/edge';
import { PointsRepository } from '../repositories/points';
import { myLedger, signInCalendar, signInToday } from '../usecases/sign-in';

const points = new PointsRepository();
const rule = signInRule();

export const handler = routes(pointsRoutes, {
  'POST /v1/sign-ins': async ({ userId, now }) => created(await signInToday({ points, rule }, userId, now)),
  'GET /v1/sign-ins': async ({ userId, query, now }) =>
    ok(await signInCalendar(points, userId, query.month, now)),
  'GET /v1/points/ledger': async ({ userId, query }) =>
    ok(await myLedger(points, userId, query)),
}, edgeStores());
