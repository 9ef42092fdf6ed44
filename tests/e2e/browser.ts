/** The e2e tests' phones (see phone.ts), their artefacts and page helpers. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, onTestFailed } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPhone } from './phone';

export const ARTEFACTS = join(import.meta.dirname, '..', '..', 'test-results');

export async function openPhone(): Promise<{ context: BrowserContext; page: Page }> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const context = await launchPhone('zhgh-e2e-');
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** The text of the first element matching `selector`, once it is visible. */
export async function textOf(page: Page, selector: string): Promise<string> {
  // Taro H5 keeps visited tab pages in the DOM, hidden: read the one the person sees.
  const el = page.locator(`${selector}:visible`).first();
  await el.waitFor({ state: 'visible' });
  return (await el.textContent())?.trim() ?? '';
}

/** The first visible element matching `selector` (Taro H5 keeps hidden tab pages in the DOM). */
export const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`).first();

/**
 * Phones for one test file: `phones.as(name)` opens a 375 px phone logged in as `dev:<name>` (the
 * local/test H5 build reads the name Taro.setStorageSync stored); all close after the file, and a
 * failing test leaves a screenshot of `phones.current` (the last phone opened, unless a test points
 * it at another).
 */
export function usePhones() {
  const contexts: BrowserContext[] = [];
  const phones = {
    current: undefined as Page | undefined,
    async as(devName: string): Promise<Page> {
      const { context, page } = await openPhone();
      contexts.push(context);
      await context.addInitScript((n) => localStorage.setItem('zhgh.devName', JSON.stringify({ data: n })), devName);
      phones.current = page;
      return page;
    },
  };
  beforeEach(({ task }) => {
    onTestFailed(async () => {
      await phones.current?.screenshot({ path: join(ARTEFACTS, `FAILED-${task.name.slice(0, 40)}.png`), fullPage: true }).catch(() => {});
    });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
  });
  return phones;
}

/**
 * Scrolls the shown page in finger-sized steps until `selector` is there (a paged list loads on) or the
 * list's 没有更多了 shows: lists page 20 at a time, and other suites add to them while this one runs.
 */
export async function scrollUntil(page: Page, selector: string): Promise<void> {
  await page.mouse.move(187, 500);
  for (let i = 0; i < 100 && !(await page.locator(`${selector}:visible`).count()) && !(await page.locator('.paged-end:visible').count()); i++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(150);
  }
}
