/**
 * China days. Every "per day" rule of the product uses the calendar day in Asia/Shanghai, whatever
 * the host clock zone is (Lambda runs in UTC: 23:30 UTC is 07:30 the next morning in Beijing).
 * China has had no daylight saving since 1991, so a fixed +08:00 offset is exact and needs no ICU data.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of the China day that contains the instant `at`. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM` of the China month that contains `at`. */
export function chinaMonth(at: Date): string {
  return chinaDay(at).slice(0, 7);
}

/** The China day `n` days after `day` (negative n goes back). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The instant with the offset China shows, e.g. `2026-11-24T07:30:00.000+08:00`. */
export function chinaIso(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/** Every China day of a `YYYY-MM` month, in order. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}
