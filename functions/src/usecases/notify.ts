import type { NewMessage } from '../entities/message';
import type { Inbox, SubscribeMessages } from './ports';
import { logger } from '../lib/log';

export interface Notifier {
  messages: Pick<Inbox, 'add'>;
  subscribe: SubscribeMessages;
  /** Template for review results; empty when not configured. */
  reviewTemplateId: string;
}

/**
 * Tells a member something: an inbox message and, where they consented, a WeChat subscribe message.
 * Runs after the operation it reports has committed and never fails it: a notification that cannot be
 * written is logged (without personal data) and dropped — the inbox is a convenience, the state change
 * (membership, order…) is the record.
 */
export async function notifyMember(
  n: Notifier,
  recipient: { userId: string; openid: string; consented: boolean },
  message: NewMessage,
  subscribe: { fields: Record<string, string> } | undefined,
  at: Date,
): Promise<void> {
  try {
    await n.messages.add(recipient.userId, message, at);
  } catch (error) {
    logger.error('inbox write failed', { kind: message.kind, error: String(error) });
  }
  if (!subscribe || !recipient.consented || !n.reviewTemplateId) return;
  const outcome = await n.subscribe.send({
    openid: recipient.openid,
    templateId: n.reviewTemplateId,
    page: message.link ?? 'pages/index/index',
    data: Object.fromEntries(Object.entries(subscribe.fields).map(([k, v]) => [k, { value: v.slice(0, 20) }])),
  });
  if (!outcome.sent) logger.warn('subscribe message not sent', { errcode: outcome.errcode });
}
