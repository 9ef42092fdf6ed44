/// <reference lib="dom" />
/**
 * Findings of a walk through the app as a member and as cadres (375 px, headless Chromium): each test
 * is one thing a person ran into.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { call } from '../api/client';
import { newMember } from '../api/fixtures';
import { TEST_H5 } from '../setup/ports';
import { textOf, usePhones, visible } from './browser';

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

  it('rejecting a transfer offers transfer reasons, not the join form\'s 姓名与身份证号不符', { timeout: 90_000 }, async () => {
    const member = await newMember(0);
    const filed = await call('POST', '/v1/transfer-requests', { token: member.token, headers: { 'idempotency-key': randomUUID() }, body: { toOrgId: 'xa-yt-ca', reason: `走查转会 ${RUN}` } });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);

    const page = await phones.as('cadre-xian');
    await page.goto(`${TEST_H5}/#/packages/admin/transfer-requests/index`);
    const row = visible(page, `.transfer-queue-item:has-text("走查转会 ${RUN}")`);
    await row.waitFor({ timeout: 20_000 });
    await row.locator('.transfer-reject').click();
    const sheet = visible(page, '.reject-sheet');
    await sheet.waitFor();
    const text = await sheet.innerText();
    expect(text).toContain('请选择新单位所在的基层工会');
    expect(text).not.toContain('身份证号');
  });

  it('数据统计 says where issued and spent points come from: reading pays, 补签 costs', { timeout: 90_000 }, async () => {
    const page = await phones.as('cadre-xian');
    await page.goto(`${TEST_H5}/#/packages/admin-stats/index`);
    expect(await textOf(page, '.stats-kpi-issued')).toContain('阅读');
    expect(await textOf(page, '.stats-kpi-spent')).toContain('补签');
  });

  it('长辈模式 reaches what is drawn outside the page: a confirm dialog and a toast read ≥ 18 px too', { timeout: 90_000 }, async () => {
    const member = await newMember(0);
    const signed = await call('POST', '/v1/activities/demo-activity-2/signups', { token: member.token, headers: { 'idempotency-key': randomUUID() } });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    const page = await phones.as(member.name);
    await page.context().addInitScript(() => localStorage.setItem('zhgh.elderMode', JSON.stringify({ data: { '': true } })));
    await page.goto(`${TEST_H5}/#/packages/activity/detail/index?id=demo-activity-2`);
    await visible(page, '.page.elder .signup-cancel').click({ timeout: 20_000 });
    await visible(page, '.nut-dialog').waitFor();
    await page.waitForTimeout(400); // the dialog's fade-in
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll('.nut-dialog *')]
        .filter((el) => el.checkVisibility() && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()))
        .map((el) => `${parseFloat(getComputedStyle(el).fontSize)}px ${el.textContent?.trim().slice(0, 12)}`),
    );
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.filter((s) => parseFloat(s) < 18)).toEqual([]);

    // The toast of a form sent with blanks (H5 draws it outside the page, too).
    await page.goto(`${TEST_H5}/#/packages/membership/transfer/index`);
    await visible(page, '.transfer-submit').click({ timeout: 20_000 });
    const toast = page.locator('.taro__toast p:visible', { hasText: '请检查标红的内容' });
    await toast.waitFor();
    expect(await toast.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(18);
  });
});
