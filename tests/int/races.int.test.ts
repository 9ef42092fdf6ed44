/**
 * Races between a read and the transaction it feeds (issue 12 items 4, 5, 15), made deterministic by
 * committing the competing change right after the use case's read — through a repository wrapper —
 * against DynamoDB Local. The transaction's conditions must notice; a read-then-write would not.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { UsersRepository, newProfile } from '../../functions/src/repositories/users';
import { ledgerPostingItems, PointsRepository } from '../../functions/src/repositories/points';
import { MallRepository } from '../../functions/src/repositories/mall';
import { ActivitiesRepository } from '../../functions/src/repositories/activities';
import { transact } from '../../functions/src/lib/transact';
import { AppError } from '../../functions/src/lib/errors';
import { issueCheckInCode } from '../../functions/src/lib/check-in-code';
import { editGoods, publishGoods, redeemGoods } from '../../functions/src/usecases/mall';
import { activityDetail, cancelActivity, checkIn, editActivity, publishActivity, signUp } from '../../functions/src/usecases/activities';
import { deps as mallDepsOf } from '../../functions/src/handlers/admin-mall';
import { deps as activityDepsOf } from '../../functions/src/handlers/admin-activities';

const mallDeps = () => mallDepsOf;
const activityDeps = () => activityDepsOf;

const users = new UsersRepository();
const points = new PointsRepository();
const CADRE = 'u-cadre-province';

async function member(balance: number) {
  const id = randomUUID();
  await users.createForOpenid({ ...newProfile(id, `race-${id}`, undefined, new Date()), membership: { status: 'active', orgId: 'xa-yt-qy', orgName: '陕西秦云软件有限公司工会', orgPath: '/sx/xa/xa-yt/xa-yt-qy/', memberNo: 'RACE' } });
  if (balance) await transact(ledgerPostingItems({ id, balance: 0, ledgerSeq: 0, signInStreak: 0 }, { delta: balance, reason: 'test', refType: 'adjustment', refId: 'race', at: new Date() }).steps);
  return id;
}

const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

describe('price race (item 15)', () => {
  it('a price change committed between the read and the transaction is charged at the new price', async () => {
    const deps = mallDeps();
    const goods = await publishGoods(deps, CADRE, { name: '调价商品', description: '', pointsPrice: 100, stock: 5, perMemberLimit: 2, orgId: 'xa', fulfilment: 'pickup' }, new Date());
    const buyer = await member(1000);
    // The cadre raises the price to 300 just after the redemption read the goods (once).
    let raised = false;
    const racing = Object.assign(Object.create(MallRepository.prototype) as MallRepository, {
      goods: async (id: string) => {
        const read = await deps.mall.goods(id);
        if (!raised) {
          raised = true;
          await editGoods(deps, CADRE, goods.id, { pointsPrice: 300 }, new Date());
        }
        return read;
      },
    });
    const order = await redeemGoods({ ...deps, mall: racing }, buyer, { goodsId: goods.id, quantity: 1 }, randomUUID(), new Date());
    expect(raised).toBe(true);
    expect(order.pointsSpent).toBe(300);
    expect((await points.state(buyer))?.balance).toBe(700);
  });
});

describe('check-in against a cancelled activity (item 5)', () => {
  it('a code fetched before the cancellation awards nothing once it is cancelled', async () => {
    const deps = activityDeps();
    const now = new Date();
    const activity = await publishActivity(deps, CADRE, {
      title: '取消后签到', description: '', orgId: 'xa', location: '会议室', capacity: 5, waitlist: false, pointsReward: 50,
      startsAt: iso(-3600_000), endsAt: iso(3600_000), signupOpensAt: iso(-7200_000), signupClosesAt: iso(1800_000),
    }, now);
    const who = await member(0);
    expect((await signUp(deps, who, activity.id, now)).status).toBe('confirmed');
    const { code } = issueCheckInCode(activity.id, now);
    // The organiser cancels right after the check-in read the activity.
    const racing = Object.assign(Object.create(ActivitiesRepository.prototype) as ActivitiesRepository, {
      get: async (id: string) => {
        const read = await deps.activities.get(id);
        if (read?.status === 'published') await cancelActivity(deps, CADRE, id, new Date());
        return read;
      },
    });
    await expect(checkIn({ ...deps, activities: racing }, who, activity.id, code, now)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await points.state(who))?.balance).toBe(0);
    expect((await deps.activities.signup(activity.id, who))?.checkedInAt).toBeUndefined();
  });

  it('outside the activity\'s days the transaction refuses too, whatever the read said', async () => {
    const deps = activityDeps();
    const now = new Date();
    const activity = await publishActivity(deps, CADRE, {
      title: '改期后签到', description: '', orgId: 'xa', location: '会议室', capacity: 5, waitlist: false, pointsReward: 50,
      startsAt: iso(-3600_000), endsAt: iso(3600_000), signupOpensAt: iso(-7200_000), signupClosesAt: iso(1800_000),
    }, now);
    const who = await member(0);
    await signUp(deps, who, activity.id, now);
    const { code } = issueCheckInCode(activity.id, now);
    // Moved to next week right after the read.
    const racing = Object.assign(Object.create(ActivitiesRepository.prototype) as ActivitiesRepository, {
      get: async (id: string) => {
        const read = await deps.activities.get(id);
        if (read && read.startsAt < iso(86400_000)) {
          await editActivity(deps, CADRE, id, { startsAt: iso(7 * 86400_000), endsAt: iso(7 * 86400_000 + 3600_000) }, new Date());
        }
        return read;
      },
    });
    await expect(checkIn({ ...deps, activities: racing }, who, activity.id, code, now)).rejects.toBeInstanceOf(AppError);
    expect((await points.state(who))?.balance).toBe(0);
  });
});

describe('raising capacity (item 4)', () => {
  it('promotes the waiters in order; newcomers arriving meanwhile queue behind them', { timeout: 120_000 }, async () => {
    const deps = activityDeps();
    const now = new Date();
    const activity = await publishActivity(deps, CADRE, {
      title: '扩容活动', description: '', orgId: 'xa', location: '礼堂', capacity: 2, waitlist: true, pointsReward: 0,
      startsAt: iso(86400_000), endsAt: iso(90000_000), signupOpensAt: iso(-3600_000), signupClosesAt: iso(80000_000),
    }, now);
    const first = [await member(0), await member(0)];
    for (const u of first) expect((await signUp(deps, u, activity.id, now)).status).toBe('confirmed');
    const waiters: string[] = [];
    for (let i = 0; i < 5; i++) {
      const u = await member(0);
      expect(await signUp(deps, u, activity.id, now)).toEqual({ status: 'waitlisted', position: i + 1 });
      waiters.push(u);
    }
    const newcomers = await Promise.all(Array.from({ length: 8 }, () => member(0)));
    // The cadre raises capacity 2 → 5 while eight newcomers sign up at once.
    const [, ...answers] = await Promise.all([
      editActivity(deps, CADRE, activity.id, { capacity: 5 }, now),
      ...newcomers.map((u) => signUp(deps, u, activity.id, now)),
    ]);
    expect(answers.every((a) => a.status === 'waitlisted')).toBe(true);
    const statusOf = async (u: string) => (await deps.activities.signup(activity.id, u))?.status;
    expect(await Promise.all(waiters.map(statusOf))).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    const after = await activityDetail(deps, waiters[3], activity.id);
    expect(after).toMatchObject({ capacity: 5, confirmedCount: 5, waitlistCount: 2 + newcomers.length });
    expect(after.mySignup).toMatchObject({ status: 'waitlisted', position: 1 });
  });

  it('a place left free with people waiting is taken by the first waiter, not a newcomer', async () => {
    const deps = activityDeps();
    const now = new Date();
    const activity = await publishActivity(deps, CADRE, {
      title: '空位活动', description: '', orgId: 'xa', location: '礼堂', capacity: 1, waitlist: true, pointsReward: 0,
      startsAt: iso(86400_000), endsAt: iso(90000_000), signupOpensAt: iso(-3600_000), signupClosesAt: iso(80000_000),
    }, now);
    const [a, b, c] = [await member(0), await member(0), await member(0)];
    await signUp(deps, a, activity.id, now);
    expect((await signUp(deps, b, activity.id, now)).status).toBe('waitlisted');
    // Capacity raised by a writer that stopped before promoting (a crashed Lambda): raw update.
    await deps.activities.update(activity.id, { capacity: 2 }, { actorUserId: CADRE, actorOrgId: 'sx', action: 'activity.update', objectType: 'activity', objectId: activity.id, orgId: 'xa', orgPath: '/sx/xa/', at: now });
    expect((await signUp(deps, c, activity.id, now)).status).toBe('waitlisted');
    expect((await deps.activities.signup(activity.id, b))?.status).toBe('confirmed');
  });
});
