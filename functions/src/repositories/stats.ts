/**
 * Statistics kept as events happen: daily counters per union, written for every union on the path of
 * the member's union (so a subtree's figures are one partition's items — no summing of thousands of
 * unions at read time), and spread over SHARDS items per day so a province-wide burst of sign-ins does
 * not make one hot item. The increments ride in the same transaction as the event they count: a
 * committed sign-in is counted exactly once.
 *
 *   STATS#<orgId>   <china-day>#<shard>   the day's counters
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { tableName } from '../lib/dynamo';
import { tagOnCreate } from '../entities/tags';
import type { Statistics } from '../usecases/ports';
import { awaitingPickupQueue, pendingJoinQueue, pendingTransferQueue, queueSize } from './queues';

export { METRICS, type DailyStats, type Increments, type Metric } from '../entities/stats';
import type { DailyStats, Increments } from '../entities/stats';
import { METRICS } from '../entities/stats';
import { queryAll } from './query-pages';

export const STAT_SHARDS = 8;
const statsTag = tagOnCreate('DailyStats');
const pathIds = (path: string) => path.split('/').filter(Boolean);

/** One counter item's update: `inc`'s non-zero metrics added on union `orgId`'s shard `shard` of `day`. */
function counterUpdate(orgId: string, day: string, shard: string | number, inc: Increments): TransactWriteItem[] {
  const entries = Object.entries(inc).filter(([, v]) => v);
  if (entries.length === 0) return [];
  return [{
    Update: {
      TableName: tableName(),
      Key: marshall({ PK: `STATS#${orgId}`, SK: `${day}#${shard}` }),
      UpdateExpression: `ADD ${entries.map((_, i) => `#m${i} :v${i}`).join(', ')} SET ${statsTag.set}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#m${i}`, k])),
      ExpressionAttributeValues: marshall({ ...Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])), ...statsTag.values }),
    },
  }];
}

/** The counter updates for one event of a member of the union at `orgPath` on China day `day`. */
export function statsItems(orgPath: string | undefined, day: string, inc: Increments): TransactWriteItem[] {
  if (!orgPath) return [];
  const shard = Math.floor(Math.random() * STAT_SHARDS);
  return pathIds(orgPath).flatMap((orgId) => counterUpdate(orgId, day, shard, inc));
}

/** Net member moves (a transfer): one update per union whose count changes, none for shared ancestors. */
export function memberMoveItems(fromPath: string, toPath: string, day: string): TransactWriteItem[] {
  const net = new Map<string, number>();
  for (const id of pathIds(fromPath)) net.set(id, (net.get(id) ?? 0) - 1);
  for (const id of pathIds(toPath)) net.set(id, (net.get(id) ?? 0) + 1);
  const shard = Math.floor(Math.random() * STAT_SHARDS);
  return [...net].flatMap(([orgId, v]) => counterUpdate(orgId, day, shard, { memberDelta: v }));
}

/** Per-day sums of a union's subtree between two China days (inclusive), shards added up. */
export async function dailyStats(orgId: string, from: string, to: string): Promise<DailyStats[]> {
  const byDay = new Map<string, DailyStats>();
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: marshall({ ':pk': `STATS#${orgId}`, ':from': `${from}#`, ':to': `${to}#~` }),
  });
  for (const item of items) {
    const row = unmarshall(item);
    const day = String(row.SK).slice(0, 10);
    const acc = byDay.get(day) ?? ({ day, ...Object.fromEntries(METRICS.map((m) => [m, 0])) } as DailyStats);
    for (const m of METRICS) acc[m] += Number(row[m] ?? 0);
    byDay.set(day, acc);
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/**
 * Counter updates for many unions at once (an import: net changes per union already summed by the
 * caller, so a chunk of rows makes one update per union rather than one per row). `shard` lets a
 * writer that runs in parallel with itself keep to its own items (no two transactions on one item).
 */
export function statsDeltaItems(byOrg: Map<string, Increments>, day: string, shard: string | number = Math.floor(Math.random() * STAT_SHARDS)): TransactWriteItem[] {
  return [...byOrg].flatMap(([orgId, inc]) => counterUpdate(orgId, day, shard, inc));
}

/** Adds `inc` to every union on `path` in `byOrg` (ancestors included). */
export function addOnPath(byOrg: Map<string, Increments>, path: string, inc: Increments): void {
  for (const orgId of path.split('/').filter(Boolean)) {
    const acc = byOrg.get(orgId) ?? {};
    for (const [k, v] of Object.entries(inc) as [keyof Increments, number][]) acc[k] = (acc[k] ?? 0) + v;
    byOrg.set(orgId, acc);
  }
}

/** Roster records of a subtree up to and including `through`. */
export async function rosterCount(orgId: string, through: string): Promise<number> {
  const rows = await dailyStats(orgId, '0000-00-00', through);
  return rows.reduce((s, r) => s + r.rosterRecords, 0);
}

/** Members of a subtree up to and including `day`: the sum of every daily member change before it. */
export async function memberCount(orgId: string, through: string): Promise<number> {
  const rows = await dailyStats(orgId, '0000-00-00', through);
  return rows.reduce((s, r) => s + r.newMembers + r.memberDelta, 0);
}

/** The figures of the cadres' overview: daily counters and the sizes of the to-do queues. */
export class StatisticsReads implements Statistics {
  dailyStats(orgId: string, from: string, to: string) {
    return dailyStats(orgId, from, to);
  }
  memberCount(orgId: string, through: string) {
    return memberCount(orgId, through);
  }
  rosterCount(orgId: string, through: string) {
    return rosterCount(orgId, through);
  }
  pendingJoins(orgId: string) {
    return queueSize(pendingJoinQueue(orgId));
  }
  pendingTransfers(orgId: string) {
    return queueSize(pendingTransferQueue(orgId));
  }
  awaitingPickup(orgId: string) {
    return queueSize(awaitingPickupQueue(orgId));
  }
}
