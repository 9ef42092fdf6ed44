/** An inbox message (items in the user's partition, entities/user.ts). */
import type { Message } from '@union/shared/messages';

export type NewMessage = Pick<Message, 'kind' | 'title' | 'body' | 'link'>;
