import { describe, expect, it } from 'vitest';
import { addDays, chinaDay, chinaIso, chinaMonth, daysOfMonth } from '@union/shared/china-day';

describe('China days', () => {
  it('23:30 UTC is already the next day in Beijing', () => {
    expect(chinaDay(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
    expect(chinaDay(new Date('2026-11-24T15:59:59.999Z'))).toBe('2026-11-24');
    expect(chinaDay(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
  });

  it('crosses months and years on China time', () => {
    expect(chinaMonth(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('does not depend on the host zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(chinaDay(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
    } finally {
      process.env.TZ = before;
    }
  });

  it('prints times with the +08:00 offset', () => {
    expect(chinaIso(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24T07:30:00.000+08:00');
    expect(Date.parse(chinaIso(new Date('2026-11-23T23:30:00Z')))).toBe(Date.parse('2026-11-23T23:30:00Z'));
  });

  it('lists the days of a month', () => {
    expect(daysOfMonth('2026-02')).toHaveLength(28);
    expect(daysOfMonth('2028-02').at(-1)).toBe('2028-02-29');
  });
});
