/// <reference lib="dom" />
/**
 * The 积分商城 and 活动 tabs page their lists as the member scrolls (GET /v1/goods and /v1/activities,
 * 20 a page): they used to ask once (the server's default 100) and never for more, so a chain with more
 * goods or activities than that showed only the first lot. A fresh union gets more than two pages of
 * each; the member sees one page, scrolls, and then every one of them exactly once and 没有更多了.
 * On 积分商城 a finger then drags down: scrolled, the list scrolls back up; at the top, a pull loads the first
 * page again (config/shims/taro-pull-down-refresh.js: Taro's H5 pull component did not find its page).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chinaIso } from '@union/shared/china-day';
import { TEST_H5 } from '../setup/ports';
import { call, login } from '../api/client';
import { hanTag, newMember } from '../api/fixtures';
import { ARTEFACTS, textOf, usePhones, visible } from './browser';

const PAGE_SIZE = 20;
const COUNT = 2 * PAGE_SIZE + 5; // three pages of the union's own, before its ancestors' offer
const RUN = hanTag(4);

const phones = usePhones();
let member: Awaited<ReturnType<typeof newMember>>;

beforeAll(async () => {
  const xian = (await login('cadre-xian')).token;
  const org = await call('POST', '/v1/admin/orgs', { token: xian, body: { parentId: 'xa-yt', name: `滚动分页${hanTag(6)}公司工会`, level: 'basic' } });
  expect(org.status, JSON.stringify(org.body)).toBe(201);
  const at = (h: number) => chinaIso(new Date(Date.now() + h * 3600_000));
  for (let i = 0; i < COUNT; i++) {
    const g = await call('POST', '/v1/admin/goods', {
      token: xian,
      body: { name: `${RUN}好礼${i}`, description: '', pointsPrice: 1, stock: 5, perMemberLimit: 1, orgId: org.body.id, fulfilment: 'pickup' },
    });
    expect(g.status, JSON.stringify(g.body)).toBe(201);
    const a = await call('POST', '/v1/admin/activities', {
      token: xian,
      body: { title: `${RUN}活动${i}`, description: '', location: '职工之家', orgId: org.body.id, startsAt: at(72 + i), endsAt: at(74 + i), signupOpensAt: at(-1), signupClosesAt: at(48), capacity: 10, waitlist: false, pointsReward: 0 },
    });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
  }
  member = await newMember(0, org.body.id);
}, 180_000);

/** The `limit` of every GET of `path` the page sends. */
function listRequests(page: Page, path: string): number[] {
  const limits: number[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (r.method() === 'GET' && url.pathname === path) limits.push(Number(url.searchParams.get('limit')));
  });
  return limits;
}

/**
 * Scrolls the shown page with the mouse wheel in finger-sized steps until 没有更多了 shows. (Taro H5
 * arms its next reach-bottom only on a scroll event away from the bottom: one jump straight from above
 * it to the bottom again, which no finger makes, would not load the next page.)
 */
async function scrollToEnd(page: Page) {
  await page.mouse.move(187, 500);
  for (let i = 0; i < 150 && !(await page.locator('.paged-end:visible').count()); i++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(150);
  }
  expect(await textOf(page, '.paged-end')).toBe('没有更多了');
}

/** How often each of the names made by this run shows on the page. */
async function shownCounts(page: Page, selector: string): Promise<Map<string, number>> {
  const names = await page.locator(`${selector}:visible`).allTextContents();
  const counts = new Map<string, number>();
  for (const n of names.map((t) => t.trim()).filter((t) => t.startsWith(RUN))) counts.set(n, (counts.get(n) ?? 0) + 1);
  return counts;
}

/** The query of every GET of `path` the page sends from now on. */
function queriesOf(page: Page, path: string): URLSearchParams[] {
  const seen: URLSearchParams[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (r.method() === 'GET' && url.pathname === path) seen.push(url.searchParams);
  });
  return seen;
}

/** Scrolls the shown page back to the top (as the status-bar tap does). */
async function toTop(page: Page) {
  await page.evaluate(() => (document.querySelector('.taro_page_show:not(.taro_page_shade)') ?? document.body).scrollTo(0, 0));
  await expect.poll(() => pageScrollTop(page)).toBe(0);
}

/** How far the shown page is scrolled (Taro H5 scrolls each page's container, not the window). */
const pageScrollTop = (page: Page) => page.evaluate(() => document.querySelector('.taro_page_show:not(.taro_page_shade)')?.scrollTop ?? -1);

/**
 * A finger on the screen (CDP touch events, as a phone's touchscreen sends them to the page: Taro's pull
 * component listens to touchstart/move/end) moving down by `dy` px from y = `fromY`, in finger-sized steps.
 */
async function fingerDrag(page: Page, fromY: number, dy: number) {
  const cdp = await page.context().newCDPSession(page);
  const x = 187;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: fromY }] });
  const steps = 15;
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: fromY + (dy * i) / steps }] });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/**
 * Opens the tab as the member: one page of `card`s (and 加载更多, no end), then scrolls to 没有更多了 and
 * finds each of the run's `kind`s exactly once, every page asked for `PAGE_SIZE` at a time.
 * `onFirstPage` checks more while only the first page shows; `failFirst` makes the first ask fail.
 */
