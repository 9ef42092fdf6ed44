/// <reference lib="dom" />
/**
 * The union tree and 建会 in a 375 px Chromium on the H5 build: an enterprise's contact applies from
 * 我的, a 西安 cadre approves it from 管理 and the applicant finds their union founded; a cadre creates,
 * renames (a sibling's name is refused) and closes a union in 组织管理.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { OrgPage } from '@union/shared/orgs';
import { call, login } from '../api/client';
import { hanTag, newCreditCode, withWrongCheckChar } from '../api/fixtures';
import { TEST_H5 } from '../setup/ports';
import { ARTEFACTS, textOf, usePhones, visible } from './browser';

const RUN = Date.now().toString(36);
const phones = usePhones();

async function fill(page: Page, selector: string, value: string) {
  const input = visible(page, selector);
  await input.fill(value);
  await input.blur();
}

async function confirmDialog(page: Page, expectText?: string) {
  const dialog = visible(page, '.nut-dialog');
  await dialog.waitFor();
  if (expectText) expect(await dialog.textContent()).toContain(expectText);
  await visible(page, '.nut-dialog-footer-ok').click();
  await page.locator('.nut-dialog:visible').waitFor({ state: 'hidden' });
}

describe('H5: 建会 and the union tree', () => {
  it('a user applies to found a union from 我的; 西安\'s cadre approves; the applicant becomes its cadre', { timeout: 150_000 }, async () => {
    const tag = hanTag();
    const employer = `西安${tag}科技有限公司`;
    const applicantName = `e2e-found-${RUN}`;
    const applicant = await phones.as(applicantName);
    await applicant.goto(`${TEST_H5}/#/pages/mine/index`);
    await visible(applicant, '.mine-found').click({ timeout: 30_000 });
    await visible(applicant, '.field-employer input').waitFor({ timeout: 30_000 });

    await fill(applicant, '.field-employer input', employer);
    // The union's name is offered from the employer's.
    await expect.poll(() => visible(applicant, '.field-name input').inputValue()).toBe(`${employer}工会`);
    // The credit code's check character is verified on the phone, before anything is sent.
    const code = newCreditCode();
    const wrong = withWrongCheckChar(code);
    await fill(applicant, '.field-creditCode input', wrong);
    expect(await textOf(applicant, '.field-error-creditCode')).toContain('校验位');
    await fill(applicant, '.field-creditCode input', code.toLowerCase());
    await expect.poll(() => applicant.locator('.field-error-creditCode:visible').count()).toBe(0);
    await fill(applicant, '.field-workforce input', '120');
    await fill(applicant, '.field-contactName input', '刘建华');
    await fill(applicant, '.field-contactPhone input', '13612345678');
    await visible(applicant, '.org-picker-field').click();
    await visible(applicant, '.org-picker-search input').fill('雁塔');
    const option = visible(applicant, '.union-option:not(.disabled):has-text("雁塔区总工会") .union-option-main');
    await option.waitFor();
    await option.click();
    await expect.poll(() => textOf(applicant, '.org-picker-value')).toBe('雁塔区总工会');
    await visible(applicant, '.found-privacy-agree').click();
    await applicant.waitForTimeout(300);
    await applicant.screenshot({ path: join(ARTEFACTS, 'org-apply-form.png'), fullPage: true });
    await visible(applicant, '.found-submit').click();
    await visible(applicant, '.found-card-pending').waitFor({ timeout: 20_000 });
    expect(await textOf(applicant, '.found-card-pending')).toContain(`${employer}工会`);

    const cadre = await phones.as('cadre-xian');
    await cadre.goto(`${TEST_H5}/#/pages/admin/index`);
    await visible(cadre, '.admin-org-apps-entry').click({ timeout: 30_000 });
    const row = visible(cadre, `.org-app-item:has-text("${tag}")`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('雁塔区总工会');
    await row.click();
    await visible(cadre, '.review-approve').waitFor({ timeout: 20_000 });
    // The contact person is personal data: masked for the cadre.
    expect(await textOf(cadre, '.review-fields')).toContain('刘*华');
    expect(await textOf(cadre, '.review-fields')).toContain('136****5678');
    await cadre.screenshot({ path: join(ARTEFACTS, 'org-application-review.png'), fullPage: true });
    await visible(cadre, '.review-approve').click();
    await confirmDialog(cadre, '首位管理员');
    // The server's answer first: the queue below is hidden while the review page is on top, so "no visible
    // row" alone held before the approval had landed (the applicant then still read 审核中).
    await visible(cadre, '.review-result-title:has-text("已批准")').waitFor({ timeout: 20_000 });
    await expect.poll(() => cadre.locator(`.org-app-item:visible:has-text("${tag}")`).count(), { timeout: 20_000 }).toBe(0);

    phones.current = applicant;
    await applicant.goto(`${TEST_H5}/#/packages/org-apply/mine/index`);
    await applicant.reload();
    await visible(applicant, '.found-card-approved').waitFor({ timeout: 20_000 });
    expect(await textOf(applicant, '.found-card-approved')).toContain('工会已成立');
    const me = (await call('GET', '/v1/me', { token: (await login(applicantName)).token })).body;
    expect(me.roles.map((r: { orgName: string }) => r.orgName)).toEqual([`${employer}工会`]);
  });

  it('a cadre creates a union, is refused a sibling\'s name, renames it, then closes it', { timeout: 150_000 }, async () => {
    const name = `${hanTag()}区总工会`;
    const renamed = `${hanTag()}新区总工会`;
    const page = await phones.as('cadre-xian');
    await page.goto(`${TEST_H5}/#/pages/admin/index`);
    await visible(page, '.admin-orgs-entry').click({ timeout: 30_000 });
    await expect.poll(() => textOf(page, '.org-here-name'), { timeout: 30_000 }).toBe('西安市总工会');
    await visible(page, '.org-row').waitFor({ timeout: 20_000 });

    await visible(page, '.org-tree-create').click();
    await fill(page, '.org-edit-name input', name);
    await visible(page, '.org-edit-level-county').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTEFACTS, 'org-create.png') });
    await visible(page, '.org-edit-submit').click();
    const row = visible(page, `.org-row:has-text("${name}")`);
    await row.waitFor({ timeout: 20_000 });
    await page.locator('.org-edit-body:visible').waitFor({ state: 'hidden' });

    await row.locator('.org-row-rename').click();
    await fill(page, '.org-edit-name input', '雁塔区总工会');
    await visible(page, '.org-edit-submit').click();
    expect(await textOf(page, '.org-edit-error-name')).toContain('同名');
    await fill(page, '.org-edit-name input', renamed);
    await visible(page, '.org-edit-submit').click();
    await visible(page, `.org-row:has-text("${renamed}")`).waitFor({ timeout: 20_000 });
    expect(await page.locator(`.org-row:visible:has-text("${name}")`).count()).toBe(0);
    const xian = (await login('cadre-xian')).token;
    const children = OrgPage.parse((await call('GET', '/v1/orgs/xa/children?limit=100', { token: xian })).body).items;
    const created = children.find((o) => o.name === renamed);
    expect(created?.path).toBe(`/sx/xa/${created?.id}/`);
    await page.screenshot({ path: join(ARTEFACTS, 'org-tree.png'), fullPage: true });

    await visible(page, `.org-row:has-text("${renamed}") .org-row-close`).click();
    await confirmDialog(page, '撤销');
    await expect.poll(() => page.locator(`.org-row:visible:has-text("${renamed}")`).count(), { timeout: 20_000 }).toBe(0);
    expect((await call('GET', `/v1/orgs/${created!.id}`, { token: xian })).body.status).toBe('closed');
  });

  it('the breadcrumb is evenly spaced with tappable crumbs; 暂不能撤销 is an information dialog with one button', { timeout: 120_000 }, async () => {
    const page = await phones.as('cadre-xian');
    await page.goto(`${TEST_H5}/#/pages/admin/index`);
    await visible(page, '.admin-orgs-entry').click({ timeout: 30_000 });
    await expect.poll(() => textOf(page, '.org-here-name'), { timeout: 30_000 }).toBe('西安市总工会');
    const yanta = page.locator('.org-row:visible:has-text("雁塔区总工会")').first();
    await yanta.waitFor({ timeout: 20_000 });

    // 雁塔 has unions under it: closing it is refused, and the dialog only informs.
    await yanta.locator('.org-row-close').click();
    // The page's one dialog asks, then tells: when the refusal comes back quickly it replaces the question
    // in the same dialog, which then never hides in between (a CI run waited 30 s for that).
    const question = visible(page, '.nut-dialog');
    await question.waitFor();
    expect(await question.textContent()).toContain('撤销');
    await visible(page, '.nut-dialog-footer-ok').click();
    const notice = visible(page, '.nut-dialog');
    await expect.poll(async () => (await notice.textContent()) ?? '', { timeout: 20_000 }).toContain('暂不能撤销');
    expect(await page.locator('.nut-dialog-footer-cancel:visible').count()).toBe(0);
    expect(await textOf(page, '.nut-dialog-footer-ok')).toBe('知道了');
    await page.screenshot({ path: join(ARTEFACTS, 'org-close-refused.png') });
    await visible(page, '.nut-dialog-footer-ok').click();
    await page.locator('.nut-dialog:visible').waitFor({ state: 'hidden' });

    // Into 雁塔: "西安市总工会 › 雁塔区总工会", the same gap either side of the separator.
    await yanta.locator('.org-row-browse').click();
    await expect.poll(() => textOf(page, '.org-here-name'), { timeout: 20_000 }).toBe('雁塔区总工会');
    const crumbs = page.locator('.org-crumb:visible');
    expect(await crumbs.allTextContents()).toEqual(['西安市总工会', '雁塔区总工会']);
    const [first, sep, second] = await Promise.all([crumbs.nth(0).boundingBox(), visible(page, '.org-crumb-sep').boundingBox(), crumbs.nth(1).boundingBox()]);
    expect(await textOf(page, '.org-crumb-sep')).toBe('›');
    const before = sep!.x - (first!.x + first!.width);
    const after = second!.x - (sep!.x + sep!.width);
    expect(before).toBeGreaterThanOrEqual(4);
    expect(Math.abs(before - after)).toBeLessThanOrEqual(1);
    for (const box of [first!, second!]) {
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.width).toBeGreaterThanOrEqual(44);
    }
    await page.screenshot({ path: join(ARTEFACTS, 'org-breadcrumb.png') });
    await crumbs.nth(0).click();
    await expect.poll(() => textOf(page, '.org-here-name'), { timeout: 20_000 }).toBe('西安市总工会');
  });
});
