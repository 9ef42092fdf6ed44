/**
 * Dates in queries (issue 12 item 7): real calendar days, `from` not after `to`, checked at the edge
 * (shared zod schemas) — 400 VALIDATION_FAILED naming the field, never a 500.
 */
import { describe, expect, it } from 'vitest';
import { call, login } from './client';

describe('audit-log and stats dates', () => {
  it.each([
    ['from=2026-13-45', 'from'],
    ['to=2026-02-30', 'to'],
    ['from=2026-00-10', 'from'],
    ['from=2026-11-30&to=2026-11-01', 'from'],
    ['from=9999-99-99', 'from'],
  ])('GET /v1/admin/audit-log?%s → 400 naming %s', async (query, field) => {
    const token = (await login('cadre-province')).token;
    const answer = await call('GET', `/v1/admin/audit-log?${query}`, { token });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it.each([
    ['from=2026-13-01&to=2026-13-02', 'from'],
    ['from=2026-02-29&to=2026-03-01', 'from'],
  ])('GET /v1/admin/stats?%s → 400 naming %s', async (query, field) => {
    const token = (await login('cadre-province')).token;
    const answer = await call('GET', `/v1/admin/stats?${query}`, { token });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it('real days in order are answered', async () => {
    const token = (await login('cadre-province')).token;
    expect((await call('GET', '/v1/admin/audit-log?from=2024-02-29&to=2024-03-01', { token })).status).toBe(200);
    expect((await call('GET', '/v1/admin/audit-log?from=2026-11-01&to=2026-11-01', { token })).status).toBe(200);
    expect((await call('GET', '/v1/admin/stats?from=2024-02-28&to=2024-02-29', { token })).status).toBe(200);
  });
});
