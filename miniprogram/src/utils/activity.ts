/**
 * Display helpers for activities, shared by the 活动 tab and the activity subpackages. The API sends
 * every time as ISO 8601 with `+08:00` (China time), so the wall clock is read straight from the text.
 */
import type { Activity } from '@union/shared/activities'
import { signupOpen } from '@union/shared/activity-times'
import { chinaDay } from '@union/shared/china-day'

export { signupOpen }

/** `2026-11-24T09:00:00.000+08:00` → `11月24日`. */
export const dayText = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`

/** `…T09:05…` → `09:05`. */
export const clockText = (iso: string) => iso.slice(11, 16)

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** `周二` for the China day of `iso` (the date part is already a China date). */
export const weekdayText = (iso: string) => `周${WEEKDAYS[new Date(`${iso.slice(0, 10)}T00:00:00Z`).getUTCDay()]}`

/** `11月24日 09:00–12:00`, or `11月24日 09:00 – 11月25日 12:00` across days. */
export function timeRange(startsAt: string, endsAt: string): string {
  if (startsAt.slice(0, 10) === endsAt.slice(0, 10)) return `${dayText(startsAt)} ${clockText(startsAt)}–${clockText(endsAt)}`
  return `${dayText(startsAt)} ${clockText(startsAt)} – ${dayText(endsAt)} ${clockText(endsAt)}`
}

/** `11月24日 09:00`. */
export const dayClock = (iso: string) => `${dayText(iso)} ${clockText(iso)}`

export type ActivityState = 'open' | 'upcoming' | 'ongoing' | 'ended' | 'cancelled'

export const STATE_TEXT: Record<ActivityState, string> = {
  open: '报名中',
  upcoming: '即将开始',
  ongoing: '进行中',
  ended: '已结束',
  cancelled: '已取消',
}

const t = (iso: string) => Date.parse(iso)

/** The one state a card shows: 已取消 > 已结束 > 进行中 > 报名中 > 即将开始. */
export function activityState(a: Activity, now = Date.now()): ActivityState {
  if (a.status === 'cancelled') return 'cancelled'
  if (now >= t(a.endsAt)) return 'ended'
  if (now >= t(a.startsAt)) return 'ongoing'
  if (signupOpen(a, now)) return 'open'
  return 'upcoming'
}

/** Whether the China day `now` falls on one of the activity's days (when on-site check-in is possible). */
export function onActivityDay(a: Activity, now = Date.now()): boolean {
  const today = chinaDay(new Date(now))
  return a.startsAt.slice(0, 10) <= today && today <= a.endsAt.slice(0, 10)
}
