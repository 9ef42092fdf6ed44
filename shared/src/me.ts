import * as z from 'zod';
import { IsoDateTime } from './common';

export const Membership = z.object({
  status: z.enum(['none', 'pending', 'active']),
  orgId: z.string().optional(),
  orgName: z.string().optional(),
  memberNo: z.string().optional(),
});

export const CadreRole = z.object({ role: z.literal('cadre'), orgId: z.string(), orgName: z.string() });
export type CadreRole = z.infer<typeof CadreRole>;

export const Me = z.object({
  id: z.string(),
  nickname: z.string(),
  avatarUrl: z.string(),
  membership: Membership,
  points: z.object({ balance: z.number().int() }),
  signIn: z.object({ streak: z.number().int(), signedToday: z.boolean() }),
  roles: z.array(CadreRole),
});
export type Me = z.infer<typeof Me>;

export const LoginRequest = z.object({
  code: z.string().min(1, '缺少登录凭证').max(128, '登录凭证无效'),
  /** The mini-program's launch scene (1035 = official-account menu), kept for entry statistics. */
  scene: z.number().int().min(0).max(99999).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({ token: z.string(), expiresAt: IsoDateTime, me: Me });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const PatchMeRequest = z
  .object({
    nickname: z.string().trim().min(1, '昵称不能为空').max(20, '昵称不能超过 20 个字').optional(),
    avatarUrl: z
      .string()
      .max(512, '头像地址过长')
      .regex(/^(https:\/\/|wxfile:\/\/|http:\/\/tmp\/)/, '头像地址无效')
      .optional(),
  })
  .strict()
  .refine((v) => v.nickname !== undefined || v.avatarUrl !== undefined, '请至少修改一项');
export type PatchMeRequest = z.infer<typeof PatchMeRequest>;
