/** Test fixtures made through the real routes. */
import { expect } from 'vitest';
import { idCheckChar } from '@union/shared/id-number';
import { call, login } from './client';

let seq = Math.floor(Math.random() * 900);

/** A valid 身份证号 (GB 11643 check character), different on every call. */
export function newIdNumber(): string {
  const first17 = `61010219880512${String(seq++ % 1000).padStart(3, '0')}`;
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
