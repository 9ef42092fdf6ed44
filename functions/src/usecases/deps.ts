import { config } from '../config';
import { subscribeMessagesFor } from '../adapters/subscribe-messages';
import { MembershipRepository } from '../repositories/membership';
import { MessagesRepository } from '../repositories/messages';
import { OrgsRepository } from '../repositories/orgs';
import { UsersRepository } from '../repositories/users';
import type { JoinDeps } from './join';

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
