// zod/mini: the same schemas at a seventh of the size of classic zod, in every Lambda bundle and the app.
import * as z from 'zod/mini';

/** The error body of every failed request (api.md "Conventions"). */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A whole number from a query string, within bounds. */
export const queryInt = (min: number, max: number, what: string) =>
  z.coerce.number().check(
    z.refine((n) => Number.isInteger(n), `${what}应为整数`),
    z.gte(min, `${what}至少为 ${min}`),
    z.lte(max, `${what}最多为 ${max}`),
  );

/** `?limit=&cursor=` of every list route. */
export const PageQuery = z.object({
  limit: z._default(queryInt(1, 100, '每页条数'), 20),
  cursor: z.optional(z.string().check(z.maxLength(1024, '游标无效'))),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** `{items, nextCursor}` of every list route. */
export function page<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });
}

/** ISO 8601 time with offset. */
export const IsoDateTime = z.string();
export const ChinaDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));

/** A trimmed string of bounded length, with Chinese messages. */
export const text = (min: number, max: number, tooShort: string, tooLong: string) =>
  z.string().check(z.trim(), z.minLength(min, tooShort), z.maxLength(max, tooLong));

/** The Idempotency-Key request header: a client-made id of one user action (a UUID). */
export const IdempotencyKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'Idempotency-Key 应为 8–64 位字母、数字或连字符'));
