import { config, type Config } from '../config';
import { MallRepository } from '../repositories/mall';
import { OrgsRepository } from '../repositories/orgs';
import { PointsRepository } from '../repositories/points';
import { UsersRepository } from '../repositories/users';
import type { MallDeps } from '../usecases/mall';
import { SoldOutMemory } from '../usecases/sold-out';
import { notifierFor } from './notifier';

/** The mall's use cases, for its member and cadre functions. */
export function mallDeps(c: Config = config()): MallDeps {
  return {
    mall: new MallRepository(), points: new PointsRepository(), orgs: new OrgsRepository(), users: new UsersRepository(), notifier: notifierFor(c),
    soldOut: new SoldOutMemory(c.SOLD_OUT_MEMORY_MS), hotStock: { from: c.HOT_STOCK_FROM, shards: c.STOCK_SHARDS },
  };
}
