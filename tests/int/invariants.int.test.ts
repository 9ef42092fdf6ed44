/**
 * The points invariants under random concurrent interleavings (fast-check): sign-ins, redemptions,
 * cancellations, 核销, activity signups/cancellations/check-ins, cadre adjustments and 注销 by several
 * members, fired in concurrent batches against DynamoDB Local through the real use cases. After each
 * run: every remaining member's balance equals its ledger sum and is never negative, a deleted member's
 * kept ledger sums to 0 and holds no open order; stock + live orders = initial stock;
 * nobody holds more than the per-member limit; confirmed signups never exceed capacity.
 * A failing run prints its seed (FC_SEED=… replays it).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { chinaIso } from '@union/shared/china-day';
import { UsersRepository, newProfile } from '../../functions/src/repositories/users';
import { ledgerPostingItems } from '../../functions/src/repositories/points';
import { transact } from '../../functions/src/lib/transact';
import { AppError } from '../../functions/src/lib/errors';
import { signInRule } from '../../functions/src/config';
import { signInToday } from '../../functions/src/usecases/sign-in';
import { cancelMyOrder, myOrders, publishGoods, redeemGoods, verifyPickup } from '../../functions/src/usecases/mall';
import { cancelSignup, checkIn, publishActivity, signUp } from '../../functions/src/usecases/activities';
import { issueCheckInCode } from '../../functions/src/lib/check-in-code';
import { adjustPoints } from '../../functions/src/usecases/points-adjustment';
import { deps as mallDeps } from '../../functions/src/handlers/mall';
import { deps as activityDeps } from '../../functions/src/handlers/activities';
import { deps as accountDeps } from '../../functions/src/handlers/account';
import { deleteMyAccount } from '../../functions/src/usecases/account';

const users = new UsersRepository();
const mall = mallDeps;
const acts = activityDeps;
const CADRE = 'u-cadre-province';

async function member(points: number) {
  const id = randomUUID();
  await users.createForOpenid({ ...newProfile(id, `inv-${id}`, undefined, new Date()), membership: { status: 'active', orgId: 'xa-yt-qy', orgName: '陕西秦云软件有限公司工会', orgPath: '/sx/xa/xa-yt/xa-yt-qy/', memberNo: 'INV' } });
  if (points) await transact(ledgerPostingItems({ id, balance: 0, ledgerSeq: 0, signInStreak: 0 }, { delta: points, reason: 'test', refType: 'adjustment', refId: 'inv', at: new Date() }).steps);
  return id;
}

type Op =
  | { kind: 'signIn'; who: number; dayOffset: number }
  | { kind: 'redeem'; who: number; qty: number }
  | { kind: 'cancelOrder'; who: number }
  | { kind: 'verify'; who: number }
  | { kind: 'signUp'; who: number }
  | { kind: 'cancelSignup'; who: number }
  | { kind: 'checkIn'; who: number }
  | { kind: 'adjust'; who: number; delta: number }
  | { kind: 'delete'; who: number };

const MEMBERS = 5;
const who = fc.integer({ min: 0, max: MEMBERS - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('signIn' as const), who, dayOffset: fc.integer({ min: 0, max: 2 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('redeem' as const), who, qty: fc.integer({ min: 1, max: 3 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('cancelOrder' as const), who }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('verify' as const), who }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('signUp' as const), who }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('cancelSignup' as const), who }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('checkIn' as const), who }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('adjust' as const), who, delta: fc.integer({ min: -80, max: 80 }).filter((d) => d !== 0) }), weight: 4 },
  // 注销 in the middle of everything else (rarer, or few members would be left to act).
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), who }), weight: 1 },
);

/** Domain refusals (409, 403, 503…) are expected outcomes of a random interleaving; anything else is a bug. */
const expected = (e: unknown) => {
  if (e instanceof AppError && e.statusCode < 500) return;
  if (e instanceof AppError && e.code === 'BUSY') return;
  throw e;
};

