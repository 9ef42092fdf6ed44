/**
 * The app's request wrapper says what happened (issue 12 items 16, 17): a 429 or 5xx — even with a body
 * that is not JSON (a gateway's HTML page) — is reported as what it is, not as a network failure; and an
 * answer that fails the schema blames the server, not the app's version.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';

const wire = vi.hoisted(() => ({ answer: { statusCode: 200, data: '' as unknown }, calls: [] as Record<string, unknown>[] }));
vi.mock('@tarojs/taro', () => ({
  default: {
    showLoading: () => Promise.resolve(),
    hideLoading: () => Promise.resolve(),
    request: async (opts: Record<string, unknown>) => {
      wire.calls.push(opts);
      // Like Taro on H5: with dataType 'json' a body that is not JSON makes the call reject.
      if (opts.dataType === 'json' && typeof wire.answer.data === 'string') {
        try {
          return { ...wire.answer, data: JSON.parse(wire.answer.data as string) };
        } catch {
          throw new Error('request:fail invalid json');
        }
      }
      return wire.answer;
    },
  },
}));

const { request, SERVER_CHECKED } = await import('../../miniprogram/src/services/api');
type ApiError = import('../../miniprogram/src/services/api').ApiError;
const Schema = z.object({ ok: z.boolean() });

async function failure(statusCode: number, data: unknown) {
  wire.answer = { statusCode, data };
  try {
    await request('/v1/auth/wechat-login', { method: 'POST', body: { code: 'x' }, schema: Schema, auth: false });
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected a failure');
}

beforeEach(() => {
  wire.calls = [];
});

describe('request failures', () => {
  it('a 502 page of HTML is a server failure, not the network', async () => {
    const e = await failure(502, '<html><body>Bad Gateway</body></html>');
    expect(e.code).not.toBe('NETWORK');
    expect(e.status).toBe(502);
    expect(e.message).not.toContain('网络');
    expect(e.message).toMatch(/服务/);
  });

  it('a 429 without the contract\'s body says too many requests', async () => {
    const e = await failure(429, 'Too Many Requests');
    expect(e.code).not.toBe('NETWORK');
    expect(e.message).toMatch(/频繁/);
  });

  it('a 429 with the contract\'s body keeps its message', async () => {
    const e = await failure(429, JSON.stringify({ error: { code: 'RATE_LIMITED', message: '操作太频繁，请 30 秒后再试' } }));
    expect(e.code).toBe('RATE_LIMITED');
    // After the client's automatic retries it says so as well.
    expect(e.message).toMatch(/^操作太频繁，请 30 秒后再试/);
  });

  it('an answer that fails the schema blames the server, not the app\'s version', async () => {
    for (const data of [JSON.stringify({ ok: 'yes' }), '<!doctype html><html></html>', '']) {
      const e = await failure(200, data);
      expect(e.code).toBe('BAD_RESPONSE');
      expect(e.message).not.toMatch(/更新|版本/);
      expect(e.message).toMatch(/服务器/);
    }
  });

  it('a good answer is parsed', async () => {
    wire.answer = { statusCode: 200, data: JSON.stringify({ ok: true }) };
    await expect(request('/v1/me', { schema: Schema })).resolves.toEqual({ ok: true });
  });

  it('SERVER_CHECKED (the main package, which carries no zod) takes the answer as the server checked it', async () => {
    wire.answer = { statusCode: 200, data: JSON.stringify({ ok: true, extra: [1] }) };
    await expect(request('/v1/me', { schema: SERVER_CHECKED })).resolves.toEqual({ ok: true, extra: [1] });
  });

  it('the contract\'s error body is read without zod: code, message and well-formed details', async () => {
    const details = [{ path: 'body.name', message: '请填写姓名' }];
    const e = await failure(400, JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: '请求参数有误', details } }));
    expect([e.code, e.message, e.status, e.details]).toEqual(['VALIDATION_FAILED', '请求参数有误', 400, details]);
    // Details that are not the contract's list are dropped; the code and message still reach the person.
    const odd = await failure(409, JSON.stringify({ error: { code: 'OUT_OF_STOCK', message: '已兑完', details: 'x' } }));
    expect([odd.code, odd.message, odd.details]).toEqual(['OUT_OF_STOCK', '已兑完', []]);
    // Not the contract's body (no string code): the status speaks.
    const other = await failure(503, JSON.stringify({ error: { code: 5, message: 'down' } }));
    expect(other.code).toBe('HTTP_ERROR');
  });
});
