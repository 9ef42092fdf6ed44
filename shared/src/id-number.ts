/**
 * 居民身份证号 (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence, check
 * character computed by ISO 7064 MOD 11-2. A lower-case x is accepted and stored as X.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function normaliseIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** The check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * WEIGHTS[i], 0);
  return CHECK[sum % 11];
}

/** Why an 身份证号 is invalid, in Chinese, or undefined when it is valid. `today` bounds the birth date. */
export function idNumberProblem(raw: string, today: Date = new Date()): string | undefined {
  const id = normaliseIdNumber(raw);
  if (id.length !== 18) return '身份证号应为 18 位';
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号只能包含数字，最后一位可以是 X';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const realDate = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  if (!realDate || y < 1900 || birth.getTime() > today.getTime()) return '身份证号中的出生日期无效';
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return '身份证号校验位不正确，请核对';
  return undefined;
}

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** `610***********1234`: area prefix and last four, the rest hidden. */
export const maskIdNumber = (id: string) => `${id.slice(0, 3)}${'*'.repeat(11)}${id.slice(-4)}`;
/** `138****5678`. */
export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
/** `张*明`, `李*`: the family name and, for three or more characters, the last. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
