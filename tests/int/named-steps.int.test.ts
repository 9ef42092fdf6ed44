/**
 * A failed condition is named by the step that carries it, from the item as it was (ALL_OLD), with no
 * re-read: goods taken off the shelf between a member's read and their redemption's transaction answer
 * INVALID_STATE, goods sold out OUT_OF_STOCK — not one code for both.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { MallRepository } from '../../functions/src/repositories/mall';
import { PointsRepository } from '../../functions/src/repositories/points';
import { UsersRepository, newProfile } from '../../functions/src/repositories/users';
import { newPickupCode, type StoredGoods, type StoredOrder } from '../../functions/src/entities/mall';

const mall = new MallRepository();
const points = new PointsRepository();
const users = new UsersRepository();
const orgPath = '/sx/xa/xa-yt/xa-yt-qy/';
const audit = (id: string) => ({ actorUserId: 'u-cadre-province', actorOrgId: 'sx', action: 'goods.update' as const, objectType: 'goods', objectId: id, orgId: 'xa', orgPath: '/sx/xa/', at: new Date() });

async function shelved(stock: number): Promise<StoredGoods> {
  const g: StoredGoods = {
    id: randomUUID(), name: '命名步骤', description: '', imageUrl: '', pointsPrice: 0, stock, perMemberLimit: 5, orgId: 'xa', orgName: '西安市总工会',
    orgPath: '/sx/xa/', fulfilment: 'pickup', status: 'on_shelf', createdAt: new Date().toISOString(),
  };
  await mall.createGoods(g);
  return g;
}

async function attempt(goods: StoredGoods) {
  const userId = randomUUID();
  await users.createForOpenid({ ...newProfile(userId, `steps-${userId}`, undefined, new Date()), membership: { status: 'active', orgId: 'xa-yt-qy', orgName: '秦云', orgPath, memberNo: 'STEPS' } });
  const state = (await points.state(userId))!;
  const order: StoredOrder = {
    id: randomUUID(), userId, goodsId: goods.id, goodsName: goods.name, goodsImageUrl: '', quantity: 1, pointsSpent: 0, status: 'awaiting_pickup',
    pickupCode: newPickupCode(), orgId: goods.orgId, orgName: goods.orgName, orgPath: goods.orgPath, memberName: 'x', memberOrgPath: orgPath,
    createdAt: new Date().toISOString(), sortAt: new Date().toISOString(),
  };
  return mall.redeem({ state, order, goods, idempotencyKey: randomUUID(), fingerprint: 'f', memberOrgPath: orgPath, at: new Date() });
}

describe('named transaction steps against DynamoDB Local', () => {
  it('goods taken off the shelf after they were read → INVALID_STATE; sold out → OUT_OF_STOCK', async () => {
    // Prepare: both read while on the shelf with stock
    const offShelf = await shelved(3);
    const soldOut = await shelved(1);
    await mall.updateGoods(offShelf.id, { status: 'off_shelf' }, undefined, audit(offShelf.id));
    await mall.updateGoods(soldOut.id, {}, -1, audit(soldOut.id));
    // Act
    const answers = await Promise.all([attempt(offShelf).catch((e) => e.code), attempt(soldOut).catch((e) => e.code)]);
    // Assess
    expect(answers).toEqual(['INVALID_STATE', 'OUT_OF_STOCK']);
    expect((await mall.goods(offShelf.id))!.stock).toBe(3);
  });
});
