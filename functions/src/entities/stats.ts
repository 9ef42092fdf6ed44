/** Daily statistics counters (items in repositories/stats.ts: `STATS#<orgId> / <china-day>#<shard>`). */
export const METRICS = [
  'signIns', 'activeUsers', 'pointsIssued', 'pointsSpent', 'redemptions', 'cancellations', 'signups', 'checkIns',
  'newMembers', 'memberDelta', 'entriesMenu', 'entriesOther', 'requestsDecided', 'requestWaitSeconds',
  // Roster records (工会会员实名制名册) registered in the union, bound to a WeChat or not.
  'rosterRecords',
] as const;
export type Metric = (typeof METRICS)[number];
export type Increments = Partial<Record<Metric, number>>;

export type DailyStats = Record<Metric, number> & { day: string };
