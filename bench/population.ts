/**
 * A realistic population for the benches, on top of the demo seed: MEMBERS members spread over UNIONS
 * basic unions (new ones under the demo counties), each with points and a `dev:<prefix>-<i>` login;
 * goods with plenty of stock and open activities on every member's chain (the province's).
 * Written the way the app writes them (ledger postings, member counters), in parallel batches.
 * The process environment must name the table before this is imported (see harness.ts).
 */
import { BatchWriteItemCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { Org } from '@union/shared/orgs';
import { chinaIso } from '@union/shared/china-day';
import { dynamo, tableName } from '../functions/src/lib/dynamo';
import { transact } from '../functions/src/lib/transact';
import { orgWriteRequests } from '../functions/src/repositories/orgs';
import { ledgerPostingItems } from '../functions/src/repositories/points';
import { newProfile, profileItem } from '../functions/src/repositories/users';
import { memberNoItem, openidItem } from '../functions/src/entities/user';
import { MallRepository } from '../functions/src/repositories/mall';
import { ActivitiesRepository } from '../functions/src/repositories/activities';
import { flattenTree } from '../scripts/lib/seed';

async function batchWrite(requests: WriteRequest[]): Promise<void> {
  const chunks = Array.from({ length: Math.ceil(requests.length / 25) }, (_, i) => requests.slice(i * 25, i * 25 + 25));
  await inParallel(chunks, 8, async (chunk) => {
    let pending: WriteRequest[] | undefined = chunk;
    while (pending?.length) {
      const out: { UnprocessedItems?: Record<string, WriteRequest[]> } = await dynamo().send(new BatchWriteItemCommand({ RequestItems: { [tableName()]: pending } }));
      pending = out.UnprocessedItems?.[tableName()];
    }
  });
}

export async function inParallel<T>(items: T[], width: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}

export interface Population {
  /** Login codes of the members, `dev:<prefix>-<i>`; user ids `u-<prefix>-<i>`. */
  logins: string[];
  userIds: string[];
  goodsIds: string[];
  activityIds: string[];
}

export async function seedPopulation(opts: { members: number; unions: number; points: number; prefix?: string;
  /** Put the points on the profile without a ledger entry (fast; for benches that never read the ledger). */
  directBalance?: boolean; goods?: { stock: number; perMemberLimit: number }[]; activities?: number }): Promise<Population> {
  const prefix = opts.prefix ?? 'pop';
  const now = new Date();
  const counties = flattenTree().filter((o) => o.level === 'county');
  const unions: Org[] = Array.from({ length: opts.unions }, (_, k) => {
    const parent = counties[k % counties.length];
    return { id: `${prefix}-u${k}`, name: `压测第${k}号企业工会`, level: 'basic', parentId: parent.id, path: `${parent.path}${prefix}-u${k}/` };
  });
  const perUnion = (k: number) => Math.floor(opts.members / opts.unions) + (k < opts.members % opts.unions ? 1 : 0);
  await batchWrite(unions.flatMap((o, k) => orgWriteRequests(o, 100 + k, { activeMembers: perUnion(k) })));

  const userIds = Array.from({ length: opts.members }, (_, i) => `u-${prefix}-${i}`);
  await batchWrite(userIds.flatMap((id, i) => {
    const union = unions[i % opts.unions];
    const memberNo = `${prefix.toUpperCase()}${String(i).padStart(7, '0')}`;
    const profile = {
      ...newProfile(id, `dev-${prefix}-${i}`, undefined, now),
      nickname: `会员${i}`,
      ...(opts.directBalance ? { balance: opts.points } : {}),
      membership: { status: 'active' as const, orgId: union.id, orgName: union.name, orgPath: union.path, memberNo },
    };
    return [{ PutRequest: { Item: openidItem(profile.openid, id) } }, { PutRequest: { Item: profileItem(profile) } }, { PutRequest: { Item: memberNoItem(memberNo, id) } }];
  }));
  if (!opts.directBalance) await inParallel(userIds, 8, async (id) => {
    await transact(ledgerPostingItems({ id, balance: 0, ledgerSeq: 0, signInStreak: 0 }, { delta: opts.points, reason: '开通积分账户赠送', refType: 'adjustment', refId: 'welcome', at: now }).steps);
  });

  const province = flattenTree()[0];
  const mall = new MallRepository();
  const goodsIds: string[] = [];
  for (const [i, g] of (opts.goods ?? [{ stock: 100_000, perMemberLimit: 5 }]).entries()) {
    const id = `${prefix}-goods-${i}`;
    await mall.createGoods({
      id, name: `压测商品${i}`, description: '压测', imageUrl: '', pointsPrice: 10, stock: g.stock, perMemberLimit: g.perMemberLimit,
      orgId: province.id, orgName: province.name, orgPath: province.path, fulfilment: 'pickup', status: 'on_shelf', createdAt: chinaIso(now),
    });
    goodsIds.push(id);
  }
  const activities = new ActivitiesRepository();
  const activityIds: string[] = [];
  const day = 86_400_000;
  for (let i = 0; i < (opts.activities ?? 3); i++) {
    const id = `${prefix}-activity-${i}`;
    await activities.create({
      id, title: `压测活动${i}`, description: '压测', orgId: province.id, orgName: province.name, orgPath: province.path, location: '省工人文化宫',
      startsAt: chinaIso(new Date(now.getTime() + (i + 3) * day)), endsAt: chinaIso(new Date(now.getTime() + (i + 3) * day + 3_600_000)),
      signupOpensAt: chinaIso(new Date(now.getTime() - day)), signupClosesAt: chinaIso(new Date(now.getTime() + 2 * day)),
      capacity: opts.members * 2, confirmedCount: 0, waitlistCount: 0, checkedInCount: 0, pointsReward: 5, waitlist: true, status: 'published', createdAt: chinaIso(now),
    });
    activityIds.push(id);
  }
  return { logins: userIds.map((_, i) => `dev:${prefix}-${i}`), userIds, goodsIds, activityIds };
}
