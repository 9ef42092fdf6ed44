/**
 * Statistics vs a brute-force recount: random sign-ins and redemptions by members of several unions on
 * days of March 2025 (no other test writes there), at random instants — many close to 16:00 UTC, the
 * China-day boundary — through the real use cases; then every union's daily counters must equal a
 * recount of the stored sign-ins and orders of its subtree.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { chinaDay } from '@union/shared/china-day';
import { localClient } from '../../scripts/lib/dynamodb-local';
import { TEST_DYNAMO, TEST_TABLE } from '../setup/ports';
import { UsersRepository, newProfile } from '../../functions/src/repositories/users';
import { PointsRepository, ledgerPostingItems } from '../../functions/src/repositories/points';
import { transact } from '../../functions/src/lib/transact';
import { signInToday } from '../../functions/src/usecases/sign-in';
import { redeemGoods } from '../../functions/src/usecases/mall';
import { dailyStats } from '../../functions/src/repositories/stats';
import { deps as mallDeps } from '../../functions/src/handlers/mall';
import { signInRule } from '../../functions/src/config';
import { flattenTree } from '../../scripts/lib/seed';
import { deps as rosterRoot } from '../../functions/src/handlers/imports';
import { commitImport, uploadRoster } from '../../functions/src/usecases/imports';
import { unbindMember, verifyMember } from '../../functions/src/usecases/verification';
import { RosterRepository } from '../../functions/src/repositories/roster';
import { idNumberIndex } from '../../functions/src/lib/pii';
import { xlsx, randomName, uniqueIdNumber } from '../fixtures/roster-files';
import { newUser, ownSubtree } from './roster-fixtures';

const orgs = new Map(flattenTree().map((o) => [o.id, o]));
const UNIONS = ['xa-yt-qy', 'xa-yt-ca', 'xa-bl-zl', 'bj-wb-ql', 'jy-xbsf'];
const users = new UsersRepository();
const points = new PointsRepository();

// A small deterministic generator, so a failure can be replayed: the seed is printed.
const seed = Number(process.env.STATS_SEED ?? Date.now() % 100000);
let state = seed;
const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);

async function member(orgId: string) {
  const org = orgs.get(orgId)!;
  const id = randomUUID();
  await users.createForOpenid({ ...newProfile(id, `stats-${id}`, undefined, new Date()), membership: { status: 'active', orgId, orgName: org.name, orgPath: org.path, memberNo: 'T' } });
  await transact(ledgerPostingItems({ id, balance: 0, ledgerSeq: 0, signInStreak: 0 }, { delta: 10_000, reason: 'test', refType: 'adjustment', refId: 'stats', at: new Date('2025-02-01T00:00:00Z') }).steps);
  return id;
}

describe(`statistics equal a brute-force recount (seed ${seed})`, () => {
  it('per union and China day: sign-ins, points issued, redemptions, points spent', { timeout: 120_000 }, async () => {
    const members = await Promise.all(Array.from({ length: 15 }, (_, i) => member(UNIONS[i % UNIONS.length])));
    const deps = mallDeps;
    const events: Promise<unknown>[] = [];
    for (const userId of members) {
      // Each member signs in on a random subset of 2025-03-01…06 at a random time; half of the
      // instants fall within an hour of 16:00 UTC (midnight in Beijing).
      for (let day = 1; day <= 6; day++) {
        if (random() < 0.4) continue;
        const base = Date.UTC(2025, 2, day, random() < 0.5 ? 15 : Math.floor(random() * 24), Math.floor(random() * 60));
        const at = new Date(random() < 0.5 ? base + Math.floor(random() * 7200_000) : base);
        events.push(signInToday({ points, rule: signInRule() }, userId, at).catch((e) => e));
      }
      if (random() < 0.6) {
        const at = new Date(Date.UTC(2025, 2, 1 + Math.floor(random() * 6), 15, Math.floor(random() * 60)));
        events.push(redeemGoods(deps, userId, { goodsId: 'demo-goods-2', quantity: 1 }, randomUUID(), at).catch((e) => e));
      }
    }
    await Promise.all(events);

    const client = localClient(TEST_DYNAMO);
    const items: Record<string, any>[] = [];
    let start: Record<string, any> | undefined;
    do {
      const out = await client.send(new ScanCommand({ TableName: TEST_TABLE, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []).map((i) => unmarshall(i)));
      start = out.LastEvaluatedKey;
    } while (start);
    client.destroy();
    const pathOf = new Map(items.filter((i) => i.entity === 'User').map((u) => [u.id, u.membership?.orgPath as string | undefined]));
    const inMarch = (day: string) => day >= '2025-03-01' && day <= '2025-03-07';

    for (const orgId of ['sx', 'xa', 'xa-yt', 'xa-yt-qy', 'bj', 'jy', 'hz']) {
      const prefix = orgs.get(orgId)!.path;
      const expected = new Map<string, { signIns: number; pointsIssued: number; redemptions: number; pointsSpent: number }>();
      const row = (day: string) => expected.get(day) ?? expected.set(day, { signIns: 0, pointsIssued: 0, redemptions: 0, pointsSpent: 0 }).get(day)!;
      for (const s of items.filter((i) => i.entity === 'SignIn' && inMarch(i.day) && pathOf.get(i.userId)?.startsWith(prefix))) {
        row(s.day).signIns++;
        row(s.day).pointsIssued += s.points;
      }
      for (const o of items.filter((i) => i.entity === 'Order' && o_inMarch(i) && String(i.memberOrgPath ?? '').startsWith(prefix))) {
        const day = chinaDay(new Date(o.createdAt));
        row(day).redemptions++;
        row(day).pointsSpent += o.pointsSpent;
      }
      const counted = await dailyStats(orgId, '2025-03-01', '2025-03-07');
      const actual = new Map(counted.filter((r) => r.signIns || r.redemptions).map((r) => [r.day, { signIns: r.signIns, pointsIssued: r.pointsIssued, redemptions: r.redemptions, pointsSpent: r.pointsSpent }]));
      expect(Object.fromEntries(actual), `union ${orgId}`).toEqual(Object.fromEntries(expected));
    }
    function o_inMarch(o: Record<string, any>) {
      return inMarch(chinaDay(new Date(o.createdAt)));
    }
    // The boundary matters: some event must have landed on a different China day than its UTC day.
    const signIns = items.filter((i) => i.entity === 'SignIn' && inMarch(i.day));
    expect(signIns.some((s) => s.day !== String(s.createdAt).slice(0, 10))).toBe(true);
  });
});

describe(`roster and member counters equal a recount (seed ${seed})`, () => {
  it('imports (creates, re-imports, union moves), verifications and unbinds, on days of April 2025', { timeout: 180_000 }, async () => {
    const deps = rosterRoot;
    const { county, basic } = await ownSubtree(3);
    const day = (d: number, h = 10) => new Date(Date.UTC(2025, 3, d, h));
    const people = Array.from({ length: 40 }, () => ({ name: randomName(), id: uniqueIdNumber(), union: basic[Math.floor(random() * 3)].id }));
    const file = (rows: typeof people) => xlsx([['姓名', '身份证号', '基层工会'], ...rows.map((p) => [p.name, p.id, p.union])]);
    const importAt = async (rows: typeof people, at: Date) => {
      const up = await uploadRoster(deps, 'u-cadre-province', { file: file(rows), fileName: 'r.xlsx', orgId: county.id }, at);
      return commitImport(deps, 'u-cadre-province', up.id, at);
    };
    expect(await importAt(people.slice(0, 30), day(1))).toMatchObject({ created: 30 });
    // Re-import with 10 new people and 5 moved to another union, on another day (some just before midnight in China).
    for (const p of people.slice(0, 5)) p.union = basic.find((b) => b.id !== p.union)!.id;
    expect(await importAt(people, day(2, 15))).toMatchObject({ created: 10, updated: 5, unchanged: 25 });
    // Verifications on random days; a few failures; one unbind.
    const bound: string[] = [];
    for (const p of people.slice(10, 25)) {
      const userId = await newUser();
      const at = day(3 + Math.floor(random() * 3), Math.floor(random() * 24));
      if (random() < 0.3) await verifyMember(deps, userId, { name: '错误姓名', idNumber: p.id }, at).catch((e) => e);
      await verifyMember(deps, userId, { name: p.name, idNumber: p.id }, at);
      bound.push(userId);
    }
    await unbindMember(deps, 'u-cadre-province', bound[0], '更换微信', day(6));

    // The recount: records per union (GSI), active members per union (the users).
    const roster = new RosterRepository();
    const client = localClient(TEST_DYNAMO);
    const items: Record<string, any>[] = [];
    let start: Record<string, any> | undefined;
    do {
      const out = await client.send(new ScanCommand({ TableName: TEST_TABLE, ExclusiveStartKey: start, FilterExpression: 'entity = :u', ExpressionAttributeValues: { ':u': { S: 'User' } } }));
      items.push(...(out.Items ?? []).map((i) => unmarshall(i)));
      start = out.LastEvaluatedKey;
    } while (start);
    client.destroy();
    for (const org of [county, ...basic]) {
      const records = org === county ? (await Promise.all(basic.map((b) => roster.countInUnion(b.id)))).reduce((a, b) => a + b, 0) : await roster.countInUnion(org.id);
      const members = items.filter((u) => u.membership?.status === 'active' && String(u.membership.orgPath).startsWith(org.path)).length;
      const counted = await dailyStats(org.id, '2025-04-01', '2025-04-30');
      expect(counted.reduce((s, r) => s + r.rosterRecords, 0), `roster of ${org.id}`).toBe(records);
      expect(counted.reduce((s, r) => s + r.newMembers + r.memberDelta, 0), `members of ${org.id}`).toBe(members);
    }
    expect(items.filter((u) => String(u.membership?.orgPath ?? '').startsWith(county.path) && u.membership.status === 'active')).toHaveLength(14);
    // Every bound member holds their record's union, and the record's binding names them.
    for (const p of people.slice(11, 25)) {
      const binding = await roster.binding(idNumberIndex(p.id));
      const user = items.find((u) => u.id === binding?.userId);
      expect(user?.membership).toMatchObject({ status: 'active', orgId: p.union, memberNo: binding?.memberNo });
    }
  });
});
