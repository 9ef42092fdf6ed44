/**
 * api.md "Conventions": every failed request answers `{"error":{"code","message","details":[...]}}` —
 * `details` included when there is nothing to say about fields (then empty), so a client reads one shape.
 * Found by the outside probe (scripts/probe/contract.ts): only VALIDATION_FAILED carried `details`.
 */
import { describe, expect, it } from 'vitest';
import { call, login } from './client';

const bodyOf = (answer: { status: number; body: any }) => ({ status: answer.status, error: answer.body?.error });

describe('the error body', () => {
  it('carries code, a Chinese message and a details array on every kind of failure', async () => {
    const member = (await login('member-1')).token;
    const answers = [
      await call('GET', '/v1/me'), // 401, no token
      await call('GET', '/v1/me', { token: 'not-a-token' }), // 401, bad token
      await call('GET', '/v1/admin/audit-log', { token: member }), // 403 FORBIDDEN
      await call('GET', '/v1/goods/no-such-goods', { token: member }), // 404 NOT_FOUND
      await call('GET', '/v1/no-such-route'), // 404 from the $default route
      await call('POST', '/v1/redemptions/no-such-order/cancel', { token: member }), // 404 on a write
      await call('PATCH', '/v1/me', { token: member, rawBody: 'nickname=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), // 415
      await call('POST', '/v1/auth/wechat-login', { body: { code: 'dev:x', pad: 'x'.repeat(70_000) } }), // 413
    ];
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(400);
      expect(bodyOf(answer)).toEqual({
        status: answer.status,
        error: { code: expect.stringMatching(/^[A-Z_]+$/), message: expect.stringMatching(/[\u4e00-\u9fa5]/), details: [] },
      });
    }
  });

  it('keeps the field details of VALIDATION_FAILED', async () => {
    const answer = await call('POST', '/v1/auth/wechat-login', { body: {} });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([expect.objectContaining({ path: 'code', message: expect.any(String) })]);
  });
});
