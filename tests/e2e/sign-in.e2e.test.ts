/// <reference lib="dom" />
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chinaDay } from '@union/shared/china-day';
import { TEST_H5 } from '../setup/ports';
import { ARTEFACTS, openPhone, textOf } from './browser';

let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ context, page } = await openPhone());
});
beforeEach(({ task }) => {
  // A failing browser test leaves a picture of what the person saw.
  onTestFailed(async () => {
    await page.screenshot({ path: join(ARTEFACTS, `FAILED-${task.name.slice(0, 40)}.png`), fullPage: true }).catch(() => {});
  });
});
afterAll(async () => {
  await context?.close();
});

const balance = async () => Number(await textOf(page, '.points-balance'));

describe('H5: a member signs in for points', () => {
  it('logs in as dev:member-1, signs in, sees the balance change and the ledger entry', { timeout: 45_000 }, async () => {
    await page.goto(TEST_H5);
    // The local/test build offers the demo identities (no wx.login in a browser).
    await page.locator('.dev-login-item', { hasText: '张晓明' }).click();
    await page.getByText('签到领积分', { exact: true }).waitFor();
    const before = await balance();
    expect(before).toBeGreaterThanOrEqual(120);

    await page.locator('.home-signin-button').click();
    await page.getByText('今日已签到', { exact: true }).waitFor();
    await expect.poll(balance, { timeout: 10_000 }).toBe(before + 5);
    expect(await textOf(page, '.streak')).toContain('1');
    // Today is marked on the month calendar (folded under the sign-in card).
    await page.locator('.home-calendar-toggle:visible').click();
    await page.locator('.calendar-day.signed:visible').first().waitFor();
    const today = Number(chinaDay(new Date()).slice(8));
    expect(await page.locator('.calendar-day.signed:visible').allTextContents()).toContain(String(today));
    await page.screenshot({ path: join(ARTEFACTS, 'home-signed-in.png'), fullPage: true });

    await page.locator('.nut-tabbar-item', { hasText: '我的' }).click();
    await page.getByText('积分明细', { exact: true }).waitFor();
    await expect.poll(balance, { timeout: 10_000 }).toBe(before + 5);
    const firstEntry = page.locator('.ledger-entry:visible').first();
    await firstEntry.waitFor();
    expect(await firstEntry.textContent()).toContain('每日签到');
    expect(await firstEntry.textContent()).toContain('+5');
    await page.screenshot({ path: join(ARTEFACTS, 'mine-ledger.png'), fullPage: true });
  });

  it('fits a 375 px phone: nothing scrolls sideways', async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
