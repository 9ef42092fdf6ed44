/// <reference lib="dom" />
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_H5 } from '../setup/ports';
import { newMember } from '../api/fixtures';
import { textOf, usePhones, visible } from './browser';

// Back pressed while the next page is still sliding in (Taro H5's 50 ms delay + 300 ms transition) must
// leave the page below on screen and working, and the page that left off it. The other e2e files wait the
// transition out; these press back inside it on purpose (the fix: miniprogram/config/shims/taro-router-page.js).

const phones = usePhones();
const MALL = 'pages/mall/index';
const DETAIL = 'packages/mall/detail/index';
/** Longer than every timer of a transition (delay + duration, then the left page's unload). */
const SETTLE_MS = 1000;

/**
 * Taps the first visible `selector`, presses the browser's back `afterMs` later (`backs` times, 30 ms apart),
 * all timed inside the page. Answers '' or how a page under `leaving` came back on screen after the first
 * back (Taro's slide-in finishing on a page that had already been taken away).
 */
async function tapThenBack(page: Page, selector: string, leaving: string, afterMs: number, backs = 1): Promise<string> {
  return page.evaluate(
    ({ selector, leaving, afterMs, backs, settle }) => new Promise<string>((done) => {
      const el = [...document.querySelectorAll<HTMLElement>(selector)].find((e) => e.offsetParent !== null);
      if (!el) throw new Error(`nothing visible matches ${selector}`);
      let returned = '';
      let backAt = 0;
      const watch = new MutationObserver((changes) => {
        for (const { target } of changes) {
          const node = target as HTMLElement;
          if (node.id?.startsWith(`/${leaving}?`) && node.classList.contains('taro_page_show')) {
            returned ||= `${Math.round(performance.now() - backAt)} ms after back: ${node.className}`;
          }
        }
      });
      el.click();
      // Watched from the moment the router hears of the back (a slide-in timer that fired earlier is no ghost).
      addEventListener('popstate', () => {
        backAt = performance.now();
        watch.observe(document.querySelector('.taro_router')!, { attributes: true, attributeFilter: ['class'], subtree: true });
      }, { once: true });
      setTimeout(() => {
        history.back();
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
  // The first card, whatever it is: the mall pages newest first, and other suites add goods as this runs.
  const name = await textOf(page, '.mall-goods .mall-goods-name');
  expect(name).not.toBe('');
  await visible(page, `.mall-goods:has-text("${name}")`).click();
  await expect.poll(() => textOf(page, '.detail-name'), { timeout: 15_000 }).toBe(name);
  await expectOn(page, DETAIL);
  await page.goBack();
  await expectMallUsable(page);
}

/** A new phone (so no test inherits another's broken screen) on the 商城 tab, the goods page opened once. */
async function mallPhone(name: string): Promise<Page> {
  const page = await phones.as(name);
  await page.goto(`${TEST_H5}/#/${MALL}`);
  await expect.poll(() => page.locator('.mall-goods:visible').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
  // First open: the detail page's code is fetched, so the timings that follow are the transition's alone.
  await expectMallWorks(page);
  return page;
}

/** A new phone on 我的消息 (over 我的), 我的申请 opened once from its message. */
async function inboxPhone(name: string): Promise<Page> {
  const page = await phones.as(name);
  await page.goto(`${TEST_H5}/#/pages/mine/index`);
  await visible(page, '.mine-messages').click({ timeout: 30_000 });
  await visible(page, '.message-item').waitFor({ timeout: 15_000 });
  await page.waitForTimeout(SETTLE_MS);
  await visible(page, '.message-item').click();
  await page.waitForURL(/packages\/membership\/requests\/index/, { timeout: 15_000 });
  await page.waitForTimeout(SETTLE_MS);
  await page.goBack();
  await expectOn(page, 'packages/mine/messages/index');
  return page;
}

describe('H5: back while a page is still sliding in', () => {
  let member: Awaited<ReturnType<typeof newMember>>;
  beforeAll(async () => {
    member = await newMember(300);
  });

  it('from a goods page back to the 商城 tab, at any moment of the slide-in: the mall shows and works', { timeout: 150_000 }, async () => {
    const page = await mallPhone(member.name);

    for (const afterMs of [0, 20, 40, 80, 150, 250, 400]) {
      const returned = await tapThenBack(page, '.mall-goods', DETAIL, afterMs);
      await expectMallUsable(page).catch((error: Error) => {
        throw new Error(`back ${afterMs} ms after the tap: ${error.message}`);
      });
      expect(returned, `back ${afterMs} ms after the tap: the goods page slid back in`).toBe('');
    }
    await expectMallWorks(page);
  });

  it('a quick double tap opens the goods page twice; back during the second slide-in shows the first, and works', { timeout: 90_000 }, async () => {
    const page = await mallPhone(member.name);
    // Count the pages the double tap pushes (Taro's hash history pushes through history.pushState); back
    // 20 ms after the second push.
    const pushed = await page.evaluate(() => new Promise<number>((done) => {
      let pushes = 0;
      const push = history.pushState.bind(history);
      history.pushState = (...args: Parameters<History['pushState']>) => {
        pushes += 1;
        push(...args);
        if (pushes === 2) setTimeout(() => history.back(), 20);
      };
      const el = [...document.querySelectorAll<HTMLElement>('.mall-goods')].find((e) => e.offsetParent !== null)!;
      el.click();
      // The second tap once the first goods page is on the page (still off screen, about to slide in).
      const second = setInterval(() => {
        if (!document.querySelector('.taro_page[id^="/packages/mall/detail/index?"]')) return;
        clearInterval(second);
        el.click();
        setTimeout(() => { history.pushState = push; done(pushes); }, 300);
      }, 5);
    }));
    expect(pushed).toBe(2);
    await expectOn(page, DETAIL);
    await visible(page, '.detail-name').waitFor();
    await page.goBack();
    await expectMallUsable(page);
    await expectMallWorks(page);
  });

  it('from 我的申请 back to 我的消息 (not a tab) during the slide-in: the inbox shows and works', { timeout: 90_000 }, async () => {
    const page = await inboxPhone(member.name);
    for (const afterMs of [0, 20, 40]) {
      const returned = await tapThenBack(page, '.message-item', 'packages/membership/requests/index', afterMs);
      await expectOn(page, 'packages/mine/messages/index').catch((error: Error) => {
        throw new Error(`back ${afterMs} ms after the tap: ${error.message}`);
      });
      expect(returned, `back ${afterMs} ms after the tap: 我的申请 slid back in`).toBe('');
    }
    await visible(page, '.message-item').click();
    await page.waitForURL(/packages\/membership\/requests\/index/, { timeout: 15_000 });
    await expectOn(page, 'packages/membership/requests/index');
  });

  it('back-back from two pages deep, 30 ms apart during the slide-in: 我的 shows and works', { timeout: 90_000 }, async () => {
    const page = await inboxPhone(member.name);
    const returned = await tapThenBack(page, '.message-item', 'packages/membership/requests/index', 30, 2);
    await expectOn(page, 'pages/mine/index');
    expect(returned).toBe('');
    await visible(page, '.mine-messages').click();
    await visible(page, '.message-item').waitFor({ timeout: 15_000 });
    await expectOn(page, 'packages/mine/messages/index');
  });
});
