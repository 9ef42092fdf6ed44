import * as z from 'zod';

/** The error body of every failed request (api.md "Conventions"). */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** `?limit=&cursor=` of every list route. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20),
  cursor: z.string().max(1024, '游标无效').optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** `{items, nextCursor}` of every list route. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const IsoDateTime = z.string().describe('ISO 8601 时间，带时区偏移');
export const ChinaDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
