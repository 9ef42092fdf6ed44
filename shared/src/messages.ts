import * as z from 'zod/mini';
import { IsoDateTime, PageQuery, page } from './common';

export const MESSAGE_KINDS = ['join_result', 'transfer_result', 'org_application_result', 'order', 'activity', 'reminder', 'system'] as const;

/** An inbox message. `link` is a mini-program page the message opens. */
export const Message = z.object({
  id: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  title: z.string(),
  body: z.string(),
  link: z.optional(z.string()),
  read: z.boolean(),
  createdAt: IsoDateTime,
});
export type Message = z.infer<typeof Message>;
export const MessageQuery = PageQuery;
export const MessagePage = z.extend(page(Message), { unread: z.number() });
export const MessageParams = z.object({ id: z.string().check(z.regex(/^[A-Za-z0-9#:.-]{1,100}$/, '消息编号无效')) });

/** `POST /v1/me/messages/{id}/read`. */
export const MessageRead = z.object({ id: z.string(), read: z.literal(true) });
/** `POST /v1/me/messages/read-all`. */
export const AllRead = z.object({ unread: z.literal(0) });
