/** Test fixtures made through the real routes. */
import { expect } from 'vitest';
import { idCheckChar } from '@union/shared/id-number';
import { call, login } from './client';

/**
 * A valid 身份证号 (GB 11643 check character) with a random birth date (1970–1999) and sequence:
 * ≈10⁷ combinations, so test files running in parallel do not collide.
 */
export function newIdNumber(): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(Math.random() * 30 * 365) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `610102${birth}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
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
