import * as z from 'zod/mini';
import { IsoDateTime, PageQuery, page, text, wholeNumber } from './common';
import { OrgId } from './orgs';
import { timeOrderProblems, type ActivityTimes } from './activity-times';

// The time rules live in a zod-free module (the app's main package reads them without zod).
export { timeOrderProblems, signupPhase, signupOpen, type ActivityTimes } from './activity-times';

export const SignupStatus = z.enum(['confirmed', 'waitlisted', 'cancelled']);
export type SignupStatus = z.infer<typeof SignupStatus>;
export const MySignup = z.object({ status: SignupStatus, position: z.optional(z.number()), checkedIn: z.optional(z.boolean()) });

export const Activity = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  coverUrl: z.optional(z.string()),
  orgId: z.string(),
  orgName: z.optional(z.string()),
  location: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  signupOpensAt: IsoDateTime,
  signupClosesAt: IsoDateTime,
  capacity: z.number(),
  confirmedCount: z.number(),
  waitlistCount: z.number(),
  checkedInCount: z.optional(z.number()),
  pointsReward: z.number(),
  waitlist: z.boolean(),
  status: z.optional(z.enum(['published', 'cancelled'])),
  mySignup: z.optional(z.nullable(MySignup)),
});
/** `DELETE /v1/activities/{id}/signups/me`. */
export const SignupCancelled = z.object({ status: z.literal('cancelled') });
export type Activity = z.infer<typeof Activity>;
export const ActivityPage = page(Activity);

const Instant = z.string().check(z.refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), '时间格式应为 ISO 8601，如 2026-12-01T09:00:00+08:00'));

const activityFields = {
  title: text(2, 40, '请填写活动标题', '活动标题不能超过 40 个字'),
  description: text(0, 2000, '', '活动介绍不能超过 2000 字', true),
  coverUrl: z.optional(z.string().check(z.maxLength(512, '图片地址过长'), z.regex(/^(https:\/\/|\/)/, '封面应为 https 链接'))),
  location: text(2, 100, '请填写活动地点', '活动地点不能超过 100 字'),
  startsAt: Instant,
  endsAt: Instant,
  signupOpensAt: Instant,
  signupClosesAt: Instant,
  capacity: wholeNumber(1, 100_000, '名额'),
  waitlist: z.boolean(),
  pointsReward: wholeNumber(0, 1000, '签到奖励积分'),
};

const ordered = (v: Partial<ActivityTimes>) =>
  !v.startsAt || !v.endsAt || !v.signupOpensAt || !v.signupClosesAt || Object.keys(timeOrderProblems(v as ActivityTimes)).length === 0;

/** `POST /v1/admin/activities`. */
export const ActivityInput = z
  .object({ ...activityFields, orgId: OrgId })
  .check(z.refine(ordered, { message: '时间顺序有误：报名开始 < 报名截止 ≤ 活动结束，且活动开始 < 活动结束', path: ['startsAt'] }));
export type ActivityInput = z.infer<typeof ActivityInput>;

/** `PATCH /v1/admin/activities/{id}`: any field but the union. */
export const ActivityPatch = z
  .strictObject(Object.fromEntries(Object.entries(activityFields).map(([k, v]) => [k, z.optional(v)])) as { [K in keyof typeof activityFields]: z.ZodMiniOptional<(typeof activityFields)[K]> })
  .check(z.refine((p) => Object.values(p).some((v) => v !== undefined), '请至少修改一项'));
export type ActivityPatch = z.infer<typeof ActivityPatch>;

export const ActivityParams = z.object({ id: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, '活动编号无效')) });
export const SignupResult = z.object({ status: SignupStatus, position: z.optional(z.number()) });
export const CheckInInput = z.object({ code: z.string().check(z.minLength(1, '请扫描签到码'), z.maxLength(200, '签到码无效')) });
export const CheckInResult = z.object({ pointsAwarded: z.number() });
export const CheckInCode = z.object({ code: z.string(), expiresAt: IsoDateTime });

export const Participant = z.object({
  userId: z.string(),
  nickname: z.string(),
  memberNo: z.optional(z.string()),
  orgName: z.optional(z.string()),
  status: SignupStatus,
  position: z.optional(z.number()),
  signedUpAt: IsoDateTime,
  checkedInAt: z.optional(IsoDateTime),
});
export type Participant = z.infer<typeof Participant>;
export const ParticipantPage = page(Participant);
export const ParticipantQuery = z.extend(PageQuery, { format: z.optional(z.enum(['json', 'csv'])) });
export const AdminActivityQuery = z.extend(PageQuery, { orgId: z.optional(OrgId) });
