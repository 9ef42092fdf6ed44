/** An activity's times and the rules on them: plain functions, no zod (the app's main package reads them). */

/** The four times of an activity, as ISO instants or as wall-clock strings of one zone (they compare alike). */
export interface ActivityTimes {
  startsAt: string;
  endsAt: string;
  signupOpensAt: string;
  signupClosesAt: string;
}

const at = (v: string) => (/(?:[zZ]|[+-]\d{2}:\d{2})$/.test(v) ? Date.parse(v) : Date.parse(`${v}Z`));

/**
 * The order the four times must keep — 报名开始 < 报名截止 ≤ 活动结束, 活动开始 < 活动结束 — said per
 * field that breaks it (empty when they are in order). The API's schema and the cadre's form both ask this.
 */
export function timeOrderProblems(v: ActivityTimes): Partial<Record<'endsAt' | 'signupClosesAt', string>> {
  const problems: Partial<Record<'endsAt' | 'signupClosesAt', string>> = {};
  if (at(v.endsAt) <= at(v.startsAt)) problems.endsAt = '结束时间应晚于开始时间';
  if (at(v.signupClosesAt) <= at(v.signupOpensAt)) problems.signupClosesAt = '报名截止应晚于报名开始';
  else if (at(v.signupClosesAt) > at(v.endsAt)) problems.signupClosesAt = '报名截止不能晚于活动结束';
  return problems;
}

/** Where `now` (ms) falls against an activity's signup window: before it opens, inside it, after it closes. */
export function signupPhase(a: Pick<ActivityTimes, 'signupOpensAt' | 'signupClosesAt'>, now: number): 'before' | 'open' | 'closed' {
  if (now < at(a.signupOpensAt)) return 'before';
  return now < at(a.signupClosesAt) ? 'open' : 'closed';
}

/** Whether signing up is possible at `now` (ms): not cancelled and inside the signup window. */
export const signupOpen = (a: Pick<ActivityTimes, 'signupOpensAt' | 'signupClosesAt'> & { status?: string }, now: number) =>
  a.status !== 'cancelled' && signupPhase(a, now) === 'open';
