/** Test fixtures made through the real routes. */
import { expect } from 'vitest';
import { idCheckChar } from '@union/shared/id-number';
import { creditCodeCheckChar, orgCodeCheckChar } from '@union/shared/credit-code';
import { call, login } from './client';

/**
 * A valid 身份证号 (GB 11643 check character) with a random district of 西安 (610110–610199), birth date
 * (1970–1999) and sequence: ≈10⁹ combinations. A 身份证号 may belong to one member only, and a run makes a few
 * hundred: with the ≈10⁷ of one district, two would meet in roughly 1 run in 250 (estimated, ~300 a run). The roster fixtures use
 * other areas (611000 and up), so a new member is never in a roster by chance.
 */
export function newIdNumber(): string {
  const district = 10 + Math.floor(Math.random() * 90);
  const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(Math.random() * 30 * 365) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `6101${district}${birth}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** A new active member of `orgId` (default 陕西秦云软件有限公司工会) holding `points`: applied, approved, topped up. */
export async function newMember(points: number, orgId = 'xa-yt-qy', cadre = 'cadre-xian') {
  const user = await login();
  const approver = (await login(cadre)).token;
  const filed = await call('POST', '/v1/join-requests', {
    token: user.token,
    body: { name: '测试会员', idNumber: newIdNumber(), phone: `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, orgId, employer: '测试单位' },
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  expect((await call('POST', `/v1/admin/join-requests/${filed.body.id}/approve`, { token: approver })).status).toBe(200);
  if (points) {
    const adjusted = await call('POST', '/v1/admin/points-adjustments', { token: approver, body: { userId: user.me.id, delta: points, reason: '测试充值' } });
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(201);
  }
  return user;
}

/** A valid 统一社会信用代码 (both check characters right) of a random 西安 enterprise: ≈10⁸ combinations. */
export function newCreditCode(): string {
  const body = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const first17 = `91610113${body}${orgCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
}

/** The code (身份证号 or 统一社会信用代码) with its check character replaced by one that is wrong — never by
 *  chance the right one (a fixed '0' is right for 1 code in 31; CI drew one). */
export const withWrongCheckChar = (code: string) => `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`;

/** A tag of random Chinese characters, so union names made by tests never meet (and are searchable). */
export function hanTag(length = 4): string {
  const pool = '甲乙丙丁戊庚辛壬癸寅卯辰巳午未申酉戌亥鹤松竹梅兰菊桂柳槐杉';
  return Array.from({ length }, () => pool[Math.floor(Math.random() * pool.length)]).join('');
}
