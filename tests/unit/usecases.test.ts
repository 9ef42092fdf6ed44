/**
 * Use cases with fakes of their ports and a fixed clock (Prepare / Act / Assess): the rules of
 * redemption, signup with its waiting list, and join approval, without DynamoDB. The repositories'
 * side of the same rules is tested against DynamoDB Local (tests/int, tests/api).
 */
import { describe, expect, it } from 'vitest';
import { redeemGoods } from '../../functions/src/usecases/mall';
import { cancelSignup, signUp } from '../../functions/src/usecases/activities';
import { approveJoinRequest } from '../../functions/src/usecases/join';
import {
  activity, BEIJING_NOON, FakeActivities, FakeInbox, FakeMall, FakeMembers, FakeMembership, goods, joinRequest, member, notifier,
} from './fakes/ports';

function mallWith(...shelf: ReturnType<typeof goods>[]) {
  const members = new FakeMembers(new Map([['u-member', member()]]));
  const mall = new FakeMall(new Map(shelf.map((g) => [g.id, g])), members);
  // The fake mall keeps no lots: which lots a spend takes is tested against DynamoDB Local (tests/int/lots.int.test.ts).
  return { members, mall, deps: { mall, users: members, points: { lots: async () => [] } } };
}

describe('redeemGoods', () => {
  it('takes the points and the stock once and answers an order awaiting pickup, timed in China', async () => {
    // Prepare
    const { deps, mall, members } = mallWith(goods({ pointsPrice: 30, stock: 5 }));
    // Act
    const order = await redeemGoods(deps, 'u-member', { goodsId: 'g-1', quantity: 2 }, 'key-1', BEIJING_NOON);
    // Assess
    expect(order).toMatchObject({ status: 'awaiting_pickup', quantity: 2, pointsSpent: 60, createdAt: '2026-11-24T12:00:00.000+08:00' });
    expect(order.pickupCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(mall.shelf.get('g-1')!.stock).toBe(3);
    expect((await members.profile('u-member'))!.balance).toBe(40);
  });

  it('the same Idempotency-Key answers the first order; with another body it is refused', async () => {
    const { deps, mall } = mallWith(goods());
    const first = await redeemGoods(deps, 'u-member', { goodsId: 'g-1', quantity: 1 }, 'key-1', BEIJING_NOON);
    const again = await redeemGoods(deps, 'u-member', { goodsId: 'g-1', quantity: 1 }, 'key-1', BEIJING_NOON);
    const otherBody = redeemGoods(deps, 'u-member', { goodsId: 'g-1', quantity: 2 }, 'key-1', BEIJING_NOON);
    expect(again.id).toBe(first.id);
    await expect(otherBody).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', statusCode: 409 });
    expect(mall.orders.size).toBe(1);
  });

  it('reads again when the balance moved between its read and the write, and spends from the new balance', async () => {
    const { deps, mall, members } = mallWith(goods({ pointsPrice: 30 }));
    mall.racesToLose = 2;
    const order = await redeemGoods(deps, 'u-member', { goodsId: 'g-1', quantity: 1 }, 'key-1', BEIJING_NOON);
    expect(order.status).toBe('awaiting_pickup');
    expect((await members.profile('u-member'))!.balance).toBe(100 + 2 * 5 - 30);
    expect(mall.orders.size).toBe(1);
  });

  it('names why it refuses: off the shelf, sold out, over the limit, too few points, not a member, out of scope', async () => {
    const refusals = await Promise.all([
      redeemGoods(mallWith(goods({ status: 'off_shelf' })).deps, 'u-member', { goodsId: 'g-1', quantity: 1 }, 'k', BEIJING_NOON).catch((e) => e.code),
      redeemGoods(mallWith(goods({ stock: 0 })).deps, 'u-member', { goodsId: 'g-1', quantity: 1 }, 'k', BEIJING_NOON).catch((e) => e.code),
      redeemGoods(mallWith(goods({ perMemberLimit: 1 })).deps, 'u-member', { goodsId: 'g-1', quantity: 2 }, 'k', BEIJING_NOON).catch((e) => e.code),
      redeemGoods(mallWith(goods({ pointsPrice: 101 })).deps, 'u-member', { goodsId: 'g-1', quantity: 1 }, 'k', BEIJING_NOON).catch((e) => e.code),
      redeemGoods(mallWith(goods({ orgPath: '/sx/bj/' })).deps, 'u-member', { goodsId: 'g-1', quantity: 1 }, 'k', BEIJING_NOON).catch((e) => e.code),
      redeemGoods(mallWith(goods()).deps, 'u-member', { goodsId: 'missing', quantity: 1 }, 'k', BEIJING_NOON).catch((e) => e.code),
    ]);
    expect(refusals).toEqual(['INVALID_STATE', 'OUT_OF_STOCK', 'LIMIT_REACHED', 'INSUFFICIENT_POINTS', 'OUT_OF_SCOPE', 'NOT_FOUND']);

    const { deps, members } = mallWith(goods());
    members.users.set('u-member', member({ membership: { status: 'none' } }));
    await expect(redeemGoods(deps, 'u-member', { goodsId: 'g-1', quantity: 1 }, 'k', BEIJING_NOON)).rejects.toMatchObject({ code: 'NOT_A_MEMBER' });
  });
});

describe('signUp and cancelSignup: places, waiting list, promotion', () => {
  function activityWith(capacity: number) {
    const people = ['u-a', 'u-b', 'u-c', 'u-d'].map((id) => [id, member({ id, nickname: id })] as const);
    const users = new FakeMembers(new Map(people));
    const activities = new FakeActivities(activity({ capacity }));
    const inbox = new FakeInbox();
    return { activities, inbox, deps: { activities, users, notifier: notifier(inbox) } };
  }

  it('confirms while places last, then queues in arrival order with each one’s position', async () => {
    // Prepare
    const { deps } = activityWith(2);
    // Act
    const answers = [];
    for (const id of ['u-a', 'u-b', 'u-c', 'u-d']) answers.push(await signUp(deps, id, 'a-1', BEIJING_NOON));
    // Assess
    expect(answers).toEqual([{ status: 'confirmed' }, { status: 'confirmed' }, { status: 'waitlisted', position: 1 }, { status: 'waitlisted', position: 2 }]);
  });

  it('a confirmed member cancelling hands the place to the first in line, who is told', async () => {
    const { deps, activities, inbox } = activityWith(1);
    for (const id of ['u-a', 'u-b', 'u-c']) await signUp(deps, id, 'a-1', BEIJING_NOON);
    await cancelSignup(deps, 'u-a', 'a-1', BEIJING_NOON);
    expect([...activities.signups.values()].map((s) => [s.userId, s.status])).toEqual([['u-a', 'cancelled'], ['u-b', 'confirmed'], ['u-c', 'waitlisted']]);
    expect(inbox.messages).toMatchObject([{ userId: 'u-b', message: { title: '候补成功' }, at: BEIJING_NOON }]);
    expect(activities.a).toMatchObject({ confirmedCount: 1, waitlistCount: 1 });
  });

  it('refuses twice, outside the signup window, and without a waiting list when full', async () => {
    const { deps } = activityWith(1);
    await signUp(deps, 'u-a', 'a-1', BEIJING_NOON);
    await expect(signUp(deps, 'u-a', 'a-1', BEIJING_NOON)).rejects.toMatchObject({ code: 'ALREADY_SIGNED_UP' });
    await expect(signUp(deps, 'u-b', 'a-1', new Date('2026-11-30T10:00:00Z'))).rejects.toMatchObject({ code: 'SIGNUP_CLOSED' }); // 18:00 China time
    deps.activities.a.waitlist = false;
    await expect(signUp(deps, 'u-b', 'a-1', BEIJING_NOON)).rejects.toMatchObject({ code: 'SIGNUP_CLOSED', message: '名额已满' });
  });
});

describe('approveJoinRequest', () => {
  function review() {
    const cadre = member({ id: 'u-cadre', membership: { status: 'active', orgId: 'xa', orgPath: '/sx/xa/' } });
    const users = new FakeMembers(
      new Map([['u-cadre', cadre], ['u-applicant', member({ id: 'u-applicant', membership: { status: 'pending' } })]]),
      new Map([['u-cadre', [{ role: 'cadre', orgId: 'xa', orgName: '西安市总工会', orgPath: '/sx/xa/' }]]]),
    );
    const membership = new FakeMembership(new Map([['j-1', joinRequest()]]), users);
    const inbox = new FakeInbox();
    return { users, membership, inbox, deps: { users, membership, notifier: notifier(inbox) } };
  }

  it('a cadre above the union approves: a member number, an audit record at China time, the applicant told', async () => {
    // Prepare
    const { deps, users, membership, inbox } = review();
    // Act
    const answer = await approveJoinRequest(deps, 'u-cadre', 'j-1', BEIJING_NOON);
    // Assess
    expect(answer).toEqual({ id: 'j-1', status: 'approved', memberNo: 'SX70000001' });
    expect((await users.profile('u-applicant'))!.membership).toMatchObject({ status: 'active', orgId: 'xa-yt-qy', memberNo: 'SX70000001' });
    expect(membership.requests.get('j-1')).toMatchObject({ status: 'approved', decidedBy: 'u-cadre', decidedAt: '2026-11-24T12:00:00.000+08:00' });
    expect(membership.audit).toMatchObject([{ actorUserId: 'u-cadre', actorOrgId: 'xa', action: 'join_request.approve', at: BEIJING_NOON }]);
    expect(inbox.messages).toMatchObject([{ userId: 'u-applicant', message: { kind: 'join_result', title: '入会申请已通过' } }]);
  });

  it('a decided request cannot be decided again; non-cadres and cadres beside the union are refused', async () => {
    const { deps, users } = review();
    await approveJoinRequest(deps, 'u-cadre', 'j-1', BEIJING_NOON);
    await expect(approveJoinRequest(deps, 'u-cadre', 'j-1', BEIJING_NOON)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(approveJoinRequest(deps, 'u-applicant', 'j-1', BEIJING_NOON)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    users.roles.set('u-cadre', [{ role: 'cadre', orgId: 'bj', orgName: '宝鸡市总工会', orgPath: '/sx/bj/' }]);
    await expect(approveJoinRequest(deps, 'u-cadre', 'j-1', BEIJING_NOON)).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
  });
});
