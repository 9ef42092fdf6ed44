import * as z from 'zod/mini';
import { PageQuery, page, text } from './common';
import { creditCodeProblem, normaliseCreditCode } from './credit-code';
import { ORG_LEVELS } from './org-levels';

// The levels' names and ranks live in a zod-free module (the app's main package reads them without zod).
export { ORG_LEVELS, ORG_LEVEL_NAMES, LEVEL_RANK, childLevels } from './org-levels';

export const OrgLevel = z.enum(ORG_LEVELS);
export type OrgLevel = z.infer<typeof OrgLevel>;

/**
 * A closed (撤销) union keeps its record and history but is no longer offered anywhere (children lists,
 * search, pickers), takes no members, transfers, child unions or 建会, and its cadres may only read.
 */
export const OrgStatus = z.enum(['open', 'closed']);
export type OrgStatus = z.infer<typeof OrgStatus>;

/** A union. `path` is the materialised path of ids from the root, e.g. `/sx/xa/xa-yt/`. */
export const Org = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.nullable(z.string()),
  level: OrgLevel,
  path: z.string(),
  /** Absent on unions stored before closing existed: they are open. */
  status: z.optional(OrgStatus),
  /** 统一社会信用代码 of the union (工会法人), when known. */
  creditCode: z.optional(z.string()),
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

/** 统一社会信用代码: normalised (upper case, no spaces), GB 32100 check character verified. */
export const CreditCode = z.pipe(z.string(), z.transform(normaliseCreditCode)).check(
  z.superRefine((v: string, ctx) => {
    const problem = creditCodeProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: v });
  }),
);

/** A union's name as registered: 2–40 characters of Chinese, letters, digits and the usual brackets. */
export const OrgName = text(2, 40, '请填写工会名称（至少两个字）', '工会名称不能超过 40 个字').check(
  z.regex(/^[\u4e00-\u9fa5A-Za-z0-9（）()·、\-—]+$/, '工会名称只能包含汉字、字母、数字和括号'),
);

/** `POST /v1/admin/orgs`: a new union under one in my scope. */
export const CreateOrgInput = z.object({
  parentId: OrgId,
  name: OrgName,
  level: OrgLevel,
  creditCode: z.optional(CreditCode),
});
export type CreateOrgInput = z.infer<typeof CreateOrgInput>;

/** `PATCH /v1/admin/orgs/{id}`. */
export const RenameOrgInput = z.object({ name: OrgName });
