import { config } from '../config';
import { subscribeMessagesFor } from '../adapters/subscribe-messages';
import { MembershipRepository } from '../repositories/membership';
import { MessagesRepository } from '../repositories/messages';
import { OrgsRepository } from '../repositories/orgs';
import { UsersRepository } from '../repositories/users';
import type { JoinDeps } from './join';
import type { MallDeps } from './mall';
import type { ActivityDeps } from './activities';
import type { AdminDeps } from './admin';
import { RolesRepository } from '../repositories/roles';
import { ActivitiesRepository } from '../repositories/activities';
import { MallRepository } from '../repositories/mall';
import { PointsRepository } from '../repositories/points';
import { OrgApplicationsRepository } from '../repositories/org-applications';
import type { OrgApplicationDeps } from './org-applications';

/** The repositories and adapters of the membership capability, wired for this stage. */
export function membershipDeps(): JoinDeps {
  const c = config();
  return {
    membership: new MembershipRepository(),
    orgs: new OrgsRepository(),
    users: new UsersRepository(),
    notifier: { messages: new MessagesRepository(), subscribe: subscribeMessagesFor(c), reviewTemplateId: c.WECHAT_TEMPLATE_REVIEW_RESULT },
  };
}

/** The repositories and adapters of the points mall. */
export function mallDeps(): MallDeps {
  const { orgs, users, notifier } = membershipDeps();
  return { mall: new MallRepository(), points: new PointsRepository(), orgs, users, notifier };
}

/** The repositories and adapters of activities. */
export function activityDeps(): ActivityDeps {
  const { orgs, users, notifier } = membershipDeps();
  return { activities: new ActivitiesRepository(), points: new PointsRepository(), orgs, users, notifier };
}

/** The repositories of the cadre tools. */
export function adminDeps(): AdminDeps {
  const { orgs, users, membership } = membershipDeps();
  return { orgs, users, membership, roles: new RolesRepository(), points: new PointsRepository(), activities: new ActivitiesRepository() };
}

/** The repositories and adapters of the union tree and 建会. */
export function orgApplicationDeps(): OrgApplicationDeps {
  const { orgs, users, notifier } = membershipDeps();
  return { applications: new OrgApplicationsRepository(), orgs, users, notifier };
}
