import { config, type Config } from '../config';
import { AuditTrail } from '../repositories/audit';
import { MembershipRepository } from '../repositories/membership';
import { OrgsRepository } from '../repositories/orgs';
import { UsersRepository } from '../repositories/users';
import type { JoinDeps } from '../usecases/join';
import { notifierFor } from './notifier';

/** The membership use cases (join, transfer), for their member and cadre functions. */
export function membershipDeps(c: Config = config()): JoinDeps {
  return { membership: new MembershipRepository(), orgs: new OrgsRepository(), users: new UsersRepository(), notifier: notifierFor(c), audit: new AuditTrail() };
}
