/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_H5 } from '../setup/ports';
import { newMember } from '../api/fixtures';
import { textOf, usePhones, visible } from './browser';

// Back pressed while the next page is still sliding in (Taro H5's 50 ms delay + 300 ms transition) must
// leave the page below on screen and working, and the page that left off it. The other e2e files wait the
// transition out; these press back inside it on purpose (the fix: miniprogram/config/shims/taro-router-page.js).

const phones = usePhones();
const GOODS = '西安城墙景区门票';
const MALL = 'pages/mall/index';
const DETAIL = 'packages/mall/detail/index';
/** Longer than every timer of a transition (delay + duration, then the left page's unload). */
const SETTLE_MS = 1000;

/**
 * Taps the first visible `selector`, presses the browser's back `afterMs` later (`backs` times, 30 ms apart),
 * all timed inside the page. Answers whether a page under `leaving` came back on screen after the first back
 * (Taro's slide-in finishing on a page that had already been taken away).
 */
async function tapThenBack(page: Page, selector: string, leaving: string, afterMs: number, backs = 1): Promise<boolean> {
  return page.evaluate(
    ({ selector, leaving, afterMs, backs, settle }) => new Promise<boolean>((done) => {
      const el = [...document.querySelectorAll<HTMLElement>(selector)].find((e) => e.offsetParent !== null);
      if (!el) throw new Error(`nothing visible matches ${selector}`);
      let returned = false;
      const watch = new MutationObserver((changes) => {
        for (const { target } of changes) {
          const node = target as HTMLElement;
          if (node.id?.startsWith(`/${leaving}?`) && node.classList.contains('taro_page_show')) returned = true;
        }
      });
      el.click();
      setTimeout(() => {
        history.back();
        watch.observe(document.querySelector('.taro_router')!, { attributes: true, attributeFilter: ['class'], subtree: true });
        for (let i = 1; i < backs; i++) setTimeout(() => history.back(), 30 * i);
        setTimeout(() => { watch.disconnect(); done(returned); }, settle);
      }, afterMs);
    }),
    { selector, leaving, afterMs, backs, settle: SETTLE_MS },
  );
}

/** What a person sees of the page at `route`: 'shown' when it is displayed, in view and on top. */
async function shownPage(page: Page, route: string) {
  return page.evaluate((route) => {
    const pages = [...document.querySelectorAll<HTMLElement>(`.taro_page[id^="/${route}?"]`)];
    const el = pages.at(-1);
    if (!el) return 'missing';
    const box = el.getBoundingClientRect();
    if (getComputedStyle(el).display === 'none') return `hidden (${el.className})`;
    if (box.left >= innerWidth || box.right <= 0) return `off screen (${el.className})`;
    const top = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
    return el.contains(top) ? 'shown' : `covered by ${top?.closest('.taro_page')?.id ?? top?.tagName}`;
  }, route);
}

/** Once the transition's timers have run out, the person is on `route` and sees it. */
async function expectOn(page: Page, route: string) {
  await page.waitForTimeout(SETTLE_MS);
  expect(page.url()).toContain(`#/${route}`);
  expect(await shownPage(page, route)).toBe('shown');
}

async function expectMallUsable(page: Page) {
  await expectOn(page, MALL);
  await expect.poll(() => page.locator('.mall-goods:visible').count()).toBeGreaterThanOrEqual(4);
}

/** A tap opens the goods' page, it shows, and back returns to the mall: the app still works. */
async function expectMallWorks(page: Page) {
  await visible(page, `.mall-goods:has-text("${GOODS}")`).click();
  await expect.poll(() => textOf(page, '.detail-name'), { timeout: 15_000 }).toBe(GOODS);
  await expectOn(page, DETAIL);
  await page.goBack();
  await expectMallUsable(page);
}

