/// <reference lib="dom" />
/** H5: a member sees when points expire on 我的, makes up a missed day (补签) and asks for tomorrow's reminder. */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addDays, chinaDay } from '@union/shared/china-day';
import { TEST_H5 } from '../setup/ports';
import { ARTEFACTS, textOf, usePhones } from './browser';

const phones = usePhones();
let page: Page;

beforeAll(async () => {
  // 李秀英 (dev:member-2): a demo member no other browser test counts the points of.
  page = await phones.as('member-2');
});

const balance = async () => Number(await textOf(page, '.points-balance'));

describe('H5: points that expire, 补签 and the reminder', () => {
  it('我的 says how many points expire when, on the card and above the ledger', { timeout: 45_000 }, async () => {
    await page.goto(TEST_H5);
    await page.locator('.home-signin-button:visible').waitFor();
    await page.locator('.nut-tabbar-item', { hasText: '我的' }).click();
    const line = page.locator('.mine-expiry-due:visible').first();
    await line.waitFor();
    // The seeded points were earned this year (China time): they expire at the end of next year.
    const year = Number(chinaDay(new Date()).slice(0, 4));
    expect(await line.textContent()).toMatch(new RegExp(`^\\d+ 分将于 ${year + 1}-12-31 过期$`));
    expect(await page.locator('.mine-expiry-due:visible').count()).toBe(2);
    await page.screenshot({ path: join(ARTEFACTS, 'mine-expiry.png'), fullPage: true });
  });

  it('makes up a missed day of this month from the calendar: 20 points paid, the day\'s reward earned, the day marked', { timeout: 60_000 }, async () => {
    await page.locator('.nut-tabbar-item:visible', { hasText: '首页' }).click();
    await page.locator('.home-calendar-toggle:visible').click();
    await page.locator('.calendar:visible').waitFor();
    const today = chinaDay(new Date());
    const missed = page.locator('.calendar-cell.missed:visible');
    if (addDays(today, -1).slice(0, 7) !== today.slice(0, 7)) {
      // The 1st of a month has no earlier day to make up.
      expect(await missed.count()).toBe(0);
      return;
    }
    await missed.first().waitFor();
    const day = (await missed.first().getAttribute('data-day'))!;
    const before = await balance();
    await missed.first().click();
    await page.locator('.home-makeup-button:visible').click();
    await page.getByText('确认补签').waitFor();
    await page.getByText('补签', { exact: true }).click();
    await page.locator(`.calendar-cell[data-day="${day}"]:visible .calendar-day.signed`).waitFor();
    await expect.poll(balance, { timeout: 10_000 }).toBeLessThan(before);
    expect(before - (await balance())).toBeGreaterThanOrEqual(10);
    expect(await textOf(page, '.home-makeup-rule')).toContain('本月还可补签 1 次');
    await page.screenshot({ path: join(ARTEFACTS, 'home-make-up.png'), fullPage: true });
  });

  it('after signing in, offers tomorrow\'s reminder as a plain switch on H5', { timeout: 45_000 }, async () => {
    const button = page.locator('.home-signin-button:visible');
    if (!(await button.isDisabled())) await button.click();
    await page.getByText('今日已签到', { exact: true }).waitFor();
    await page.locator('.home-reminder:visible').click();
    const tomorrow = addDays(chinaDay(new Date()), 1);
    await page.getByText(`已设置：${Number(tomorrow.slice(5, 7))}月${Number(tomorrow.slice(8))}日上午 8 点提醒您`).waitFor();
  });

  it('fits a 375 px phone: nothing scrolls sideways', async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
