/** The inbox and WeChat subscribe messages of this stage, for the functions that tell members things. */
import type { Config } from '../config';
import { subscribeMessagesFor } from '../adapters/subscribe-messages';
import { MessagesRepository } from '../repositories/messages';
import { SentMessagesLog } from '../repositories/sent-messages';
import type { Notifier } from '../usecases/notify';

export function notifierFor(c: Config): Notifier {
  return {
    messages: new MessagesRepository(),
    subscribe: subscribeMessagesFor(c, () => new SentMessagesLog()),
    reviewTemplateId: c.WECHAT_TEMPLATE_REVIEW_RESULT,
  };
}
