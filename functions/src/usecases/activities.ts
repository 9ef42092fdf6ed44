import { randomUUID } from 'node:crypto';
import type { Activity, ActivityInput, ActivityPatch, Participant } from '@union/shared/activities';
import { addDays, chinaDay, chinaIso } from '@union/shared/china-day';
import { AGAIN, RETRY, retrying } from '../lib/retry';
import { AppError, validationFailed } from '../lib/errors';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { checkInCodeProblem, issueCheckInCode } from '../lib/check-in-code';
import type { StoredActivity, StoredSignup } from '../entities/activity';
import type { UserProfile } from '../entities/user';
import type { Activities, Ledger, Members, Unions } from './ports';
import { assertOffered, cadreRoles, offerChain, roleCovering, scopedOpenOrg, scopedOrg } from './scope';
import { notifyMember, type Notifier } from './notify';

export interface ActivityDeps {
  activities: Activities;
  orgs: Unions;
  users: Members;
  points: Ledger;
  notifier: Notifier;
}

/** Joining a waiting list is serialised per activity: allow enough retries for a crowd arriving at once. */
/** Times are stored as China-offset ISO strings of one format, so string order is time order. */
const normalise = (iso: string) => chinaIso(new Date(iso));
const view = ({ orgPath: _p, createdAt: _c, waitSeq: _w, ...a }: StoredActivity): Activity => a;

async function activeMember(deps: { users: Pick<Members, 'profile'> }, userId: string): Promise<UserProfile & { membership: { orgPath: string } }> {
  const profile = await deps.users.profile(userId);
  if (!profile) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
  if (profile.membership.status !== 'active' || !profile.membership.orgPath) throw new AppError('NOT_A_MEMBER');
  return profile as UserProfile & { membership: { orgPath: string } };
}

async function activityFor(deps: { activities: Pick<Activities, 'get'> }, id: string): Promise<StoredActivity> {
  const activity = await deps.activities.get(id);
  if (!activity) throw new AppError('NOT_FOUND', '活动不存在');
  return activity;
}

/** Open for signup now first, then upcoming, then finished; cancelled last. */
function rank(a: StoredActivity, now: string): number {
  if (a.status === 'cancelled') return 4;
  if (a.signupOpensAt <= now && now < a.signupClosesAt) return 0;
  if (now < a.startsAt) return 1;
  if (now < a.endsAt) return 2;
  return 3;
}

/** Where an activity stands in the member's list at `now`: open signups first, then by start. */
type ListPlace = { now: string; rank: number; startsAt: string; id: string };
const after = (a: ListPlace, b: ListPlace) => a.rank - b.rank || a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id);

/**
 * Activities of every union on the member's own chain (their union and each one above it; each union's
 * latest 50 by start), open signups first. Pages follow a cursor that keeps the first page's `now`, so
 * an activity whose signup opens or closes meanwhile does not jump between pages.
 */
export async function listActivities(deps: ActivityDeps, userId: string, page: { limit: number; cursor?: string }, now: Date): Promise<{ items: Activity[]; nextCursor: string | null }> {
  const partition = `ACTIVITYOFFER#${userId}`;
  const from = decodeCursor(page.cursor, partition);
  if (from && !(from.now?.S && from.rank?.N && from.startsAt?.S && from.id?.S)) throw validationFailed([{ path: 'cursor', message: '分页游标无效，请从第一页重新加载' }], '分页游标无效');
  const start = from && { now: from.now.S!, rank: Number(from.rank.N), startsAt: from.startsAt.S!, id: from.id.S! };
  const nowIso = start?.now ?? chinaIso(now);
  const chain = await offerChain(deps, userId);
  const placed = (await Promise.all(chain.map((orgId) => deps.activities.ofOrg(orgId, 50)))).flat()
    .map((a) => ({ a, place: { now: nowIso, rank: rank(a, nowIso), startsAt: a.startsAt, id: a.id } }))
    .filter(({ place }) => !start || after(place, start) > 0)
    .sort((x, y) => after(x.place, y.place));
  const shown = placed.slice(0, page.limit);
  const last = shown.at(-1)?.place;
  const nextCursor = placed.length > page.limit && last
    ? encodeCursor({ now: { S: last.now }, rank: { N: String(last.rank) }, startsAt: { S: last.startsAt }, id: { S: last.id } }, partition)
    : null;
  return { items: shown.map(({ a }) => view(a)), nextCursor };
}

