import { makeUpRule, signInRule } from '../config';
import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { pointsRoutes } from '@union/shared/routes/points';
import { edgeStores } from '../wiring/edge';
import { PointsRepository } from '../repositories/points';
import { LotsRepository } from '../repositories/lots';
import { RemindersRepository } from '../repositories/reminders';
import { UsersRepository } from '../repositories/users';
import { makeUpAllowance, makeUpDay, myLedger, pointsSummary, signInCalendar, signInToday } from '../usecases/sign-in';
import { acceptSubscriptions } from '../usecases/reminders';

const points = new PointsRepository();
const rule = signInRule();
const makeUp = makeUpRule();
const subscriptions = { users: new UsersRepository(), reminders: new RemindersRepository(), lots: new LotsRepository() };

export const handler = routes(pointsRoutes, {
  'POST /v1/sign-ins': async ({ userId, now }) => created(await signInToday({ points, rule }, userId, now)),
  'GET /v1/sign-ins': async ({ userId, query, now }) =>
    ok(await signInCalendar(points, userId, query.month, now)),
  'GET /v1/sign-ins/make-up': async ({ userId, now }) => ok(await makeUpAllowance(points, makeUp, userId, now)),
  'GET /v1/points/ledger': async ({ userId, query }) =>
    ok(await myLedger(points, userId, query)),
  'GET /v1/points/summary': async ({ userId }) => ok(await pointsSummary(points, userId)),
  'POST /v1/sign-ins/make-up': async ({ userId, body, now }) => created(await makeUpDay({ points, rule, makeUp }, userId, body.day, now)),
  'POST /v1/sign-ins/reminders': async ({ userId, body, now }) => created(await acceptSubscriptions(subscriptions, userId, body.accepted, now)),
}, edgeStores());
