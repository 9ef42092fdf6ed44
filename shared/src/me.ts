import * as z from 'zod/mini';
import { IsoDateTime, text } from './common';

export const Membership = z.object({
  status: z.enum(['none', 'pending', 'active']),
  orgId: z.optional(z.string()),
  orgName: z.optional(z.string()),
  memberNo: z.optional(z.string()),
});

export const CadreRole = z.object({ role: z.literal('cadre'), orgId: z.string(), orgName: z.string() });
export type CadreRole = z.infer<typeof CadreRole>;

export const Me = z.object({
  id: z.string(),
  nickname: z.string(),
  avatarUrl: z.string(),
  membership: Membership,
  points: z.object({ balance: z.number() }),
  signIn: z.object({ streak: z.number(), signedToday: z.boolean() }),
  roles: z.array(CadreRole),
});
export type Me = z.infer<typeof Me>;

export const LoginRequest = z.object({
  code: z.string().check(z.minLength(1, '缺少登录凭证'), z.maxLength(128, '登录凭证无效')),
  /** The mini-program's launch scene (1035 = official-account menu), kept for entry statistics. */
  scene: z.optional(z.int().check(z.gte(0), z.lte(99999))),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({ token: z.string(), expiresAt: IsoDateTime, me: Me });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const PatchMeRequest = z
  .strictObject({
    nickname: z.optional(text(1, 20, '昵称不能为空', '昵称不能超过 20 个字')),
    avatarUrl: z.optional(
      z.string().check(z.maxLength(512, '头像地址过长'), z.regex(/^(https:\/\/|wxfile:\/\/|http:\/\/tmp\/)/, '头像地址无效')),
    ),
  })
  .check(z.refine((v) => v.nickname !== undefined || v.avatarUrl !== undefined, '请至少修改一项'));
export type PatchMeRequest = z.infer<typeof PatchMeRequest>;
