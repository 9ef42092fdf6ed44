import * as z from 'zod/mini';
import { PageQuery, page, text } from './common';

export const ORG_LEVELS = ['province', 'city', 'industry', 'county', 'basic'] as const;
export const OrgLevel = z.enum(ORG_LEVELS);
export type OrgLevel = z.infer<typeof OrgLevel>;

export const ORG_LEVEL_NAMES: Record<OrgLevel, string> = {
  province: '省总工会',
  city: '市总工会',
  industry: '产业工会',
  county: '县区工会',
  basic: '基层工会',
};

/** A union. `path` is the materialised path of ids from the root, e.g. `/sx/xa/xa-yt/`. */
export const Org = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.nullable(z.string()),
  level: OrgLevel,
  path: z.string(),
});
export type Org = z.infer<typeof Org>;

export const OrgId = z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, '工会编号无效'));
export const OrgParams = z.object({ id: OrgId });

export const OrgSearchQuery = z.extend(PageQuery, {
  q: z.optional(text(2, 30, '请输入至少两个字', '搜索词不能超过 30 个字')),
});
export type OrgSearchQuery = z.infer<typeof OrgSearchQuery>;

export const OrgPage = page(Org);
export type OrgPage = z.infer<typeof OrgPage>;
