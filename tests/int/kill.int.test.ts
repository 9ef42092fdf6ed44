/**
 * A handler killed mid-request leaves no partial state: a process redeeming and cancelling in a loop
 * is SIGKILLed at a random moment, three times; every state change is one transaction, so afterwards
 * stock + live orders still equals the initial stock and every balance equals its ledger sum.
 */
import { describe, expect, it } from 'vitest';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { UsersRepository, newProfile } from '../../functions/src/repositories/users';
import { ledgerPostingItems } from '../../functions/src/repositories/points';
import { transact } from '../../functions/src/lib/transact';
import { myOrders, publishGoods } from '../../functions/src/usecases/mall';
import { deps as mallDeps } from '../../functions/src/handlers/mall';

const users = new UsersRepository();
const deps = mallDeps;

async function member() {
  const id = randomUUID();
  await users.createForOpenid({ ...newProfile(id, `kill-${id}`, undefined, new Date()), membership: { status: 'active', orgId: 'xa-yt-qy', orgName: '陕西秦云软件有限公司工会', orgPath: '/sx/xa/xa-yt/xa-yt-qy/', memberNo: 'KILL' } });
  await transact(ledgerPostingItems({ id, balance: 0, ledgerSeq: 0, signInStreak: 0 }, { delta: 10_000, reason: 'test', refType: 'adjustment', refId: 'kill', at: new Date() }).steps);
  return id;
}

describe('a killed handler', () => {
  it('leaves no partial state (SIGKILL at random moments, three times)', { timeout: 120_000 }, async () => {
    const ids = await Promise.all([member(), member(), member()]);
    const goods = await publishGoods(deps, 'u-cadre-province', { name: '断电测试', description: '', pointsPrice: 10, stock: 500, perMemberLimit: 100, orgId: 'xa', fulfilment: 'pickup' }, new Date());
    for (let round = 0; round < 3; round++) {
      const child = fork(join(import.meta.dirname, 'fixtures', 'redeem-loop.ts'), [goods.id, ...ids], { execArgv: ['--import', 'tsx'], env: process.env, stdio: 'ignore' });
      await new Promise<void>((resolve) => child.once('message', () => resolve()));
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    let live = 0;
    let orders = 0;
    for (const id of ids) {
      const state = (await deps.points.state(id))!;
      const ledger = await deps.points.ledger(id, 100);
      expect(state.balance).toBe(ledger.items.reduce((s, e) => s + e.delta, 0));
      const mine = (await myOrders(deps, id, { limit: 100 })).items;
      orders += mine.length;
      live += mine.filter((o) => o.status !== 'cancelled').reduce((s, o) => s + o.quantity, 0);
      // Every order's points left the balance exactly once, and came back once if cancelled.
      const spent = mine.reduce((s, o) => s + (o.status === 'cancelled' ? 0 : o.pointsSpent), 0);
      expect(state.balance).toBe(10_000 - spent);
    }
    expect(orders).toBeGreaterThan(0); // the child really worked before it was killed
    expect((await deps.mall.goods(goods.id))!.stock + live).toBe(500);
  });
});
