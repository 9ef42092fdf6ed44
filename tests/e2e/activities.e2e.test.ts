/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chinaDay, chinaIso } from '@union/shared/china-day';
import { call, login } from '../api/client';
import { newMember } from '../api/fixtures';
import { TEST_H5 } from '../setup/ports';
import { ARTEFACTS, scrollUntil, textOf, usePhones, visible } from './browser';

const RUN = Date.now().toString(36);
const TITLE = `职工读书会 ${RUN}`;
const REWARD = 15;

const phones = usePhones();
const phoneAs = phones.as;

async function fill(page: Page, selector: string, value: string) {
  const input = visible(page, selector);
  await input.fill(value);
  await input.blur();
}

/** A slow vertical swipe (no inertia) on the picker column at (x, y), `dy` CSS px. */
async function swipe(page: Page, x: number, y: number, dy: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y + (dy * i) / steps }] });
    await page.waitForTimeout(35);
  }
  await page.waitForTimeout(120);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  await page.waitForTimeout(450); // the roller snaps into place
}

/**
 * Turns the open NutUI picker's columns to the given numbers (e.g. [2026, 11, 24] or [0, 0]) the way a
 * finger does: swipes each column by whole rows until the wanted row is the selected one.
 */
async function turnPicker(page: Page, targets: number[], screenshot?: string) {
  const columns = page.locator('.nut-picker:visible .nut-pickerview-list');
  await columns.first().waitFor();
  if (screenshot) {
    await page.waitForTimeout(400); // the sheet's slide-in
    await page.screenshot({ path: join(ARTEFACTS, screenshot) });
  }
  for (const [i, target] of targets.entries()) {
    const column = columns.nth(i);
    for (let attempt = 0; attempt < 12; attempt++) {
      const labels = (await column.locator('.nut-pickerview-roller-item-tiled').allTextContents()).map((t) => parseInt(t, 10));
      const active = parseInt((await column.locator('.nut-pickerview-roller-item-active').textContent()) ?? '', 10);
      const from = labels.indexOf(active);
      const to = labels.indexOf(target);
      expect(to, `picker column ${i} has no ${target}: ${labels.join(',')}`).toBeGreaterThanOrEqual(0);
      if (from === to) break;
      const box = (await column.boundingBox())!;
      const rowHeight = (await column.locator('.nut-pickerview-roller-item-tiled').first().boundingBox())!.height;
      const rows = Math.max(-5, Math.min(5, to - from));
      // Up a little less than whole rows: the roller rounds to the nearest row and animates there.
      await swipe(page, box.x + box.width / 2, box.y + box.height / 2, -(rows * rowHeight - Math.sign(rows) * 8));
    }
    expect(parseInt((await column.locator('.nut-pickerview-roller-item-active').textContent()) ?? '', 10)).toBe(target);
  }
  await visible(page, '.nut-picker-confirm-btn').click();
  await page.locator('.nut-picker:visible').waitFor({ state: 'hidden' });
}

/** Sets one of the form's times (China wall clock) through its date and time pickers. */
async function setTime(page: Page, field: string, day: string, hour: number, minute: number, screenshot?: string) {
  const [y, m, d] = day.split('-').map(Number);
  await visible(page, `.dt-field-${field} .dt-date`).click();
  await turnPicker(page, [y, m, d]);
  await visible(page, `.dt-field-${field} .dt-time`).click();
  await turnPicker(page, [hour, minute], screenshot);
  const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  expect(await textOf(page, `.dt-field-${field} .dt-time`)).toBe(hhmm);
  expect(await textOf(page, `.dt-field-${field} .dt-date`)).toContain(`${m}月${d}日`);
}

/** Taps 拍照扫码签到 and hands the browser's file chooser this picture, as a phone's camera would. */
async function photograph(page: Page, picture: Buffer) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible(page, '.checkin-photo').click()]);
  await chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: picture });
}

