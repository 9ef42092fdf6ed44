/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { Goods, OrderPage } from '@union/shared/mall';
import { TEST_H5 } from '../setup/ports';
import { call } from '../api/client';
import { newMember } from '../api/fixtures';
import { ARTEFACTS, scrollUntil, textOf, usePhones, visible } from './browser';

const phones = usePhones();
const phoneAs = phones.as;
const balanceOf = async (token: string) => (await call('GET', '/v1/me', { token })).body.points.balance as number;
const ordersOf = async (token: string) => OrderPage.parse((await call('GET', '/v1/me/redemptions', { token })).body).items;
const stockOf = async (token: string, id: string) => Goods.parse((await call('GET', `/v1/goods/${id}`, { token })).body).stock;

/** Every POST /v1/redemptions the page sends. */
function redemptionPosts(page: Page): string[] {
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/v1/redemptions')) posts.push(r.headers()['idempotency-key'] ?? '');
  });
  return posts;
}

async function openGoods(page: Page, name: string) {
  await scrollUntil(page, `.mall-goods:has-text("${name}")`);
  await visible(page, `.mall-goods:has-text("${name}")`).click();
  await expect.poll(() => textOf(page, '.detail-name'), { timeout: 15_000 }).toBe(name);
}

describe('H5: the points mall', () => {
  it('a member redeems, shows the pickup QR code, a cadre verifies it, the member sees 已核销', { timeout: 150_000 }, async () => {
    const member = await newMember(300);
    const stockBefore = await stockOf(member.token, 'demo-goods-3');

    // 1. The 商城 tab: balance and the goods of the member's chain.
    const phone = await phoneAs(member.name);
    await phone.goto(`${TEST_H5}/#/pages/mall/index`);
    await expect.poll(() => textOf(phone, '.mall-balance'), { timeout: 20_000 }).toBe('300');
    await expect.poll(() => phone.locator('.mall-goods:visible').count()).toBeGreaterThanOrEqual(4);
    await scrollUntil(phone, '.mall-goods:has-text("西安城墙景区门票")');
    const card = await textOf(phone, '.mall-goods:has-text("西安城墙景区门票")');
    expect(card).toContain('120');
    expect(card).toContain('每人限兑 2');
    await phone.waitForTimeout(300);
    await phone.screenshot({ path: join(ARTEFACTS, 'mall-grid.png'), fullPage: true });

    // 2. Detail: two tickets (the stepper stops at the limit), confirm sheet with cost against balance.
    await openGoods(phone, '西安城墙景区门票');
    await phone.waitForTimeout(400); // the page's slide-in
    await phone.screenshot({ path: join(ARTEFACTS, 'mall-detail.png'), fullPage: true });
    const plus = visible(phone, '.detail-stepper .nut-inputnumber-add');
    await plus.click();
    await plus.click(); // over the limit: stays at 2
    await expect.poll(() => phone.locator('.detail-stepper input:visible').first().inputValue()).toBe('2');
    expect(await textOf(phone, '.detail-bar-cost')).toBe('240');
    const posts = redemptionPosts(phone);
    await visible(phone, '.detail-redeem').click();
    const sheet = await textOf(phone, '.redeem-sheet-body');
    expect(sheet).toContain('240');
    expect(sheet).toContain('300');
    expect(await textOf(phone, '.redeem-sheet-after')).toBe('60');
    await phone.waitForTimeout(400); // the sheet's slide-in
    await phone.screenshot({ path: join(ARTEFACTS, 'mall-confirm.png') });
    await visible(phone, '.redeem-confirm').click();

    // 3. The order page: pickup code in big type and as a QR code.
    await visible(phone, '.order-pickup').waitFor({ timeout: 15_000 });
    expect(phone.url()).toContain('/packages/mall/order/index');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await textOf(phone, '.order-status-title')).toContain('待领取');
    const code = (await textOf(phone, '.order-code')).replace(/\s/g, '');
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(await phone.locator('.order-qr:visible .qr-code-dark').count()).toBeGreaterThan(100);
    expect(await balanceOf(member.token)).toBe(60);
    expect(await stockOf(member.token, 'demo-goods-3')).toBe(stockBefore - 2);
    await phone.waitForTimeout(1800); // the 兑换成功 toast fades
    await phone.screenshot({ path: join(ARTEFACTS, 'mall-order-qr.png'), fullPage: true });

    // 4. A cadre of 西安市总工会 verifies the code on another phone (H5: typed in).
    const cadre = await phoneAs('cadre-xian');
    await cadre.goto(`${TEST_H5}/#/pages/admin/index`);
    await visible(cadre, '.admin-mall-verify').click();
    const input = visible(cadre, '.verify-input input');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`); // spaces and lower case are fine
    await visible(cadre, '.verify-submit').click();
    const result = await textOf(cadre, '.verify-result-success');
    expect(result).toContain('核销成功');
    expect(result).toContain('西安城墙景区门票');
    expect(result).toContain('× 2');
    await cadre.waitForTimeout(300);
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-verify.png'), fullPage: true });

    // Once only: the same code again says 已核销.
    await input.fill(code);
    await visible(cadre, '.verify-submit').click();
    expect(await textOf(cadre, '.verify-result-fulfilled')).toContain('已核销');
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-verify-again.png'), fullPage: true });
    // An unknown code says so.
    await input.fill('ZZZZ2222');
    await visible(cadre, '.verify-submit').click();
    expect(await textOf(cadre, '.verify-result-invalid')).toContain('无效');

    // 5. The member reloads the order: 已核销, and cancelling is no longer offered.
    phones.current = phone;
    await phone.reload();
    await expect.poll(() => textOf(phone, '.order-status-title'), { timeout: 15_000 }).toContain('已核销');
    expect(await phone.locator('.order-cancel:visible').count()).toBe(0);
    expect(await textOf(phone, '.order-stamp')).toBe('已核销');
    await phone.screenshot({ path: join(ARTEFACTS, 'mall-order-fulfilled.png'), fullPage: true });

    // 我的兑换 lists it as 已核销.
    await phone.goto(`${TEST_H5}/#/packages/mall/orders/index`);
    expect(await textOf(phone, '.my-order')).toContain('已核销');
    await phone.waitForTimeout(1500);
    await phone.screenshot({ path: join(ARTEFACTS, 'mall-orders.png'), fullPage: true });
  });

  it('a member cancels an order before pickup: points and stock come back', { timeout: 90_000 }, async () => {
    const member = await newMember(100);
    const stockBefore = await stockOf(member.token, 'demo-goods-4');
    const phone = await phoneAs(member.name);
    await phone.goto(`${TEST_H5}/#/packages/mall/detail/index?id=demo-goods-4`);
    await visible(phone, '.detail-redeem').click();
    await visible(phone, '.redeem-confirm').click();
    await visible(phone, '.order-cancel').waitFor({ timeout: 15_000 });
    expect(await balanceOf(member.token)).toBe(70);

    await visible(phone, '.order-cancel').click();
    expect(await textOf(phone, '.nut-dialog')).toContain('30 积分将退回');
    await visible(phone, '.nut-dialog-footer-ok').click();
    await expect.poll(() => textOf(phone, '.order-status-title'), { timeout: 10_000 }).toContain('已取消');
    expect(await balanceOf(member.token)).toBe(100);
    expect(await stockOf(member.token, 'demo-goods-4')).toBe(stockBefore);
  });

  it('more than the balance: the sheet says 积分不足, nothing is sent and nothing changes', { timeout: 90_000 }, async () => {
    const member = await newMember(50);
    const stockBefore = await stockOf(member.token, 'demo-goods-1');
    const phone = await phoneAs(member.name);
    const posts = redemptionPosts(phone);
    await phone.goto(`${TEST_H5}/#/pages/mall/index`);
    await expect.poll(() => textOf(phone, '.mall-balance'), { timeout: 20_000 }).toBe('50');
    await openGoods(phone, '工会定制保温杯');
    await visible(phone, '.detail-redeem').click();
    await phone.waitForTimeout(400); // the sheet's slide-in

    expect(await textOf(phone, '.redeem-insufficient')).toContain('积分不足');
    expect(await textOf(phone, '.redeem-insufficient')).toContain('还差 150 分');
    const confirm = visible(phone, '.redeem-confirm');
    expect(await confirm.textContent()).toContain('积分不足');
    await confirm.click({ force: true });
    await phone.waitForTimeout(800);
    await phone.screenshot({ path: join(ARTEFACTS, 'mall-insufficient.png') });
    expect(posts).toEqual([]);
    expect(phone.url()).toContain('/packages/mall/detail/index');
    expect(await balanceOf(member.token)).toBe(50);
    expect(await ordersOf(member.token)).toEqual([]);
    expect(await stockOf(member.token, 'demo-goods-1')).toBe(stockBefore);
  });

  it('the balance changed elsewhere: the server says 积分不足 and nothing changes', { timeout: 90_000 }, async () => {
    const member = await newMember(220);
    const phone = await phoneAs(member.name);
    const posts = redemptionPosts(phone);
    await phone.goto(`${TEST_H5}/#/packages/mall/detail/index?id=demo-goods-1`);
    await expect.poll(() => textOf(phone, '.detail-bar-balance'), { timeout: 20_000 }).toContain('220');
    // Meanwhile the member spends 30 points on another phone: the page still shows 220.
    const other = await call('POST', '/v1/redemptions', { token: member.token, body: { goodsId: 'demo-goods-4', quantity: 1 }, headers: { 'idempotency-key': randomUUID() } });
    expect(other.status).toBe(201);
    const stockBefore = await stockOf(member.token, 'demo-goods-1');

    await visible(phone, '.detail-redeem').click();
    await visible(phone, '.redeem-confirm').click();
    expect(await textOf(phone, '.redeem-error')).toContain('积分不足');
    // The sheet now shows the fresh balance and offers no retry.
    await expect.poll(() => textOf(phone, '.redeem-sheet-balance')).toBe('190');
    expect(await visible(phone, '.redeem-confirm').getAttribute('class')).toContain('nut-button-disabled');
    await phone.waitForTimeout(400);
    await phone.screenshot({ path: join(ARTEFACTS, 'mall-insufficient-server.png') });
    expect(posts).toHaveLength(1);
    expect(await balanceOf(member.token)).toBe(190);
    expect((await ordersOf(member.token)).map((o) => o.goodsId)).toEqual(['demo-goods-4']);
    expect(await stockOf(member.token, 'demo-goods-1')).toBe(stockBefore);
  });

  it('a cadre publishes goods, restocks and shelves them off, sees orders and adjusts a member\'s points', { timeout: 120_000 }, async () => {
    const RUN = Date.now().toString(36).slice(-5);
    const name = `E2E 纪念徽章 ${RUN}`;
    const member = await newMember(10);
    const cadre = await phoneAs('cadre-xian');
    await cadre.goto(`${TEST_H5}/#/pages/admin/index`);
    await visible(cadre, '.admin-mall-goods').click();
    await visible(cadre, '.am-goods').waitFor({ timeout: 15_000 });
    await cadre.waitForTimeout(400);
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-goods.png'), fullPage: true });

    // Publish: the form checks the shared rules before sending.
    await visible(cadre, '.am-goods-new').click();
    await visible(cadre, '.field-name input').waitFor({ timeout: 15_000 });
    await visible(cadre, '.ge-save').click();
    expect(await textOf(cadre, '.field-error-name')).toContain('商品名称');
    await visible(cadre, '.field-name input').fill(name);
    await visible(cadre, '.field-description textarea').fill('珐琅工艺，直径 3 厘米。');
    // A minus sign is told it cannot be negative (not "应为整数"), in the shared schema's words.
    for (const [field, typed, message] of [['pointsPrice', '-3', '兑换积分须大于 0'], ['pointsPrice', '0', '兑换积分须大于 0'], ['stock', '-3', '库存不能为负数']]) {
      await visible(cadre, `.field-${field} input`).fill(typed);
      await visible(cadre, `.field-${field} input`).blur();
      expect(await textOf(cadre, `.field-error-${field}`), `${field} ${typed}`).toBe(message);
    }
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-goods-negative.png'), fullPage: true });
    await visible(cadre, '.field-pointsPrice input').fill('40');
    await visible(cadre, '.field-stock input').fill('5');
    expect(await cadre.locator('.field-error-pointsPrice:visible, .field-error-stock:visible').count()).toBe(0);
    await visible(cadre, '.ge-limit .nut-inputnumber-add').click();
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-goods-new.png'), fullPage: true });
    await visible(cadre, '.ge-save').click();
    const row = visible(cadre, `.am-goods:has-text("${name}")`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('上架中');
    expect(await row.textContent()).toContain('库存 5');

    // Edit: five more in stock, and off the shelf.
    await row.click();
    await expect.poll(() => visible(cadre, '.field-name input').inputValue(), { timeout: 15_000 }).toBe(name);
    await visible(cadre, '.field-stockDelta input').fill('-3');
    await visible(cadre, '.field-stockDelta input').blur();
    expect(await textOf(cadre, '.field-error-stockDelta')).toBe('调整数量不能为负数，减少库存请选“减少”');
    await visible(cadre, '.field-stockDelta input').fill('5');
    expect(await textOf(cadre, '.ge-field-note')).toContain('保存后为 10');
    await visible(cadre, '.ge-shelf-switch').click();
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-goods-edit.png'), fullPage: true });
    await visible(cadre, '.ge-save').click();
    await expect.poll(async () => (await cadre.locator(`.am-goods:visible:has-text("${name}")`).first().textContent()) ?? '', { timeout: 15_000 }).toContain('已下架');
    expect(await textOf(cadre, `.am-goods:has-text("${name}")`)).toContain('库存 10');

    // Orders in scope by status.
    await cadre.goto(`${TEST_H5}/#/packages/admin-mall/orders/index`);
    await visible(cadre, '.nut-tabs-titles-item:has-text("已核销")').click();
    await visible(cadre, '.ao-order').waitFor({ timeout: 15_000 });
    expect(await textOf(cadre, '.ao-order')).toContain('核销于');
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-orders.png'), fullPage: true });

    // 积分调整: the member is found by 会员号 (shown on their 我的 page); a deduction below zero is refused.
    const memberNo = (await call('GET', '/v1/me', { token: member.token })).body.membership.memberNo as string;
    await cadre.goto(`${TEST_H5}/#/packages/admin-mall/adjust/index`);
    await visible(cadre, '.field-userId input').waitFor({ timeout: 15_000 });
    await visible(cadre, '.field-userId input').fill('SX0000000000');
    await visible(cadre, '.adjust-find').click();
    expect(await textOf(cadre, '.field-error-userId')).toContain('没有找到');
    await visible(cadre, '.field-userId input').fill(memberNo.toLowerCase());
    await visible(cadre, '.adjust-find').click();
    const found = await textOf(cadre, '.adjust-member');
    expect(found).toContain(memberNo);
    expect(found).toContain('测');
    expect(await textOf(cadre, '.adjust-member-points')).toBe('10');
    await visible(cadre, '.adjust-sub').click();
    await visible(cadre, '.field-delta input').fill('30');
    await visible(cadre, '.adjust-chip:has-text("误操作更正")').click();
    await visible(cadre, '.adjust-submit').click();
    expect(await textOf(cadre, '.field-error-delta')).toContain('不能为负');
    expect(await balanceOf(member.token)).toBe(10);
    await visible(cadre, '.adjust-add').click();
    await visible(cadre, '.adjust-chip:has-text("活动奖励")').click();
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-adjust.png'), fullPage: true });
    await visible(cadre, '.adjust-submit').click();
    expect(await textOf(cadre, '.nut-dialog')).toContain(memberNo);
    await visible(cadre, '.nut-dialog-footer-ok').click();
    expect(await textOf(cadre, '.adjust-result-delta')).toBe('+30');
    expect(await textOf(cadre, '.adjust-result-balance')).toBe('40');
    await cadre.waitForTimeout(1600);
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-adjust-done.png'), fullPage: true });
    expect(await balanceOf(member.token)).toBe(40);
  });

  it('fits a 375 px phone: nothing scrolls sideways', async () => {
    const page = phones.current!;
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
