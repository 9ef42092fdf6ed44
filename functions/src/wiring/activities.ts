import { config, type Config } from '../config';
import { ActivitiesRepository } from '../repositories/activities';
import { OrgsRepository } from '../repositories/orgs';
import { PointsRepository } from '../repositories/points';
import { UsersRepository } from '../repositories/users';
import type { ActivityDeps } from '../usecases/activities';
import { notifierFor } from './notifier';

/** The activities' use cases, for their member and cadre functions. */
export function activityDeps(c: Config = config()): ActivityDeps {
  return { activities: new ActivitiesRepository(), points: new PointsRepository(), orgs: new OrgsRepository(), users: new UsersRepository(), notifier: notifierFor(c) };
}