describe('H5: back while a page is still sliding in', () => {
  let page: Page;

  it('from a goods page back to the 商城 tab, at any moment of the slide-in: the mall shows and works', { timeout: 150_000 }, async () => {
    const member = await newMember(300);
    page = await phones.as(member.name);
    await page.goto(`${TEST_H5}/#/${MALL}`);
    await expect.poll(() => page.locator('.mall-goods:visible').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    // First open: the detail page's code is fetched, so the timings below are the transition's alone.
    await expectMallWorks(page);

    for (const afterMs of [0, 20, 40, 80, 150, 250, 400]) {
      const returned = await tapThenBack(page, '.mall-goods', DETAIL, afterMs);
      await expectMallUsable(page).catch((error: Error) => {
        throw new Error(`back ${afterMs} ms after the tap: ${error.message}`);
      });
      expect(returned, `back ${afterMs} ms after the tap: the goods page slid back in`).toBe(false);
    }
    await expectMallWorks(page);
  });

  it('a double tap, then back as often as it pushed: the mall shows and works', { timeout: 90_000 }, async () => {
    // Count the pages the double tap pushes (Taro's hash history pushes through history.pushState).
    const pushed = await page.evaluate(() => new Promise<number>((done) => {
      let pushes = 0;
      const push = history.pushState.bind(history);
      history.pushState = (...args: Parameters<History['pushState']>) => { pushes += 1; push(...args); };
      const el = [...document.querySelectorAll<HTMLElement>('.mall-goods')].find((e) => e.offsetParent !== null)!;
      el.click();
      setTimeout(() => el.click(), 30);
      setTimeout(() => { history.pushState = push; done(pushes); }, 80);
    }));
    expect(pushed).toBeGreaterThanOrEqual(1);
    // Back out of everything the double tap opened, 40 ms apart, while the last one still slides in.
    await page.evaluate((pushed) => {
      for (let i = 0; i < pushed; i++) setTimeout(() => history.back(), 40 * i);
    }, pushed);
    await expectMallUsable(page);
    await expectMallWorks(page);
  });

  it('from 我的申请 back to 我的消息 (not a tab) during the slide-in: the inbox shows and works', { timeout: 90_000 }, async () => {
    await page.goto(`${TEST_H5}/#/pages/mine/index`);
    await page.reload();
    await visible(page, '.mine-messages').click({ timeout: 30_000 });
    await visible(page, '.message-item').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(SETTLE_MS);
    // The message opens 我的申请: load its code once, then go back within the slide-in.
    await visible(page, '.message-item').click();
    await page.waitForURL(/packages\/membership\/requests\/index/, { timeout: 15_000 });
    await page.waitForTimeout(SETTLE_MS);
    await page.goBack();
    await expectOn(page, 'packages/mine/messages/index');
    for (const afterMs of [0, 20, 40]) {
      const returned = await tapThenBack(page, '.message-item', 'packages/membership/requests/index', afterMs);
      await expectOn(page, 'packages/mine/messages/index').catch((error: Error) => {
        throw new Error(`back ${afterMs} ms after the tap: ${error.message}`);
      });
      expect(returned, `back ${afterMs} ms after the tap: 我的申请 slid back in`).toBe(false);
    }
    await visible(page, '.message-item').click();
    await page.waitForURL(/packages\/membership\/requests\/index/, { timeout: 15_000 });
    await expectOn(page, 'packages/membership/requests/index');
  });

  it('back-back from two pages deep, 30 ms apart during the slide-in: 我的 shows and works', { timeout: 90_000 }, async () => {
    await page.goBack();
    await expectOn(page, 'packages/mine/messages/index');
    const returned = await tapThenBack(page, '.message-item', 'packages/membership/requests/index', 30, 2);
    await expectOn(page, 'pages/mine/index');
    expect(returned).toBe(false);
    await visible(page, '.mine-messages').click();
    await visible(page, '.message-item').waitFor({ timeout: 15_000 });
    await expectOn(page, 'packages/mine/messages/index');
  });
});
