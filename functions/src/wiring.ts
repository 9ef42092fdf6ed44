/**
 * Builders the composition roots (the handler modules) share. Each handler wires exactly the
 * repositories and adapters its use cases ask for, so a function's bundle carries nothing else.
 */
import type { Config } from './config';
import { subscribeMessagesFor } from './adapters/subscribe-messages';
import { MessagesRepository } from './repositories/messages';
import { SentMessagesLog } from './repositories/sent-messages';
import type { Notifier } from './usecases/notify';
import type { EdgeStores } from './lib/http';
import { IdempotencyRecords } from './repositories/idempotency';
import { RateLimits } from './repositories/rate-limits';

/** The stores of the HTTP edge every function has: rate-limit windows and idempotent replies. */
export function edgeStores(): EdgeStores {
  return { limits: new RateLimits(), idempotency: new IdempotencyRecords() };
}

/** The inbox and WeChat subscribe messages of this stage. */
export function notifierFor(c: Config): Notifier {
  return {
    messages: new MessagesRepository(),
    subscribe: subscribeMessagesFor(c, () => new SentMessagesLog()),
    reviewTemplateId: c.WECHAT_TEMPLATE_REVIEW_RESULT,
  };
}
