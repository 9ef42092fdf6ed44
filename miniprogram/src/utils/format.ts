/** Display helpers shared by the membership and review pages. The API already speaks China time. */

/** `2026-11-24T07:30:00.000+08:00` → `11-24 07:30`. */
export const shortTime = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`

/** `2026-11-24T07:30:00.000+08:00` → `2026-11-24 07:30`. */
export const fullTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`

/** Seconds → `刚刚`, `15 分钟`, `2 小时`, `3 天`. */
export function duration(seconds: number): string {
  if (seconds < 60) return '不到 1 分钟'
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分钟`
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} 小时`
  return `${Math.floor(seconds / 86400)} 天`
}

/** `等待 2 小时`, or '' when the API gave no waiting time. */
export const waitingText = (seconds?: number) => (seconds === undefined ? '' : `等待 ${duration(seconds)}`)

/** The last segment of a validation detail's path (`body.idNumber` → `idNumber`). */
export const fieldOf = (path: string) => path.split('.').pop() ?? path
