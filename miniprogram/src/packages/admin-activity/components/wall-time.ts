/**
 * China wall-clock times of the form `YYYY-MM-DDTHH:mm`. The form edits these; the API receives
 * `…:00+08:00`. Arithmetic runs on UTC so the device's own time zone never shifts a value.
 */
import { chinaIso } from '@union/shared/china-day'

export type Wall = string

const parse = (w: Wall) => Date.parse(`${w}:00Z`)
const format = (ms: number): Wall => new Date(ms).toISOString().slice(0, 16)

/** Now in China, rounded down to `step` minutes. */
export function wallNow(step = 5, now = Date.now()): Wall {
  const ms = parse(chinaIso(new Date(now)).slice(0, 16))
  return format(ms - (ms % (step * 60_000)))
}

export const addMinutes = (w: Wall, minutes: number): Wall => format(parse(w) + minutes * 60_000)

/** Minutes from `a` to `b`. */
export const minutesBetween = (a: Wall, b: Wall) => Math.round((parse(b) - parse(a)) / 60_000)

/** The next whole hour after now in China. */
export function nextWholeHour(now = Date.now()): Wall {
  const hour = 3600_000
  const ms = parse(wallNow(60, now))
  return format(ms + hour)
}

export const wallFromIso = (iso: string): Wall => iso.slice(0, 16)
export const isoFromWall = (w: Wall) => `${w}:00+08:00`

/** A Date whose local fields show `w` (what NutUI's DatePicker reads and writes). */
export function localDate(w: Wall): Date {
  const [y, m, d, h, mi] = w.split(/[-T:]/).map(Number)
  return new Date(y, m - 1, d, h, mi)
}

const pad = (n: number | string) => String(n).padStart(2, '0')

export const withDate = (w: Wall, y: number | string, m: number | string, d: number | string): Wall => `${y}-${pad(m)}-${pad(d)}${w.slice(10)}`
export const withTime = (w: Wall, h: number | string, mi: number | string): Wall => `${w.slice(0, 11)}${pad(h)}:${pad(mi)}`
