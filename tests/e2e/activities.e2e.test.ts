/// <reference lib="dom" />
import { afterAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chinaDay } from '@union/shared/china-day';
import { call } from '../api/client';
import { newMember } from '../api/fixtures';
import { TEST_H5 } from '../setup/ports';
import { ARTEFACTS, openPhone, textOf } from './browser';

const RUN = Date.now().toString(36);
const TITLE = `职工读书会 ${RUN}`;
const REWARD = 15;

const contexts: BrowserContext[] = [];
let current: Page | undefined;

beforeEach(({ task }) => {
  onTestFailed(async () => {
    await current?.screenshot({ path: join(ARTEFACTS, `FAILED-${task.name.slice(0, 40)}.png`), fullPage: true }).catch(() => {});
  });
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
});

/** A phone logged in as `dev:<devName>` (the test H5 build reads the name Taro.setStorageSync stored). */
async function phoneAs(devName: string): Promise<Page> {
  const { context, page } = await openPhone();
  contexts.push(context);
  await context.addInitScript((n) => localStorage.setItem('zhgh.devName', JSON.stringify({ data: n })), devName);
  current = page;
  return page;
}

const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`).first();

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
async function turnPicker(page: Page, targets: number[]) {
  const columns = page.locator('.nut-picker:visible .nut-pickerview-list');
  await columns.first().waitFor();
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
async function setTime(page: Page, field: string, day: string, hour: number, minute: number) {
  const [y, m, d] = day.split('-').map(Number);
  await visible(page, `.dt-field-${field} .dt-date`).click();
  await turnPicker(page, [y, m, d]);
  await visible(page, `.dt-field-${field} .dt-time`).click();
  await turnPicker(page, [hour, minute]);
  const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  expect(await textOf(page, `.dt-field-${field} .dt-time`)).toBe(hhmm);
  expect(await textOf(page, `.dt-field-${field} .dt-date`)).toContain(`${m}月${d}日`);
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
    await setTime(cadre, 'startsAt', today, 0, 0);
    await setTime(cadre, 'endsAt', today, 23, 55);
    await setTime(cadre, 'signupClosesAt', today, 23, 55);
    await fill(cadre, '.field-capacity input', '30');
    await fill(cadre, '.field-pointsReward input', String(REWARD));
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
    const item = visible(phone, `.activity-list-item:has-text("${TITLE}")`);
    await item.waitFor({ timeout: 15_000 });
    const itemText = (await item.textContent()) ?? '';
    expect(itemText).toContain('西安市总工会');
    expect(itemText).toContain(`${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日 00:00–23:55`);
    expect(itemText).toContain(`签到得 ${REWARD} 积分`);
    await phone.screenshot({ path: join(ARTEFACTS, 'activities-list.png'), fullPage: true });
    await item.click();

    await visible(phone, '.signup-button').click();
    await expect.poll(() => textOf(phone, '.my-signup'), { timeout: 15_000 }).toContain('已报名');
    expect(await textOf(phone, '.detail-quota')).toContain('已报 1 / 30 人');
    await visible(phone, '.checkin-input input').waitFor();
    await phone.waitForTimeout(600); // the toast fades
    await phone.screenshot({ path: join(ARTEFACTS, 'activity-detail.png'), fullPage: true });

    // A wrong code is refused next to the field, and nothing is awarded.
    await fill(phone, '.checkin-input input', `${RUN}.1.not-a-real-code`);
    await visible(phone, '.checkin-submit').click();
    expect(await textOf(phone, '.checkin-error')).toContain('签到码无效');

    // 3. The cadre opens the rotating check-in QR.
    current = cadre;
    await visible(cadre, `.admin-activity-item:has-text("${TITLE}") .admin-activity-checkin`).click();
    await visible(cadre, '.checkin-qr').waitFor({ timeout: 15_000 });
    const code = await textOf(cadre, '.checkin-code');
    expect(code.split('.')).toHaveLength(3);
    expect(await textOf(cadre, '.checkin-title')).toBe(TITLE);
    expect(await textOf(cadre, '.checkin-countdown-text')).toMatch(/\d+ 秒后自动刷新/);
    expect(await textOf(cadre, '.checkin-count')).toBe('0');
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-checkin-qr.png'), fullPage: true });

    // 4. The member enters the code shown and gets the points.
    current = phone;
    const before = await balanceOf(member.token);
    await fill(phone, '.checkin-input input', code);
    await visible(phone, '.checkin-submit').click();
    await expect.poll(() => textOf(phone, '.checkin-success'), { timeout: 15_000 }).toContain(`+${REWARD} 积分`);
    expect(await balanceOf(member.token)).toBe(before + REWARD);
    await phone.waitForTimeout(1600); // the toast fades
    await phone.screenshot({ path: join(ARTEFACTS, 'activity-checked-in.png'), fullPage: true });

    // 我的 shows the new balance and the ledger entry; 我的活动 says 已签到.
    await phone.goto(`${TEST_H5}/#/pages/mine/index`);
    await expect.poll(async () => Number(await textOf(phone, '.points-balance')), { timeout: 15_000 }).toBe(before + REWARD);
    await expect.poll(() => textOf(phone, '.ledger-entry'), { timeout: 10_000 }).toContain(`+${REWARD}`);
    await visible(phone, '.mine-activities').click();
    const mine = visible(phone, `.my-activity-item:has-text("${TITLE}")`);
    await mine.waitFor({ timeout: 15_000 });
    expect(await mine.textContent()).toContain('已签到');

    // 5. The organiser's screen counts the check-in live (it polls every few seconds).
    current = cadre;
    await expect.poll(() => textOf(cadre, '.checkin-count'), { timeout: 15_000 }).toBe('1');

    // 6. The participant list shows it, and exports as CSV.
    await cadre.goBack();
    await visible(cadre, `.admin-activity-item:has-text("${TITLE}") .admin-activity-participants`).click();
    const row = visible(cadre, '.participant');
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('已签到');
    const memberNo = (await call('GET', '/v1/me', { token: member.token })).body.membership.memberNo as string;
    expect(await row.textContent()).toContain(memberNo);
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-participants.png'), fullPage: true });
    const [download] = await Promise.all([cadre.waitForEvent('download'), visible(cadre, '.participants-export').click()]);
    expect(download.suggestedFilename()).toMatch(/报名名单\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('"已报名"');
  });

  it('fits a 375 px phone: nothing scrolls sideways', async () => {
    for (const page of [current!]) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
  });
});
