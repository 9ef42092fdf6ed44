import * as z from 'zod/mini';
import { ChinaDate, IsoDateTime, PageQuery, page } from './common';

export const SignInResult = z.object({
  date: ChinaDate,
  points: z.number(),
  streak: z.number(),
  balance: z.number(),
});
export type SignInResult = z.infer<typeof SignInResult>;

export const SignInCalendarQuery = z.object({
  month: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'))),
});
export const SignInCalendar = z.object({
  month: z.string(),
  days: z.array(ChinaDate),
  streak: z.number(),
});
export type SignInCalendar = z.infer<typeof SignInCalendar>;

export const LEDGER_REF_TYPES = ['sign_in', 'order', 'activity', 'adjustment', 'official_account', 'article', 'expiry'] as const;

export const LedgerEntry = z.object({
  id: z.string(),
  delta: z.number(),
  balanceAfter: z.number(),
  reason: z.string(),
  refType: z.enum(LEDGER_REF_TYPES),
  refId: z.string(),
  createdAt: IsoDateTime,
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerQuery = PageQuery;
export const LedgerPage = page(LedgerEntry);
export type LedgerPage = z.infer<typeof LedgerPage>;

/** GET /v1/points/summary: the balance and what of it expires when (oldest first). */
export const PointsSummary = z.object({
  balance: z.number(),
  expiring: z.array(z.object({ points: z.number(), on: ChinaDate })),
});
export type PointsSummary = z.infer<typeof PointsSummary>;

/** POST /v1/sign-ins/make-up: 补签 a missed day of this month. */
export const MakeUpInput = z.object({ day: ChinaDate });
export type MakeUpInput = z.infer<typeof MakeUpInput>;
/** GET /v1/sign-ins/make-up: 补签 in this month — what one costs, how many a month, how many are used. */
export const MakeUpAllowance = z.object({ month: z.string(), cost: z.number(), perMonth: z.number(), used: z.number() });
export type MakeUpAllowance = z.infer<typeof MakeUpAllowance>;

/** What the member accepted in WeChat's subscribe-message consent (on H5: the reminder switch). */
export const SUBSCRIBE_TEMPLATES = ['signInReminder', 'pointsExpiry'] as const;
export const SubscriptionsInput = z.object({ accepted: z.array(z.enum(SUBSCRIBE_TEMPLATES)).check(z.minLength(1, '请至少选择一项'), z.maxLength(2)) });
export type SubscriptionsInput = z.infer<typeof SubscriptionsInput>;
export const SubscriptionsResult = z.object({ remindOn: z.nullable(ChinaDate) });
export type SubscriptionsResult = z.infer<typeof SubscriptionsResult>;
