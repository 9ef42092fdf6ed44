// zod/mini: the same schemas at a seventh of the size of classic zod, in every Lambda bundle and the app.
import * as z from 'zod/mini';
// Chinese default messages wherever these schemas run (the app's forms, the API): set once, with the schemas.
import './zod-zh';

/** The error body of every failed request (api.md "Conventions"). */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    // Always sent (empty unless fields are at fault); a default so a gateway's older body still parses.
    details: z._default(z.array(z.object({ path: z.string(), message: z.string() })), []),
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

/**
 * A whole number in a JSON body, within bounds. Each way out of bounds says what is wrong in words a
 * cadre reads in the form: a negative stock "不能为负数", a zero price "须大于 0", not "应为整数".
 */
export const wholeNumber = (min: number, max: number, what: string, tooLow = belowMessage(min, what)) =>
  z.int(`${what}应为整数`).check(z.gte(min, tooLow), z.lte(max, `${what}最多为 ${max}`));

const belowMessage = (min: number, what: string) => (min === 0 ? `${what}不能为负数` : min === 1 ? `${what}须大于 0` : `${what}至少为 ${min}`);

/** `?limit=&cursor=` of every list route. */
export const PageQuery = z.object({
  limit: z._default(queryInt(1, 100, '每页条数'), 20),
  cursor: z.optional(z.string().check(z.maxLength(1024, '游标无效'))),
});
export type PageQuery = z.infer<typeof PageQuery>;

/**
 * `GET /v1/goods` and `GET /v1/activities`: pages of what the member's union chain offers. The default
 * page is large (100) because the mall and activity pages still ask once; a client that pages passes
 * `limit` and follows `nextCursor`.
 */
export const OfferPageQuery = z.object({ limit: z._default(queryInt(1, 100, '每页条数'), 100), cursor: PageQuery.shape.cursor });

/** `{items, nextCursor}` of every list route. */
export function page<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });
}

/** ISO 8601 time with offset. */
export const IsoDateTime = z.string();
/** `YYYY-MM-DD` that names a real calendar day (not 2026-13-45, not 2026-02-30), from 2000 to 2099. */
export const ChinaDate = z.string().check(
  z.regex(/^20\d{2}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  z.refine((v) => {
    const t = Date.parse(`${v}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
  }, '不是有效的日期'),
);

/**
 * What free text never contains: control characters (C0, DEL, C1, and the line/paragraph separators),
 * bidi marks, embeddings, overrides and isolates (they make "gpj.exe" read as "exe.jpg"), zero-width
 * characters and the BOM (invisible look-alike names), and lone UTF-16 surrogates (not text at all).
 * Multi-line text may hold tabs and line breaks.
 */
const INVISIBLE = '\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff';
const ONE_LINE_FORBIDDEN = new RegExp(`[\u0000-\u001f${INVISIBLE}]|\\p{Cs}`, 'u');
const MULTI_LINE_FORBIDDEN = new RegExp(`[\u0000-\u0008\u000b\u000c\u000e-\u001f${INVISIBLE}]|\\p{Cs}`, 'u');

/** The one refinement every free-text field uses (see `text`). */
export const plainText = (multiline = false) =>
  z.refine<string>((v) => !(multiline ? MULTI_LINE_FORBIDDEN : ONE_LINE_FORBIDDEN).test(v), multiline
    ? '不能包含控制字符、不可见字符或文字方向控制符'
    : '不能包含换行、控制字符、不可见字符或文字方向控制符');

/**
 * Free text: refused when it holds control, invisible or bidi characters or lone surrogates (checked
 * before trimming, so none hides at an end), then trimmed and bounded, with Chinese messages.
 * `multiline` allows tabs and line breaks (descriptions).
 */
export const text = (min: number, max: number, tooShort: string, tooLong: string, multiline = false) =>
  z.string().check(plainText(multiline), z.trim(), z.minLength(min, { error: (issue) => shortText(issue.input, min, tooShort) }), z.maxLength(max, tooLong));

/**
 * `tooShort` says 请填写…: right for a blank field, puzzling for one already holding a character (a
 * one-character 商品名称 was told to fill it in). Something too short is told the minimum as well.
 */
const shortText = (input: unknown, min: number, tooShort: string) =>
  typeof input === 'string' && input.length > 0 && !tooShort.includes('至少') ? `${tooShort}（至少 ${min} 个字）` : tooShort;

/** The Idempotency-Key request header: a client-made id of one user action (a UUID). */
export const IdempotencyKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'Idempotency-Key 应为 8–64 位字母、数字或连字符'));
