import type { Message } from '@union/shared/messages';
import type { Inbox, Page } from './ports';

/** My inbox, newest first, with the unread count. */
export function myMessages(inbox: Pick<Inbox, 'list'>, userId: string, page: { limit: number; cursor?: string }): Promise<Page<Message> & { unread: number }> {
  return inbox.list(userId, page.limit, page.cursor);
}

/** Marks one message read (again: nothing changes). */
export async function readMessage(inbox: Pick<Inbox, 'markRead'>, userId: string, messageId: string) {
  await inbox.markRead(userId, messageId);
  return { id: messageId, read: true };
}

/** Everything up to now is read. */
export async function readAllMessages(inbox: Pick<Inbox, 'markAllRead'>, userId: string, now: Date) {
  await inbox.markAllRead(userId, now);
  return { unread: 0 };
}
