/// <reference lib="dom" />
/**
 * Findings of a walk through the app as a member and as cadres (375 px, headless Chromium): each test
 * is one thing a person ran into.
 */
import { describe, expect, it } from 'vitest';
import { TEST_H5 } from '../setup/ports';
import { usePhones, visible } from './browser';

const RUN = Date.now().toString(36);
const phones = usePhones();

describe('H5 walk: what people ran into', () => {
  it('a cadre who opened the editor directly (a reload, a link) lands on the list after publishing, not on a blank editor', { timeout: 90_000 }, async () => {
    const page = await phones.as('cadre-xian');
    await page.goto(`${TEST_H5}/#/packages/admin-news/edit/index`);
    const title = `直达发布 ${RUN}`;
    for (const [field, value] of [['.field-title input', title], ['.field-body textarea', '正文，第一段。']] as const) {
      await visible(page, field).fill(value);
      await visible(page, field).blur();
    }
    await visible(page, '.an-save-publish').click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/packages/admin-news/list/index');
    await visible(page, `.taro_page:visible :text("${title}")`).waitFor({ timeout: 15_000 });
  });
});