/** One activity offered to this user (or in their cadre scope, or signed up for), with their signup; 404 otherwise. */
export async function activityDetail(deps: ActivityDeps, userId: string, id: string): Promise<Activity> {
  const [activity, signup] = await Promise.all([activityFor(deps, id), deps.activities.signup(id, userId)]);
  // A member who signed up and then moved union still sees what they signed up for.
  if (!signup || signup.status === 'cancelled') await assertOffered(deps, userId, activity, '活动');
  const mySignup = signup && signup.status !== 'cancelled'
    ? { status: signup.status, checkedIn: Boolean(signup.checkedInAt), ...(signup.status === 'waitlisted' && signup.ticket ? { position: await deps.activities.positionOf(id, signup.ticket) } : {}) }
    : null;
  return { ...view(activity), mySignup };
}

/**
 * Signs a member up: a place while `confirmedCount < capacity` (condition, same transaction as the
 * signup item); when full and the activity keeps a waiting list, a ticket on it; never twice.
 */
export async function signUp(
  deps: { activities: Pick<Activities, 'get' | 'signUpConfirmed' | 'signUpWaitlisted' | 'firstWaiting' | 'promoteFirst'>; users: Pick<Members, 'profile'>; notifier: Notifier },
  userId: string, id: string, now: Date): Promise<{ status: 'confirmed' | 'waitlisted'; position?: number }> {
  const member = await activeMember(deps, userId);
  const nowIso = chinaIso(now);
  return retrying(async () => {
    const activity = await activityFor(deps, id);
    if (!member.membership.orgPath.startsWith(activity.orgPath)) throw new AppError('OUT_OF_SCOPE', '该活动不面向您所在的工会');
    if (activity.status !== 'published') throw new AppError('SIGNUP_CLOSED', '活动已取消');
    if (nowIso < activity.signupOpensAt || nowIso >= activity.signupClosesAt) throw new AppError('SIGNUP_CLOSED');
    // A free place while others wait (capacity just raised): it is theirs, in order, before anyone new.
    if (activity.waitlistCount > 0 && activity.confirmedCount < activity.capacity) {
      await promoteWaiters(deps, activity, now);
      return AGAIN;
    }
    const signup: StoredSignup = {
      activityId: id, userId, status: 'confirmed', nickname: member.nickname, memberNo: member.membership.memberNo,
      orgName: member.membership.orgName, signedUpAt: nowIso, memberOrgPath: member.membership.orgPath,
    };
    if (activity.confirmedCount < activity.capacity || !activity.waitlist) {
      if ((await deps.activities.signUpConfirmed(signup, nowIso)) === 'ok') return { status: 'confirmed' };
      const after = await activityFor(deps, id);
      if (!after.waitlist && after.confirmedCount >= after.capacity) throw new AppError('SIGNUP_CLOSED', '名额已满');
      return AGAIN;
    }
    const joined = await deps.activities.signUpWaitlisted(signup, { waitSeq: activity.waitSeq ?? 0, waitlistCount: activity.waitlistCount }, nowIso);
    if (joined === 'ok') return { status: 'waitlisted', position: activity.waitlistCount + 1 };
    // Someone joined or left meanwhile: read again (the budget's jittered pause spreads the retries).
    return AGAIN;
  }, RETRY.serialisedAttempts);
}

const tellPromoted = (deps: { notifier: Notifier }, activity: StoredActivity, userId: string, now: Date) =>
  notifyMember(deps.notifier, { userId, openid: '', consented: false }, {
    kind: 'activity', title: '候补成功', body: `您已从候补转为正式报名「${activity.title}」，请准时参加。`, link: `/packages/activity/detail/index?id=${activity.id}`,
  }, undefined, now);

/**
 * Fills free places from the waiting list, earliest first, one conditional transaction per waiter
 * (the same shape as a cancellation's promotion), until the activity is full or nobody waits.
 */
async function promoteWaiters(
  deps: { activities: Pick<Activities, 'firstWaiting' | 'promoteFirst'>; notifier: Notifier },
  activity: StoredActivity,
  now: Date,
): Promise<void> {
  for (let attempt = 0; attempt < RETRY.serialisedAttempts; attempt++) {
    const next = await deps.activities.firstWaiting(activity.id);
    if (!next) return;
    const outcome = await deps.activities.promoteFirst(activity.id, next);
    if (outcome === 'full') return;
    if (outcome === 'ok') await tellPromoted(deps, activity, next.userId, now);
  }
}

/** Cancels my signup; a freed place goes to the earliest waitlisted member, who is told. */
export async function cancelSignup(
  deps: { activities: Pick<Activities, 'get' | 'signup' | 'firstWaiting' | 'cancelConfirmed' | 'cancelWaitlisted'>; notifier: Notifier },
  userId: string, id: string, now: Date): Promise<{ status: 'cancelled' }> {
  const activity = await activityFor(deps, id);
  return retrying(async () => {
    const signup = await deps.activities.signup(id, userId);
    if (!signup || signup.status === 'cancelled') throw new AppError('NOT_FOUND', '您没有报名该活动');
    if (signup.checkedInAt) throw new AppError('INVALID_STATE', '已签到，不能取消报名');
    if (signup.status === 'waitlisted') {
      // Promoted between the read and the write (another's cancellation): cancel what it is now.
      if ((await deps.activities.cancelWaitlisted({ ...signup, ticket: signup.ticket! })) === 'ok') return { status: 'cancelled' as const };
      return AGAIN;
    }
    const next = await deps.activities.firstWaiting(id);
    if ((await deps.activities.cancelConfirmed(signup, next)) === 'ok') {
      if (next) await tellPromoted(deps, activity, next.userId, now);
      return { status: 'cancelled' as const };
    }
    return AGAIN;
  }, RETRY.serialisedAttempts);
}