describe('points invariants under random concurrent interleavings', () => {
  it('hold for every run', { timeout: 240_000 }, async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000);
    console.log(`invariants: fast-check seed ${seed}`);
    await fc.assert(
      // Every run deletes at least one account, concurrently with a batch of other operations.
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 8 }), { minLength: 3, maxLength: 6 }), who, fc.nat(), async (drawn, deleted, at) => {
        const batches = drawn.map((b, i) => (i === at % drawn.length ? [...b, { kind: 'delete' as const, who: deleted }] : b));
        const now = new Date();
        const ids = await Promise.all(Array.from({ length: MEMBERS }, () => member(300)));
        const goods = await publishGoods(mall, CADRE, { name: '不变量商品', description: '', pointsPrice: 40, stock: 6, perMemberLimit: 3, orgId: 'xa', fulfilment: 'pickup' }, now);
        const activity = await publishActivity(acts, CADRE, {
          title: '不变量活动', description: '', location: '职工之家', orgId: 'xa', capacity: 2, waitlist: true, pointsReward: 7,
          startsAt: chinaIso(new Date(now.getTime() - 3600_000)), endsAt: chinaIso(new Date(now.getTime() + 3600_000)),
          signupOpensAt: chinaIso(new Date(now.getTime() - 7200_000)), signupClosesAt: chinaIso(new Date(now.getTime() + 1800_000)),
        }, now);
        const run = async (o: Op) => {
          const userId = ids[o.who];
          const at = new Date();
          switch (o.kind) {
            case 'signIn': return signInToday({ points: mall.points, rule: signInRule() }, userId, new Date(at.getTime() + o.dayOffset * 86_400_000));
            case 'redeem': return redeemGoods(mall, userId, { goodsId: goods.id, quantity: o.qty }, randomUUID(), at);
            case 'cancelOrder': {
              const order = (await myOrders(mall, userId, { limit: 10 })).items.find((x) => x.status === 'awaiting_pickup');
              return order && cancelMyOrder(mall, userId, order.id, at);
            }
            case 'verify': {
              const order = (await myOrders(mall, userId, { limit: 10 })).items.find((x) => x.status === 'awaiting_pickup');
              return order && verifyPickup(mall, CADRE, order.pickupCode, at);
            }
            case 'signUp': return signUp(acts, userId, activity.id, at);
            case 'cancelSignup': return cancelSignup(acts, userId, activity.id, at);
            case 'checkIn': return checkIn(acts, userId, activity.id, issueCheckInCode(activity.id, at).code, at);
            case 'adjust': return adjustPoints(mall, CADRE, { userId, delta: o.delta, reason: '随机调整' }, at);
            case 'delete': return deleteMyAccount(accountDeps, userId, at);
          }
        };
        for (const batch of batches) await Promise.all(batch.map((o) => run(o).catch(expected)));

        let liveQuantity = 0;
        for (const userId of ids) {
          const state = await mall.points.state(userId);
          const ledger = await mall.points.ledger(userId, 100);
          // A deleted member (no profile): the kept ledger closes at 0 and nothing waits for pickup.
          const balance = state?.balance ?? 0;
          expect(balance).toBe(ledger.items.reduce((s, e) => s + e.delta, 0));
          expect(balance).toBeGreaterThanOrEqual(0);
          if (ledger.items.length) expect(ledger.items[0].balanceAfter).toBe(balance);
          const live = (await myOrders(mall, userId, { limit: 100 })).items.filter((o) => o.goodsId === goods.id && o.status !== 'cancelled');
          if (!state) expect(live.filter((o) => o.status === 'awaiting_pickup')).toEqual([]);
          const held = live.reduce((s, o) => s + o.quantity, 0);
          expect(held).toBeLessThanOrEqual(3);
          liveQuantity += held;
        }
        const after = (await mall.mall.goods(goods.id))!;
        expect(after.stock + liveQuantity).toBe(6);
        const a = (await acts.activities.get(activity.id))!;
        const signups = await acts.activities.signups(activity.id);
        const confirmed = signups.filter((s) => s.status === 'confirmed').length;
        expect(confirmed).toBeLessThanOrEqual(2);
        expect(a.confirmedCount).toBe(confirmed);
        expect(a.waitlistCount).toBe(signups.filter((s) => s.status === 'waitlisted').length);
      }),
      { numRuns: 8, seed, endOnFailure: true },
    );
  });
});
