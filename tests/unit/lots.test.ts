/** The expiry rule (entities/lot.ts): the last China day points earned on a day still count. */
import { describe, expect, it } from 'vitest';
import { expiryDay, expiryShard, EXPIRY_SHARDS, maxOpenLots } from '../../functions/src/entities/lot';

describe('expiryDay', () => {
  it('year + 1 (the default): anything earned in a year counts through 12-31 of the next', () => {
    const rule = { unit: 'year', after: 1 } as const;
    expect(expiryDay('2026-01-01', rule)).toBe('2027-12-31');
    expect(expiryDay('2026-12-31', rule)).toBe('2027-12-31');
    expect(expiryDay('2027-01-01', rule)).toBe('2028-12-31');
    expect(maxOpenLots(rule)).toBe(2);
  });

  it('year + 0: the end of the year earned in', () => {
    expect(expiryDay('2026-07-15', { unit: 'year', after: 0 })).toBe('2026-12-31');
  });

  it('months: the last day of the month `after` months on, leap years included', () => {
    expect(expiryDay('2027-12-10', { unit: 'month', after: 2 })).toBe('2028-02-29');
    expect(expiryDay('2026-12-10', { unit: 'month', after: 2 })).toBe('2027-02-28');
    expect(expiryDay('2026-01-31', { unit: 'month', after: 0 })).toBe('2026-01-31');
    expect(expiryDay('2026-05-01', { unit: 'month', after: 12 })).toBe('2027-05-31');
    expect(maxOpenLots({ unit: 'month', after: 36 })).toBe(37);
  });

  it('spreads users over the shards of a day', () => {
    const shards = new Set(Array.from({ length: 2000 }, (_, i) => expiryShard(`user-${i}`)));
    expect(shards.size).toBe(EXPIRY_SHARDS);
  });
});