/** On-site check-in with the organiser's rotating code: confirmed members, on the activity's day, once. */
export async function checkIn(deps: ActivityDeps, userId: string, id: string, code: string, now: Date): Promise<{ pointsAwarded: number }> {
  const activity = await activityFor(deps, id);
  const problem = checkInCodeProblem(code, id, now);
  if (problem) throw validationFailed([{ path: 'code', message: problem }], problem);
  if (activity.status !== 'published') throw new AppError('INVALID_STATE', '活动已取消');
  const today = chinaDay(now);
  if (today < chinaDay(new Date(activity.startsAt)) || today > chinaDay(new Date(activity.endsAt))) {
    throw new AppError('INVALID_STATE', '只能在活动当天签到');
  }
  // The same rules again as conditions of the transaction, against what is stored then.
  const day = { from: `${today}T00:00:00.000+08:00`, until: `${addDays(today, 1)}T00:00:00.000+08:00` };
  return retrying(async () => {
    const signup = await deps.activities.signup(id, userId);
    if (!signup || signup.status !== 'confirmed') throw new AppError('FORBIDDEN', '只有报名成功的会员可以签到');
    if (signup.checkedInAt) throw new AppError('INVALID_STATE', '您已签到，请勿重复签到');
    const state = activity.pointsReward > 0 ? await deps.points.state(userId) : undefined;
    if ((await deps.activities.checkIn(signup, state, { points: activity.pointsReward, title: activity.title }, now, chinaIso(now), day)) === 'ok') {
      return { pointsAwarded: activity.pointsReward };
    }
    return AGAIN;
  }, RETRY.serialisedAttempts);
}

export async function myActivities(deps: ActivityDeps, userId: string, page: { limit: number; cursor?: string }) {
  const out = await deps.activities.signupsOfUser(userId, page.limit, page.cursor);
  const activities = new Map((await deps.activities.many(out.items.map((s) => s.activityId))).map((a) => [a.id, a]));
  const items = out.items
    .filter((s) => activities.has(s.activityId))
    .map((s) => ({ ...view(activities.get(s.activityId)!), mySignup: { status: s.status, checkedIn: Boolean(s.checkedInAt) } }));
  return { items, nextCursor: out.nextCursor };
}

// ── Cadre side ────────────────────────────────────────────────────────────────────────────────────

async function inScope(deps: ActivityDeps, cadreId: string, id: string) {
  const roles = await cadreRoles(deps.users, cadreId);
  const activity = await activityFor(deps, id);
  return { activity, role: roleCovering(roles, activity.orgPath) };
}

export async function publishActivity(deps: ActivityDeps, cadreId: string, input: ActivityInput, now: Date): Promise<Activity> {
  const { org, role } = await scopedOpenOrg(deps, cadreId, input.orgId);
  const activity: StoredActivity = {
    id: randomUUID(), title: input.title, description: input.description, coverUrl: input.coverUrl, orgId: org.id, orgName: org.name, orgPath: org.path,
    location: input.location, startsAt: normalise(input.startsAt), endsAt: normalise(input.endsAt), signupOpensAt: normalise(input.signupOpensAt),
    signupClosesAt: normalise(input.signupClosesAt), capacity: input.capacity, confirmedCount: 0, waitlistCount: 0, checkedInCount: 0,
    pointsReward: input.pointsReward, waitlist: input.waitlist, status: 'published', createdAt: chinaIso(now),
  };
  await deps.activities.create(activity, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'activity.create', objectType: 'activity', objectId: activity.id,
    orgId: org.id, orgPath: org.path, after: view(activity), at: now,
  });
  return view(activity);
}

