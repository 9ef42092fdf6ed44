/**
 * 统一社会信用代码 (GB 32100-2015), 18 characters:
 *   1     登记管理部门代码 (9 = 市场监管/工商, 1 = 机构编制, 5 = 民政, 8 = 工会, Y = 其他 …)
 *   2     机构类别代码
 *   3–8   登记管理机关行政区划码 (6 digits)
 *   9–17  主体标识码 = the old 组织机构代码 (GB 11714), itself ending in a MOD 11 check character
 *   18    check character, MOD 31 over the first 17
 * The alphabet is the digits and the capital letters without I, O, Z, S, V (they look like 1, 0, 2, 5, U).
 * Lower case and spaces are accepted and normalised away, as people type them.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714 weights of the eight body characters of the 组织机构代码. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
/** Registration authorities of GB 32100 (A: 中央军委改革和编制办公室, N: 农业). */
const AUTHORITIES = '123456789ANY';

export function normaliseCreditCode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** The GB 32100 check character of the first 17 characters (which must be in the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i], 0);
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** The GB 11714 check character of an 组织机构代码's first eight characters (digits and letters). */
export function orgCodeCheckChar(first8: string): string {
  const value = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55); // A = 10 … Z = 35
  const sum = [...first8].reduce((s, c, i) => s + value(c) * ORG_CODE_WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Why a 统一社会信用代码 is invalid, in Chinese, or undefined when it is valid. */
export function creditCodeProblem(raw: string): string | undefined {
  const code = normaliseCreditCode(raw);
  if (code.length !== 18) return '统一社会信用代码应为 18 位';
  if (![...code].every((c) => ALPHABET.includes(c))) return '统一社会信用代码只含数字和大写字母（不含 I、O、Z、S、V）';
  if (!AUTHORITIES.includes(code[0])) return '统一社会信用代码第 1 位（登记管理部门）无效';
  if (code[1] === '0') return '统一社会信用代码第 2 位（机构类别）无效';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return '统一社会信用代码第 3–8 位应为行政区划代码（6 位数字）';
  if (orgCodeCheckChar(code.slice(8, 16)) !== code[16]) return '统一社会信用代码第 9–17 位（组织机构代码）校验位不正确，请核对';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return '统一社会信用代码校验位不正确，请核对';
  return undefined;
}
