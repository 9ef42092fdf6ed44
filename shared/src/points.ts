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
