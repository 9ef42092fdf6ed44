/**
 * The mini-program's retry policy (miniprogram/src/services/retry.ts) and request() using it: only
 * safe requests are retried, on 503/429 only, a bounded number of times, never sooner than Retry-After,
 * and with the same Idempotency-Key every time — so a retried redemption is still one order.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { RETRY_POLICY, headerOf, isRetryable, retryAfterMs, retryDelay, sendWithRetry } from '../../miniprogram/src/services/retry';

const taro = vi.hoisted(() => ({ request: vi.fn(), showLoading: vi.fn(), hideLoading: vi.fn() }));
vi.mock('@tarojs/taro', () => ({ default: taro }));

const busy = (retryAfter?: string, code = 'UNAVAILABLE') => ({
  statusCode: 503,
  header: retryAfter ? { 'Retry-After': retryAfter } : {},
  data: { error: { code, message: '服务暂时不可用，请稍后重试' } },
});

describe('which answers are retried', () => {
  it('reads and keyed POSTs, on 503 and 429 only', () => {
    expect(isRetryable('GET', false, 503)).toBe(true);
    expect(isRetryable('GET', false, 429)).toBe(true);
    expect(isRetryable('POST', true, 503)).toBe(true);
    expect(isRetryable('POST', false, 503)).toBe(false); // no key: a retry could act twice
    for (const method of ['PATCH', 'PUT', 'DELETE']) expect(isRetryable(method, true, 503)).toBe(false);
    for (const status of [200, 400, 401, 409, 500, 502, 504]) expect(isRetryable('GET', false, status)).toBe(false);
  });
});

describe('how long it waits', () => {
  it('a bounded number of tries, each wait under an exponential ceiling', () => {
    const top = () => 1;
    expect([1, 2, 3].map((a) => retryDelay(a, undefined, top))).toEqual([500, 1000, 2000]);
    expect(retryDelay(RETRY_POLICY.maxAttempts, undefined, top)).toBeUndefined();
    expect(retryDelay(3, undefined, top, { ...RETRY_POLICY, maxAttempts: 10, maxDelayMs: 1500 })).toBe(1500);
    // Full jitter: anywhere from 0 up to the ceiling.
    expect(retryDelay(2, undefined, () => 0)).toBe(0);
    expect(retryDelay(2, undefined, () => 0.5)).toBe(500);
  });

  it('never sooner than Retry-After; a pause longer than a person should watch is not waited out', () => {
    expect(retryDelay(1, '2', () => 0)).toBe(2000);
    expect(retryDelay(1, '2', () => 1)).toBe(2500);
    expect(retryDelay(1, '60', () => 0)).toBeUndefined();
    expect(retryAfterMs(new Date(Date.UTC(2026, 0, 1, 0, 0, 3)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(3000);
    expect(retryAfterMs('soon')).toBe(0);
    expect(headerOf({ 'retry-after': '1' }, 'Retry-After')).toBe('1');
  });

  it('sendWithRetry tries exactly maxAttempts times, then hands back the last answer', async () => {
    const waits: number[] = [];
    const onRetry = vi.fn();
    const onDone = vi.fn();
    const send = vi.fn(async () => ({ statusCode: 503, header: { 'retry-after': '1' } }));
    const { response, attempts } = await sendWithRetry(send, { method: 'GET', hasIdempotencyKey: false, onRetry, onDone, random: () => 0, sleep: async (ms) => void waits.push(ms) });
    expect(send).toHaveBeenCalledTimes(RETRY_POLICY.maxAttempts);
    expect(attempts).toBe(RETRY_POLICY.maxAttempts);
    expect(response.statusCode).toBe(503);
    expect(waits).toEqual([1000, 1000, 1000]);
    expect(onRetry.mock.calls.map((c) => c[0])).toEqual([1, 2, 3]);
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});

describe('request()', () => {
  let request: typeof import('../../miniprogram/src/services/api').request;
  let ApiError: typeof import('../../miniprogram/src/services/api').ApiError;
  beforeEach(async () => {
    vi.stubEnv('TARO_APP_API', 'http://api.test');
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    for (const f of Object.values(taro)) f.mockReset();
    ({ request, ApiError } = await import('../../miniprogram/src/services/api'));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  const Order = z.object({ id: z.string() });

  it('a redemption answered 503 twice is sent again after Retry-After with the same Idempotency-Key, and tells the person', async () => {
    taro.request.mockResolvedValueOnce(busy('1')).mockResolvedValueOnce(busy('1')).mockResolvedValueOnce({ statusCode: 201, header: {}, data: { id: 'order-1' } });
    const result = request('/v1/redemptions', { method: 'POST', body: { goodsId: 'g', quantity: 1 }, schema: Order });
    await vi.advanceTimersByTimeAsync(999);
    expect(taro.request).toHaveBeenCalledTimes(1); // Retry-After: 1 s not yet over
    await vi.advanceTimersByTimeAsync(1);
    expect(taro.request).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(result).resolves.toEqual({ id: 'order-1' });
    const keys = taro.request.mock.calls.map((c) => c[0].header['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(taro.showLoading).toHaveBeenCalledTimes(1);
    expect(taro.showLoading.mock.calls[0][0].title).toBe('系统繁忙，正在重试…');
    expect(taro.hideLoading).toHaveBeenCalledTimes(1);
  });

  it('gives up after the bounded tries with a clear final message', async () => {
    taro.request.mockResolvedValue(busy());
    const result = request('/v1/me', { schema: Order }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(60_000);
    const error = await result;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', status: 503, message: '服务暂时不可用，请稍后重试（已自动重试 3 次）' });
    expect(taro.request).toHaveBeenCalledTimes(RETRY_POLICY.maxAttempts);
    expect(taro.hideLoading).toHaveBeenCalledTimes(1);
  });

  it('does not retry what is not safe to repeat (PATCH), nor a 500', async () => {
    taro.request.mockResolvedValue(busy());
    await expect(request('/v1/me', { method: 'PATCH', body: { nickname: 'x' }, schema: Order })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: '服务暂时不可用，请稍后重试' });
    taro.request.mockReset().mockResolvedValue({ statusCode: 500, header: {}, data: { error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } } });
    await expect(request('/v1/me', { schema: Order })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(taro.request).toHaveBeenCalledTimes(1);
    expect(taro.showLoading).not.toHaveBeenCalled();
  });
});