const balanceOf = async (token: string) => (await call('GET', '/v1/me', { token })).body.points.balance as number;

describe('H5: activities', () => {
  it('a cadre publishes an activity, a member signs up, the cadre shows the rotating QR, the member checks in for points', { timeout: 240_000 }, async () => {
    const member = await newMember(0);
    const today = chinaDay(new Date());

    // 1. dev:cadre-xian publishes an activity for today through 管理 → 活动管理 → 发布活动.
    const cadre = await phoneAs('cadre-xian');
    await cadre.goto(`${TEST_H5}/#/pages/admin/index`);
    await visible(cadre, '.admin-activities-entry').click();
    await visible(cadre, '.admin-activity-new').click();
    await visible(cadre, '.field-title input').waitFor({ timeout: 15_000 });
    await fill(cadre, '.field-title input', TITLE);
    await fill(cadre, '.field-location input', '秦云大厦 3 楼职工书屋');
    await fill(cadre, '.field-description textarea', '本期共读《平凡的世界》，欢迎职工参加。现场扫码签到可得积分。');
    // All of today; signup stays open until the end of the day (it opened now, by default).
    await setTime(cadre, 'startsAt', today, 0, 0, 'admin-activity-picker.png');
    await setTime(cadre, 'endsAt', today, 23, 55);
    await setTime(cadre, 'signupClosesAt', today, 23, 55);
    // No seats: the shared schema's words (not "至少为 1"), nothing sent.
    await fill(cadre, '.field-capacity input', '0');
    await fill(cadre, '.field-pointsReward input', String(REWARD));
    await visible(cadre, '.activity-submit').click();
    expect(await textOf(cadre, '.field-error-capacity')).toBe('名额须大于 0');
    await fill(cadre, '.field-capacity input', '30');
    expect(await textOf(cadre, '.org-scope-value')).toBe('西安市总工会');
    expect(await cadre.locator('.field-error:visible').count()).toBe(0);
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-activity-form.png'), fullPage: true });
    await visible(cadre, '.activity-submit').click();

    // Back on the list, the new activity is first, in progress, with nobody signed up yet.
    const card = visible(cadre, `.admin-activity-item:has-text("${TITLE}")`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain('进行中');
    expect(await card.textContent()).toContain('0/30');
    await cadre.waitForTimeout(400);
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-activities.png'), fullPage: true });

    // 2. A new member of 秦云 finds it in the 活动 tab and signs up.
    const phone = await phoneAs(member.name);
    await phone.goto(`${TEST_H5}/#/pages/activities/index`);
    await visible(phone, '.activity-list-item').waitFor({ timeout: 15_000 });
    await scrollUntil(phone, `.activity-list-item:has-text("${TITLE}")`);
    const item = visible(phone, `.activity-list-item:has-text("${TITLE}")`);
    await item.waitFor({ timeout: 15_000 });
    await phone.waitForTimeout(300);
    const itemText = (await item.textContent()) ?? '';
    expect(itemText).toContain('西安市总工会');
    expect(itemText).toContain(`${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日 00:00–23:55`);
    expect(itemText).toContain(`签到得 ${REWARD} 积分`);
    await phone.screenshot({ path: join(ARTEFACTS, 'activities-list.png'), fullPage: true });
    await item.click();

    await visible(phone, '.signup-button').click();
    await expect.poll(() => textOf(phone, '.my-signup'), { timeout: 15_000 }).toContain('已报名');
    expect(await textOf(phone, '.detail-quota')).toContain('名额 1/30 已报');
    await visible(phone, '.checkin-input input').waitFor();
    await phone.waitForTimeout(2200); // the toast fades
    await phone.screenshot({ path: join(ARTEFACTS, 'activity-detail.png'), fullPage: true });

    // A wrong code is refused next to the field, and nothing is awarded.
    await fill(phone, '.checkin-input input', `${RUN}.1.not-a-real-code`);
    await visible(phone, '.checkin-submit').click();
    expect(await textOf(phone, '.checkin-error')).toContain('签到码无效');
    // A photo without a QR code in it (this very page) is read and refused, and nothing is sent.
    await photograph(phone, await phone.screenshot());
    await expect.poll(() => textOf(phone, '.checkin-error'), { timeout: 15_000 }).toContain('照片里没有找到签到二维码');

    // 3. The cadre opens the rotating check-in QR.
    phones.current = cadre;
    await visible(cadre, `.admin-activity-item:has-text("${TITLE}") .admin-activity-checkin`).click();
    await visible(cadre, '.checkin-qr').waitFor({ timeout: 15_000 });
    const code = await textOf(cadre, '.checkin-code');
    expect(code.split('.')).toHaveLength(3);
    expect(await textOf(cadre, '.checkin-title')).toBe(TITLE);
    expect(await textOf(cadre, '.checkin-countdown-text')).toMatch(/\d+ 秒后自动刷新|正在刷新/);
    expect(await textOf(cadre, '.checkin-count')).toBe('0');
    await cadre.waitForTimeout(600); // the page's slide-in
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-checkin-qr.png'), fullPage: true });

    // 4. The member photographs the QR code on the organiser's screen (a browser has no WeChat scanner;
    // typing the code shown stays possible) and gets the points.
    const organiserScreen = await visible(cadre, '.checkin-qr').screenshot();
    phones.current = phone;
    const before = await balanceOf(member.token);
    await photograph(phone, organiserScreen);
    await expect.poll(() => textOf(phone, '.checkin-success'), { timeout: 15_000 }).toContain(`+${REWARD} 积分`);
    expect(await balanceOf(member.token)).toBe(before + REWARD);
    await phone.waitForTimeout(2200); // the toast fades
    await phone.screenshot({ path: join(ARTEFACTS, 'activity-checked-in.png'), fullPage: true });

    // 我的 shows the new balance and the ledger entry; 我的活动 says 已签到.
    await phone.goto(`${TEST_H5}/#/pages/mine/index`);
    await expect.poll(async () => Number(await textOf(phone, '.points-balance')), { timeout: 15_000 }).toBe(before + REWARD);
    await expect.poll(() => textOf(phone, '.ledger-entry'), { timeout: 10_000 }).toContain(`+${REWARD}`);
    await visible(phone, '.mine-activities').click();
    const mine = visible(phone, `.my-activity-item:has-text("${TITLE}")`);
    await mine.waitFor({ timeout: 15_000 });
    expect(await mine.textContent()).toContain('已签到');
    await phone.waitForTimeout(600);
    await phone.screenshot({ path: join(ARTEFACTS, 'my-activities.png'), fullPage: true });

    // 5. The organiser's screen counts the check-in live (it polls every few seconds).
    phones.current = cadre;
    await expect.poll(() => textOf(cadre, '.checkin-count'), { timeout: 15_000 }).toBe('1');

    // 6. The participant list shows it, and exports as CSV.
    await cadre.goBack();
    await visible(cadre, `.admin-activity-item:has-text("${TITLE}") .admin-activity-participants`).click();
    const row = visible(cadre, '.participant');
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('已签到');
    const memberNo = (await call('GET', '/v1/me', { token: member.token })).body.membership.memberNo as string;
    expect(await row.textContent()).toContain(memberNo);
    await cadre.waitForTimeout(600);
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-participants.png'), fullPage: true });
    const [download] = await Promise.all([cadre.waitForEvent('download'), visible(cadre, '.participants-export').click()]);
    expect(download.suggestedFilename()).toMatch(/报名名单\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('"已报名"');
  });

  it('waiting list: a member joins it, is promoted when a place frees up; the cadre edits and cancels the activity', { timeout: 180_000 }, async () => {
    const cadreToken = (await login('cadre-xian')).token;
    const hour = 3600_000;
    const at = (h: number) => chinaIso(new Date(Date.now() + h * hour));
    const created = await call('POST', '/v1/admin/activities', {
      token: cadreToken,
      body: {
        title: `羽毛球友谊赛 ${RUN}`, description: '名额 1 人，满后可候补。', location: '秦云大厦体育馆', orgId: 'xa-yt-qy',
        startsAt: at(48), endsAt: at(50), signupOpensAt: at(-1), signupClosesAt: at(47), capacity: 1, waitlist: true, pointsReward: 5,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const [first, second] = [await newMember(0), await newMember(0)];
    expect((await call('POST', `/v1/activities/${id}/signups`, { token: first.token })).body.status).toBe('confirmed');

    // The second member finds it full and joins the waiting list.
    const phone = await phoneAs(second.name);
    await phone.goto(`${TEST_H5}/#/packages/activity/detail/index?id=${id}`);
    await expect.poll(() => textOf(phone, '.signup-button'), { timeout: 15_000 }).toContain('将排候补第 1 位');
    expect(await textOf(phone, '.detail-quota')).toContain('已满·可候补');
    await visible(phone, '.signup-button').click();
    await expect.poll(() => textOf(phone, '.my-signup'), { timeout: 15_000 }).toContain('候补第 1 位');
    expect(await textOf(phone, '.signup-cancel')).toContain('取消候补');
    await phone.waitForTimeout(2200);
    await phone.screenshot({ path: join(ARTEFACTS, 'activity-waitlisted.png'), fullPage: true });

    // The first cancels: the second is promoted.
    expect((await call('DELETE', `/v1/activities/${id}/signups/me`, { token: first.token })).status).toBe(200);
    await phone.reload();
    await expect.poll(() => textOf(phone, '.my-signup'), { timeout: 15_000 }).toContain('已报名');
    expect(await textOf(phone, '.detail-quota')).toContain('名额 1/1 已报');

    // The cadre moves it to another place (the participant is told) …
    const cadre = await phoneAs('cadre-xian');
    await cadre.goto(`${TEST_H5}/#/packages/admin-activity/edit/index?id=${id}`);
    await expect.poll(() => visible(cadre, '.field-title input').inputValue(), { timeout: 15_000 }).toBe(`羽毛球友谊赛 ${RUN}`);
    expect(await textOf(cadre, '.org-scope-value')).toBe('陕西秦云软件有限公司工会');
    await fill(cadre, '.field-location input', '秦云大厦 2 号体育馆');
    await cadre.waitForTimeout(300);
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-activity-edit.png'), fullPage: true });
    await visible(cadre, '.activity-submit').click();
    expect(await textOf(cadre, '.nut-dialog')).toContain('1 位会员');
    await visible(cadre, '.nut-dialog-footer-ok').click();
    await visible(cadre, '.admin-activities-page').waitFor({ timeout: 15_000 });
    expect((await call('GET', `/v1/activities/${id}`, { token: cadreToken })).body.location).toBe('秦云大厦 2 号体育馆');

    // … then cancels it.
    await visible(cadre, `.admin-activity-item:has-text("${RUN}") .admin-activity-edit`).click();
    await visible(cadre, '.activity-cancel-button').click();
    await visible(cadre, '.nut-dialog-footer-ok').click();
    await expect
      .poll(() => textOf(cadre, `.admin-activity-item:has-text("羽毛球友谊赛 ${RUN}")`), { timeout: 15_000 })
      .toContain('已取消');

    phones.current = phone;
    await phone.reload();
    await expect.poll(() => textOf(phone, '.detail-actions'), { timeout: 15_000 }).toContain('活动已取消');
    expect(await textOf(phone, '.detail-location')).toContain('秦云大厦 2 号体育馆');
  });

  it('fits a 375 px phone: nothing scrolls sideways', async () => {
    for (const page of [phones.current!]) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
  });
});