export async function editActivity(deps: ActivityDeps, cadreId: string, id: string, patch: ActivityPatch, now: Date): Promise<Activity> {
  const { activity, role } = await inScope(deps, cadreId, id);
  const fields: Record<string, unknown> = { ...patch };
  for (const k of ['startsAt', 'endsAt', 'signupOpensAt', 'signupClosesAt'] as const) if (patch[k]) fields[k] = normalise(patch[k]!);
  const merged = { ...activity, ...fields } as StoredActivity;
  if (!(merged.startsAt < merged.endsAt && merged.signupOpensAt < merged.signupClosesAt && merged.signupClosesAt <= merged.endsAt)) {
    throw validationFailed([{ path: 'startsAt', message: '时间顺序有误：报名开始 < 报名截止 ≤ 活动结束，且活动开始 < 活动结束' }]);
  }
  await deps.activities.update(id, fields, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'activity.update', objectType: 'activity', objectId: id,
    orgId: activity.orgId, orgPath: activity.orgPath, before: view(activity), after: fields, at: now,
  });
  // More places: the waiting list moves up, in order, before any newcomer can take one.
  if (patch.capacity !== undefined && patch.capacity > activity.capacity) await promoteWaiters(deps, activity, now);
  await tellParticipants(deps, id, '活动信息有变更', `您报名的「${merged.title}」信息已更新，请查看最新时间和地点。`, now);
  return view((await deps.activities.get(id))!);
}

export async function cancelActivity(deps: ActivityDeps, cadreId: string, id: string, now: Date): Promise<Activity> {
  const { activity, role } = await inScope(deps, cadreId, id);
  await deps.activities.cancelActivity(id, {
    actorUserId: cadreId, actorOrgId: role.orgId, action: 'activity.cancel', objectType: 'activity', objectId: id,
    orgId: activity.orgId, orgPath: activity.orgPath, before: { status: 'published' }, after: { status: 'cancelled' }, at: now,
  });
  await tellParticipants(deps, id, '活动已取消', `很抱歉，您报名的「${activity.title}」已取消。`, now);
  return { ...view(activity), status: 'cancelled' };
}

async function tellParticipants(deps: ActivityDeps, id: string, title: string, body: string, now: Date) {
  const signups = (await deps.activities.signups(id)).filter((s) => s.status !== 'cancelled');
  await Promise.all(signups.map((s) => notifyMember(deps.notifier, { userId: s.userId, openid: '', consented: false }, { kind: 'activity', title, body, link: `/packages/activity/detail/index?id=${id}` }, undefined, now)));
}

export async function listActivitiesInScope(deps: ActivityDeps, cadreId: string, q: { orgId?: string; limit: number; cursor?: string }) {
  const { org } = await scopedOrg(deps, cadreId, q.orgId);
  const out = await deps.activities.inScope(org.id, q.limit, q.cursor);
  return { items: out.items.map(view), nextCursor: out.nextCursor };
}

/** Every participant of an activity in scope, in one page: no cursor of ours ever points past it. */
export async function participants(deps: ActivityDeps, cadreId: string, id: string, cursor?: string): Promise<Participant[]> {
  await inScope(deps, cadreId, id);
  if (cursor) throw validationFailed([{ path: 'cursor', message: '报名名单只有一页，请从第一页加载' }], '分页游标无效');
  const signups = await deps.activities.signups(id);
  const rows = await Promise.all(signups.map(async (s) => ({
    userId: s.userId, nickname: s.nickname, memberNo: s.memberNo, orgName: s.orgName, status: s.status,
    position: s.status === 'waitlisted' && s.ticket ? await deps.activities.positionOf(id, s.ticket) : undefined,
    signedUpAt: s.signedUpAt, checkedInAt: s.checkedInAt,
  })));
  const order = { confirmed: 0, waitlisted: 1, cancelled: 2 } as const;
  return rows.sort((a, b) => order[a.status] - order[b.status] || (a.position ?? 0) - (b.position ?? 0) || a.signedUpAt.localeCompare(b.signedUpAt));
}

const STATUS_NAMES = { confirmed: '已报名', waitlisted: '候补', cancelled: '已取消' } as const;

/** The participants as CSV for Excel: UTF-8 with a BOM (so Excel reads Chinese), quoted fields. */
export function participantsCsv(rows: Participant[]): string {
  const quote = (v: unknown) => {
    const text = String(v ?? '');
    // A leading =, +, - or @ would be a formula in Excel: neutralise it.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  const header = ['昵称', '会员号', '所在工会', '状态', '候补顺位', '报名时间', '签到时间'];
  const lines = rows.map((r) => [r.nickname, r.memberNo, r.orgName, STATUS_NAMES[r.status], r.position, r.signedUpAt, r.checkedInAt].map(quote).join(','));
  return `\uFEFF${[header.map(quote).join(','), ...lines].join('\r\n')}\r\n`;
}

export async function currentCheckInCode(deps: ActivityDeps, cadreId: string, id: string, now: Date) {
  const { activity } = await inScope(deps, cadreId, id);
  if (activity.status !== 'published') throw new AppError('INVALID_STATE', '活动已取消');
  const { code, expiresAt } = issueCheckInCode(id, now);
  return { code, expiresAt: chinaIso(expiresAt) };
}
