import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem, normaliseCreditCode, orgCodeCheckChar } from '@union/shared/credit-code';

/** Published codes of real enterprises (business licences are public), and the standard's own example. */
const REAL = [
  '914403001922038216', // 华为技术有限公司
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '91110000802100433B',
  '91110108551385082Q',
  '91350100M000100Y43', // the example of GB 32100-2015 (a letter in the 主体标识码, check char 3)
  '12100000400000624D', // a 事业单位 (authority 1, category 2)
];

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts real codes, in any case and with stray spaces', () => {
    for (const code of REAL) expect(creditCodeProblem(code), code).toBeUndefined();
    expect(creditCodeProblem(' 91440300708461136t ')).toBeUndefined();
    expect(normaliseCreditCode('9144 0300 7084 6113 6t')).toBe('91440300708461136T');
  });

  it('computes the check characters of both standards', () => {
    expect(creditCodeCheckChar('91440300708461136')).toBe('T');
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(orgCodeCheckChar('70846113')).toBe('6');
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
  });

  it('refuses every kind of invalid code with its own reason', () => {
    expect(creditCodeProblem('')).toBe('统一社会信用代码应为 18 位');
    expect(creditCodeProblem('9144030070846113')).toBe('统一社会信用代码应为 18 位');
    expect(creditCodeProblem('91440300708461136TT')).toBe('统一社会信用代码应为 18 位');
    // I, O, Z, S, V are not in the alphabet (they read as 1, 0, 2, 5, U), nor is punctuation.
    for (const bad of ['91440300708461136I', '9144030070846113O6', '91440300Z08461136T', '9144030070846113-T', '9144030070846113６T'])
      expect(creditCodeProblem(bad), bad).toBe('统一社会信用代码只含数字和大写字母（不含 I、O、Z、S、V）');
    expect(creditCodeProblem('B1440300708461136T')).toBe('统一社会信用代码第 1 位（登记管理部门）无效');
    expect(creditCodeProblem('90440300708461136T')).toBe('统一社会信用代码第 2 位（机构类别）无效');
    expect(creditCodeProblem('9144A300708461136T')).toBe('统一社会信用代码第 3–8 位应为行政区划代码（6 位数字）');
    // One digit of the 组织机构代码 changed: its own check character no longer fits.
    expect(creditCodeProblem('91440300708461146T')).toBe('统一社会信用代码第 9–17 位（组织机构代码）校验位不正确，请核对');
    // Only the last character wrong, and two neighbours swapped in the region code.
    expect(creditCodeProblem('91440300708461136U')).toBe('统一社会信用代码校验位不正确，请核对');
    expect(creditCodeProblem('91443000708461136T')).toBe('统一社会信用代码校验位不正确，请核对');
  });

  it('catches every single-character change of a real code', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const code = REAL[0];
    for (let i = 0; i < 18; i++)
      for (const c of alphabet) {
        if (c === code[i]) continue;
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        expect(creditCodeProblem(changed), changed).toBeDefined();
      }
  });
});
