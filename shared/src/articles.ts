/** 资讯: news and notices of a union, with reading points (api.md → 资讯). */
import * as z from 'zod/mini';
import { IsoDateTime, PageQuery, page, queryInt, text, wholeNumber } from './common';
import { OrgId } from './orgs';

export const ArticleKind = z.enum(['news', 'notice']);
export type ArticleKind = z.infer<typeof ArticleKind>;
export const ARTICLE_KIND_NAMES: Record<ArticleKind, string> = { news: '新闻', notice: '通知公告' };

/** An article as members see it in lists (no body). */
export const Article = z.object({
  id: z.string(),
  kind: ArticleKind,
  title: z.string(),
  summary: z.string(),
  coverUrl: z.optional(z.string()),
  orgId: z.string(),
  orgName: z.string(),
  publishedAt: IsoDateTime,
  pinned: z.boolean(),
  readPoints: z.number(),
});
export type Article = z.infer<typeof Article>;
export const ArticlePage = page(Article);

/** `GET /v1/articles/{id}`: the article with its sanitised body and my reading state. */
export const ArticleDetail = z.extend(Article, {
  /** A safe rich-text subset (sanitised on the server when written): render with rich-text nodes. */
  body: z.string(),
  readCredited: z.boolean(),
  /** How long the article must stay open before reading points can be credited. */
  readSeconds: z.number(),
});
export type ArticleDetail = z.infer<typeof ArticleDetail>;

export const ArticleParams = z.object({ id: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, '资讯编号无效')) });
export const ArticleQuery = z.extend(PageQuery, {
  kind: z.optional(ArticleKind),
  limit: z._default(queryInt(1, 50, '每页条数'), 20),
});

/** `POST /v1/articles/{id}/reads`. */
export const ReadCredit = z.object({ pointsAwarded: z.number(), balance: z.number() });
export type ReadCredit = z.infer<typeof ReadCredit>;

// ── Cadre side ────────────────────────────────────────────────────────────────────────────────────

export const ArticleStatus = z.enum(['draft', 'published']);
export type ArticleStatus = z.infer<typeof ArticleStatus>;

/** What cadres see: every field, the status, and who last touched it when. */
export const AdminArticle = z.extend(Article, {
  body: z.string(),
  status: ArticleStatus,
  publishedAt: z.optional(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type AdminArticle = z.infer<typeof AdminArticle>;
export const AdminArticlePage = page(AdminArticle);

const articleFields = {
  kind: ArticleKind,
  title: text(2, 60, '请填写标题', '标题不能超过 60 个字'),
  summary: text(0, 200, '', '摘要不能超过 200 字'),
  coverUrl: z.optional(z.string().check(z.trim(), z.maxLength(512, '图片地址过长'), z.regex(/^(https:\/\/\S+)?$/, '封面应为 https 链接'))),
  /** Plain text (blank lines separate paragraphs) or the allowed tags; sanitised on the server. */
  body: text(1, 20_000, '请填写正文', '正文不能超过 2 万字', true),
  readPoints: z.optional(wholeNumber(1, 20, '阅读积分')),
  pinned: z.optional(z.boolean()),
};

/** `POST /v1/admin/articles`: a draft for a union in my scope. */
export const ArticleInput = z.object({ ...articleFields, orgId: OrgId });
export type ArticleInput = z.infer<typeof ArticleInput>;

/** `PATCH /v1/admin/articles/{id}`: any field but the union; `pinned` pins it to the home banner. */
export const ArticlePatch = z
  .strictObject(Object.fromEntries(Object.entries(articleFields).map(([k, v]) => [k, z.optional(v)])) as { [K in keyof typeof articleFields]: z.ZodMiniOptional<(typeof articleFields)[K]> })
  .check(z.refine((p) => Object.values(p).some((v) => v !== undefined), '请至少修改一项'));
export type ArticlePatch = z.infer<typeof ArticlePatch>;

export const AdminArticleQuery = z.extend(PageQuery, {
  orgId: z.optional(OrgId),
  status: z.optional(ArticleStatus),
});