async function scrollThrough(tab: string, api: string, card: string, name: string, kind: string, { onFirstPage, failFirst = false }: { onFirstPage?: (phone: Page) => Promise<void>; failFirst?: boolean } = {}) {
  const phone = await phones.as(member.name);
  const limits = listRequests(phone, api);
  // The network fails the first ask: the error with 重试, which then loads the first page.
  if (failFirst) await phone.route((url) => url.pathname === api, (r) => r.abort('internetdisconnected'), { times: 1 });
  await phone.goto(`${TEST_H5}/#/pages/${tab}/index`);
  if (failFirst) {
    expect(await textOf(phone, '.state-error')).toContain('加载失败');
    await visible(phone, '.state-error .nut-button').click();
  }
  await expect.poll(() => phone.locator(`${card}:visible`).count(), { timeout: 20_000 }).toBe(PAGE_SIZE);
  expect(await phone.locator('.paged-end:visible').count()).toBe(0);
  await visible(phone, '.paged-more').waitFor();
  await onFirstPage?.(phone);

  await scrollToEnd(phone);
  const counts = await shownCounts(phone, `${card} ${name}`);
  const expected = Array.from({ length: COUNT }, (_, i) => `${RUN}${kind}${i}`);
  expect([...counts.keys()].sort()).toEqual([...expected].sort());
  expect([...counts.values()].every((n) => n === 1), JSON.stringify([...counts])).toBe(true);
  expect(limits.length).toBeGreaterThanOrEqual(3);
  expect(limits.every((l) => l === PAGE_SIZE)).toBe(true);
  await phone.screenshot({ path: join(ARTEFACTS, `${tab}-paged-end.png`) });
  return { phone, limits };
}

describe('H5: the offer tabs page as the member scrolls', () => {
  it('积分商城: one page first, the rest on scrolling, each goods once, 没有更多了; a finger drag scrolls back up, a pull at the top starts over', { timeout: 150_000 }, async () => {
    const { phone } = await scrollThrough('mall', '/v1/goods', '.mall-goods', '.mall-goods-name', '好礼', {
      onFirstPage: async (p) => expect(await textOf(p, '.mall-section .muted')).toBe(`共 ${PAGE_SIZE}+ 件`),
    });
    const shown = await phone.locator('.mall-goods:visible').count();
    expect(await textOf(phone, '.mall-section .muted')).toBe(`共 ${shown} 件`);

    // A finger dragging down on the scrolled list scrolls it back up: no pull, nothing reloaded. (Taro's
    // H5 pull component took its own wrapper, never scrolled, for the page: every downward drag pulled.)
    const goods = queriesOf(phone, '/v1/goods');
    const scrolled = await pageScrollTop(phone);
    expect(scrolled).toBeGreaterThan(1000);
    await fingerDrag(phone, 300, 300);
    await expect.poll(() => pageScrollTop(phone)).toBeLessThan(scrolled - 100);
    await phone.waitForTimeout(500);
    expect(goods).toEqual([]);
    expect(await phone.locator('.rmc-pull-to-refresh-indicator:visible').count()).toBe(0);

    // At the top, a finger pull starts over from the first page (a GET without cursor), refreshes the
    // balance, and the pull indicator goes away once the list has loaded.
    await toTop(phone);
    const me = phone.waitForRequest((r) => new URL(r.url()).pathname === '/v1/me');
    await fingerDrag(phone, 250, 250);
    await me;
    await expect.poll(() => goods.length, { timeout: 15_000 }).toBe(1);
    expect(goods[0].has('cursor')).toBe(false);
    expect(goods[0].get('limit')).toBe(String(PAGE_SIZE));
    await expect.poll(() => phone.locator('.mall-goods:visible').count(), { timeout: 15_000 }).toBe(PAGE_SIZE);
    expect(await phone.locator('.paged-end:visible').count()).toBe(0);
    await expect.poll(() => phone.locator('.rmc-pull-to-refresh-indicator:visible').count(), { timeout: 5_000 }).toBe(0);
  });

  it('活动: a failed first load offers 重试; then one page, the rest on scrolling, each activity once, 没有更多了; a pull starts over', { timeout: 150_000 }, async () => {
    const { phone } = await scrollThrough('activities', '/v1/activities', '.activity-list-item', '.activity-card-title', '活动', { failFirst: true });
    // A finger pull at the top loads the first page again.
    const asked = queriesOf(phone, '/v1/activities');
    await toTop(phone);
    await fingerDrag(phone, 250, 250);
    await expect.poll(() => asked.length, { timeout: 15_000 }).toBe(1);
    expect(asked[0].has('cursor')).toBe(false);
    await expect.poll(() => phone.locator('.activity-list-item:visible').count(), { timeout: 15_000 }).toBe(PAGE_SIZE);
    await expect.poll(() => phone.locator('.rmc-pull-to-refresh-indicator:visible').count(), { timeout: 5_000 }).toBe(0);
  });
});
