/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { FavoritePage } from '@union/shared/favorites';
import { Goods } from '@union/shared/mall';
import { TEST_H5 } from '../setup/ports';
import { call } from '../api/client';
import { newMember } from '../api/fixtures';
import { ARTEFACTS, textOf, usePhones, visible } from './browser';

const RUN = Date.now().toString(36).slice(-4);
const GOODS_ID = 'demo-goods-3';
const ACTIVITY_ID = 'demo-activity-1';

const phones = usePhones();
const phoneAs = phones.as;
const favoritesOf = async (token: string) => FavoritePage.parse((await call('GET', '/v1/me/favorites', { token })).body).items;

describe('H5: 我的, the personal centre', () => {
  let member: Awaited<ReturnType<typeof newMember>>;
  let memberNo: string;
  let page: Page;

  it('shows the balance, the member card with its QR code and the unread badge; reading the message clears it', { timeout: 90_000 }, async () => {
    // Approval sends 入会申请已通过 to the inbox; the top-up (a points adjustment) sends nothing.
    member = await newMember(50);
    memberNo = (await call('GET', '/v1/me', { token: member.token })).body.membership.memberNo as string;
    expect(memberNo).toBeTruthy();

    page = await phoneAs(member.name);
    await page.goto(`${TEST_H5}/#/pages/mine/index`);
    // The first load of the app in a fresh browser, like every other e2e file's (Playwright's 30 s).
    await visible(page, '.points-balance').waitFor({ timeout: 30_000 });
    await expect.poll(async () => Number(await textOf(page, '.points-balance')), { timeout: 20_000 }).toBe(50);

    const card = await textOf(page, '.mine-card-member');
    expect(card).toContain('会员号');
    expect(card).toContain(memberNo);
    expect(card).toContain('陕西秦云软件有限公司工会');
    expect(await page.locator('.mine-card-qr:visible .qr-code-dark').count()).toBeGreaterThan(50);
    await expect.poll(() => textOf(page, '.mine-unread'), { timeout: 10_000 }).toBe('1');
    // Every entry of the centre is there.
    for (const entry of ['我的兑换', '我的活动', '我的收藏', '我的消息', '我的申请', '隐私说明', '转会申请', '积分明细']) {
      expect(await page.getByText(entry, { exact: true }).filter({ visible: true }).count(), entry).toBeGreaterThan(0);
    }
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTEFACTS, 'mine-centre.png'), fullPage: true });

    // Tap the card: the QR code of the member number, enlarged.
    await visible(page, '.mine-card-member').click();
    await visible(page, '.mine-qr-big').waitFor();
    expect(await textOf(page, '.mine-qr-no')).toBe(memberNo);
    expect(await visible(page, '.mine-qr-big').getAttribute('aria-label')).toBe(`二维码：${memberNo}`);
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(ARTEFACTS, 'mine-member-qr.png') });
    await visible(page, '.mine-qr-close').click();
    await page.locator('.mine-qr-big:visible').waitFor({ state: 'hidden' });

    // Open the inbox, read the message, come back: the badge is gone.
    await visible(page, '.mine-messages').click();
    const message = visible(page, '.message-item.unread');
    await message.waitFor({ timeout: 15_000 });
    expect(await message.textContent()).toContain('入会申请已通过');
    await message.click();
    // The message opens its page (我的申请); the inbox marks it read in the background.
    await page.waitForURL(/packages\/membership\/requests\/index/, { timeout: 10_000 });
    await expect.poll(async () => (await call('GET', '/v1/me/messages', { token: member.token })).body.unread, { timeout: 10_000 }).toBe(0);
    // Back navigations re-render whole pages: allow them Playwright's 30 s, as the first load.
    await page.goBack();
    await visible(page, '.message-item').waitFor({ timeout: 30_000 });
    await page.goBack();
    await visible(page, '.mine-card-member').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.mine-unread:visible').count(), { timeout: 10_000 }).toBe(0);
  });

  it('favourites a goods item on its page and finds it in 我的收藏, with its state; removes it there', { timeout: 90_000 }, async () => {
    const goods = Goods.parse((await call('GET', `/v1/goods/${GOODS_ID}`, { token: member.token })).body);
    await page.goto(`${TEST_H5}/#/packages/mall/detail/index?id=${GOODS_ID}`);
    await expect.poll(() => textOf(page, '.detail-name'), { timeout: 15_000 }).toBe(goods.name);
    const toggle = visible(page, '.detail-fav');
    await expect.poll(() => toggle.getAttribute('class'), { timeout: 10_000 }).not.toContain('loading');
    expect(await toggle.textContent()).toBe('收藏');
    await toggle.click();
    await expect.poll(() => toggle.textContent()).toBe('已收藏');
    await page.screenshot({ path: join(ARTEFACTS, 'goods-favorite.png') });
    await expect.poll(async () => (await favoritesOf(member.token)).map((f) => `${f.kind}:${f.id}`)).toEqual([`goods:${GOODS_ID}`]);
    // A reload reads the state back from the server.
    await page.reload();
    await expect.poll(() => textOf(page, '.detail-fav'), { timeout: 15_000 }).toBe('已收藏');

    // An activity too, from its detail page.
    await page.goto(`${TEST_H5}/#/packages/activity/detail/index?id=${ACTIVITY_ID}`);
    const star = visible(page, '.activity-fav');
    await star.waitFor({ timeout: 15_000 });
    await expect.poll(() => star.getAttribute('class'), { timeout: 10_000 }).not.toContain('loading');
    await star.click();
    await expect.poll(() => star.textContent()).toBe('已收藏');
    await page.screenshot({ path: join(ARTEFACTS, 'activity-favorite.png') });
    await expect.poll(async () => (await favoritesOf(member.token)).length).toBe(2);

    await page.goto(`${TEST_H5}/#/pages/mine/index`);
    await visible(page, '.mine-favorites').click();
    const item = visible(page, `.fav-item:has-text("${goods.name}")`);
    await item.waitFor({ timeout: 15_000 });
    expect(await item.textContent()).toContain('可兑换');
    expect(await item.textContent()).toContain(`${goods.pointsPrice}`);
    expect(await page.locator('.fav-item-activity:visible').count()).toBe(1);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTEFACTS, 'mine-favorites.png'), fullPage: true });

    // 活动 shows the activity only.
    await visible(page, '.fav-filter:has-text("活动")').click();
    await expect.poll(() => page.locator('.fav-item:visible').count()).toBe(1);
    expect(await page.locator('.fav-item-activity:visible').count()).toBe(1);
    await visible(page, '.fav-filter:has-text("全部")').click();

    // The item opens its detail page.
    await item.locator('.fav-title').click();
    await expect.poll(() => textOf(page, '.detail-name'), { timeout: 15_000 }).toBe(goods.name);
    // The goods page has slid in and read its own favourite state (its ☆ reads my favourites too, 100 at a
    // time): no request of it is still on its way when the list's reload is held back below.
    await expect.poll(() => page.locator('.fav-item:visible').count(), { timeout: 15_000 }).toBe(0);
    await visible(page, '.fav-toggle.on').waitFor({ timeout: 15_000 });
    // Back on the list it reloads; that answer is read before the removal below but arrives after it (a slow
    // network, or CI under load): the removed item must not come back.
    let readDone!: () => void;
    const read = new Promise<void>((done) => (readDone = done));
    await page.route('**/v1/me/favorites?limit=20*', async (r) => {
      try {
        const response = await r.fetch();
        readDone();
        await new Promise((done) => setTimeout(done, 2000));
        await r.fulfill({ response }).catch(() => {});
      } finally {
        readDone();
      }
    }, { times: 1 });
    // The removal reaches the server only after that read (or 3 s, should the page not ask again).
    await page.route('**/v1/me/favorites/goods/*', async (r) => {
      await Promise.race([read, new Promise((done) => setTimeout(done, 3000))]);
      await r.continue();
    }, { times: 1 });
    const staleReload = page.waitForResponse((r) => r.url().includes('/v1/me/favorites?limit=20'), { timeout: 30_000 });
    await page.goBack();
    await visible(page, `.fav-item:has-text("${goods.name}") .fav-remove`).click();
    await expect.poll(() => page.locator(`.fav-item:visible:has-text("${goods.name}")`).count(), { timeout: 20_000 }).toBe(0);
    await staleReload;
    await page.waitForTimeout(500);
    expect(await page.locator(`.fav-item:visible:has-text("${goods.name}")`).count()).toBe(0);
    expect((await favoritesOf(member.token)).map((f) => `${f.kind}:${f.id}`)).toEqual([`activity:${ACTIVITY_ID}`]);
  });

  it('edits the nickname: an empty one is refused in Chinese, a new one shows on 我的', { timeout: 60_000 }, async () => {
    const nickname = `李测试${RUN}`;
    await page.goto(`${TEST_H5}/#/pages/mine/index`);
    await page.reload();
    await visible(page, '.mine-user').click();
    const input = visible(page, '.profile-nickname input');
    await input.waitFor({ timeout: 15_000 });
    await input.fill('');
    await visible(page, '.profile-save').click();
    expect(await textOf(page, '.field-error-nickname')).toBe('请输入昵称');
    // A browser cannot pick a WeChat avatar; a URL that is not https is refused.
    await visible(page, '.profile-avatar-url input').fill('http://example.com/a.png');
    await input.fill(nickname);
    await visible(page, '.profile-save').click();
    expect(await textOf(page, '.field-error-avatarUrl')).toContain('https://');
    await visible(page, '.profile-avatar-url input').fill('');
    await page.screenshot({ path: join(ARTEFACTS, 'mine-profile.png'), fullPage: true });

    await visible(page, '.profile-save').click();
    await expect.poll(() => textOf(page, '.mine-nickname'), { timeout: 15_000 }).toBe(nickname);
    expect((await call('GET', '/v1/me', { token: member.token })).body.nickname).toBe(nickname);
  });

  it('explains how personal data is handled (隐私说明)', { timeout: 30_000 }, async () => {
    await visible(page, '.mine-privacy').click();
    await visible(page, '.pv-section-collect').waitFor({ timeout: 15_000 });
    const text = (await page.locator('.privacy-page:visible').textContent()) ?? '';
    for (const words of ['openid', '身份证号', '不可逆摘要', '审核干部', '记录', '保存多久', '撤回']) expect(text, words).toContain(words);
    await page.waitForTimeout(500); // the page's slide-in
    await page.screenshot({ path: join(ARTEFACTS, 'mine-privacy.png'), fullPage: true });
  });

  it('fits a 375 px phone: nothing scrolls sideways', async () => {
    for (const route of ['pages/mine/index', 'packages/mine/favorites/index', 'packages/mine/profile/index', 'packages/mine/privacy/index']) {
      await page.goto(`${TEST_H5}/#/${route}`);
      await page.reload();
      await page.locator('.page:visible').first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(800);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, route).toBeLessThanOrEqual(0);
    }
  });
});
