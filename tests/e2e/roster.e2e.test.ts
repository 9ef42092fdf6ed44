/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { idCheckChar } from '@union/shared/id-number';
import { TEST_H5 } from '../setup/ports';
import { ARTEFACTS, textOf, usePhones, visible } from './browser';

// Fresh people each run (the table may outlive a run when tests are rerun against one stack).
const RUN = Date.now().toString(36);
const seq = (n: number) => String((Date.now() + n) % 1000).padStart(3, '0');
const validId = (birth: string, n: number) => {
  const first17 = `610103${birth}${seq(n)}`;
  return `${first17}${idCheckChar(first17)}`;
};
const UNION = '西安钟楼百货有限公司工会';
const MEMBER = { name: '赵名册', idNumber: validId('19880214', 1), phone: '13700001111' };
const OTHER = { name: '钱名册', idNumber: validId('19910530', 2) };
const BAD_FIRST17 = `61010319770315${seq(3)}`;
const BAD_ID = `${BAD_FIRST17}${idCheckChar(BAD_FIRST17) === '0' ? '1' : '0'}`;

/** A roster as Excel on Chinese Windows would not, but a careful cadre would save it: UTF-8 with BOM. */
const ROSTER_CSV = `\uFEFF姓名,身份证号,手机号\r\n${MEMBER.name},${MEMBER.idNumber},${MEMBER.phone}\r\n${OTHER.name},${OTHER.idNumber},\r\n孙错号,${BAD_ID},\r\n`;

const phones = usePhones();
let boundMemberNo = '';

/** Picks `name` from the 导入到 sheet, browsing from the cadre's own union into its children. */
async function pickUnion(page: Page, parent: string, name: string) {
  await visible(page, '.roster-scope').click();
  await visible(page, `.union-option:has-text("${parent}") .union-option-browse`).click();
  await visible(page, `.union-option:has-text("${name}") .union-option-main`).click();
  await expect.poll(() => textOf(page, '.roster-scope .union-scope-name')).toBe(name);
  await page.locator('.union-popup:visible').waitFor({ state: 'hidden' });
}

async function uploadFile(page: Page, name: string, content: string | Buffer, mimeType = 'text/csv') {
  const chooser = page.waitForEvent('filechooser');
  await visible(page, '.roster-file').click();
  await (await chooser).setFiles({ name, mimeType, buffer: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8') });
  await expect.poll(() => textOf(page, '.roster-file-name')).toBe(name);
  await visible(page, '.roster-submit').click();
}

describe('H5: 名册导入 and 会员认证', () => {
  it('a county cadre uploads a roster, sees the bad row, downloads it and commits', { timeout: 120_000 }, async () => {
    const cadre = await phones.as('cadre-beilin');
    await cadre.goto(`${TEST_H5}/#/pages/admin/index`);
    await visible(cadre, '.admin-roster-entry').click({ timeout: 30_000 });
    await visible(cadre, '.roster-upload').waitFor({ timeout: 15_000 });
    await pickUnion(cadre, '碑林区总工会', UNION);
    await uploadFile(cadre, `钟楼百货名册-${RUN}.csv`, ROSTER_CSV);

    // The preview: counts and the bad row with its row number and column, in Chinese.
    await visible(cadre, '.roster-summary').waitFor({ timeout: 20_000 });
    expect(cadre.url()).toContain('/packages/admin-roster/import/index');
    expect(await textOf(cadre, '.roster-count-rows .roster-count-value')).toBe('3');
    expect(await textOf(cadre, '.roster-count-accepted .roster-count-value')).toBe('2');
    expect(await textOf(cadre, '.roster-count-rejected .roster-count-value')).toBe('1');
    const error = await textOf(cadre, '.roster-error');
    expect(error).toContain('第 4 行');
    expect(error).toContain('身份证号');
    expect(await textOf(cadre, '.roster-summary')).toContain(UNION);
    await cadre.screenshot({ path: join(ARTEFACTS, 'roster-preview.png'), fullPage: true });

    // The rejected rows as a CSV, to fix and upload again.
    const download = cadre.waitForEvent('download');
    await visible(cadre, '.roster-download').click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv).toContain(BAD_ID);
    expect(csv).not.toContain(MEMBER.idNumber);

    await visible(cadre, '.roster-commit-button').click();
    const dialog = visible(cadre, '.nut-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('2 名会员');
    await visible(cadre, '.nut-dialog-footer-ok').click();
    await visible(cadre, '.roster-result').waitFor({ timeout: 30_000 });
    expect(await textOf(cadre, '.roster-count-created .roster-count-value')).toBe('2');
    expect(await textOf(cadre, '.roster-summary .roster-status')).toBe('已导入');
    await cadre.screenshot({ path: join(ARTEFACTS, 'roster-committed.png'), fullPage: true });

    // Back on 名册导入, the import is listed as done.
    await cadre.goBack();
    await expect.poll(() => textOf(cadre, `.roster-item:has-text("${RUN}")`), { timeout: 15_000 }).toContain('已导入');
    await cadre.screenshot({ path: join(ARTEFACTS, 'roster-imports.png'), fullPage: true });
  });

  it('a number-formatted 身份证号 column gets its own explanation, and nothing is imported', { timeout: 90_000 }, async () => {
    const cadre = await phones.as('cadre-beilin');
    await cadre.goto(`${TEST_H5}/#/packages/admin-roster/imports/index`);
    await visible(cadre, '.roster-upload').waitFor({ timeout: 30_000 });
    await pickUnion(cadre, '碑林区总工会', UNION);
    await uploadFile(cadre, `数字格式-${RUN}.csv`, `姓名,身份证号\r\n李数字,6.10103E+17\r\n`);
    // Refused whole (400) or row by row: either way the cadre is told to format the column as text.
    await visible(cadre, '.roster-number-help').waitFor({ timeout: 20_000 });
    expect(await textOf(cadre, '.roster-number-help')).toContain('文本');
    expect(await cadre.locator('.roster-commit-button:visible').count()).toBe(0);
    await cadre.waitForTimeout(400); // the page's slide-in
    await cadre.screenshot({ path: join(ARTEFACTS, 'roster-number-column.png'), fullPage: true });
  });

  it('a new user in the roster verifies from 我的 and lands on the member home', { timeout: 120_000 }, async () => {
    const user = await phones.as(`e2e-verify-${RUN}`);
    await user.goto(`${TEST_H5}/#/pages/mine/index`);
    // A non-member is offered both ways in, as big buttons.
    const verify = visible(user, '.mine-choice-verify');
    await verify.waitFor({ timeout: 30_000 });
    for (const choice of ['.mine-choice-verify', '.mine-choice-join']) {
      const box = (await visible(user, choice).boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      const fontSize = await visible(user, `${choice} .mine-choice-title`).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(fontSize).toBeGreaterThanOrEqual(16);
    }
    await user.screenshot({ path: join(ARTEFACTS, 'mine-non-member.png'), fullPage: true });
    await verify.click();
    await visible(user, '.field-name input').waitFor({ timeout: 15_000 });

    // 身份证号 is checked as it is typed.
    await visible(user, '.field-idNumber input').fill(BAD_ID);
    expect(await textOf(user, '.field-error-idNumber')).toContain('校验位');

    // A mismatch gets one answer that names no field.
    await visible(user, '.field-name input').fill('周不对');
    await visible(user, '.field-idNumber input').fill(MEMBER.idNumber);
    await expect.poll(() => user.locator('.field-error-idNumber:visible').count()).toBe(0);
    await visible(user, '.privacy-agree').click();
    await visible(user, '.verify-submit').click();
    const refusal = await textOf(user, '.verify-refusal-failed');
    expect(refusal).toContain('未能通过核对');
    expect(refusal).not.toMatch(/姓名不|身份证号不|手机号不/);
    await user.screenshot({ path: join(ARTEFACTS, 'verify-failed.png'), fullPage: true });

    await visible(user, '.field-name input').fill(MEMBER.name);
    await visible(user, '.field-phone input').fill(MEMBER.phone);
    await visible(user, '.verify-submit').click();

    await user.waitForURL(/pages\/index\/index/, { timeout: 20_000 });
    await expect.poll(() => textOf(user, '.home-hero'), { timeout: 15_000 }).toContain(UNION);
    const memberNo = /会员号 ([A-Z0-9-]+)/.exec(await textOf(user, '.home-hero'))?.[1];
    expect(memberNo).toBeTruthy();
    boundMemberNo = memberNo!;
    await user.screenshot({ path: join(ARTEFACTS, 'verify-member-home.png'), fullPage: true });
  });

  it('the cadre unbinds the member’s WeChat (reason required); the account is no longer a member', { timeout: 90_000 }, async () => {
    const cadre = await phones.as('cadre-beilin');
    await cadre.goto(`${TEST_H5}/#/packages/admin-tools/member/index?memberNo=${boundMemberNo}`);
    await visible(cadre, '.member-unbind').click({ timeout: 30_000 });
    // No reason, no unbinding.
    await visible(cadre, '.reason-sheet-submit').click();
    expect(await textOf(cadre, '.reason-sheet-error')).toContain('原因');
    await visible(cadre, '.reason-sheet-chip:has-text("手机丢失")').click();
    await visible(cadre, '.reason-sheet-submit').click();
    const dialog = visible(cadre, '.nut-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(boundMemberNo);
    await visible(cadre, '.nut-dialog-footer-ok').click();
    expect(await textOf(cadre, '.member-unbound')).toContain('已为');
    await cadre.screenshot({ path: join(ARTEFACTS, 'member-unbound.png'), fullPage: true });

    const user = await phones.as(`e2e-verify-${RUN}`);
    await user.goto(`${TEST_H5}/#/pages/mine/index`);
    await visible(user, '.mine-choice-verify').waitFor({ timeout: 30_000 });
  });

  it('a join request from someone in the roster points to 会员认证', { timeout: 90_000 }, async () => {
    const user = await phones.as(`e2e-inroster-${RUN}`);
    await user.goto(`${TEST_H5}/#/packages/membership/join/index`);
    await visible(user, '.field-name input').waitFor({ timeout: 30_000 });
    for (const [field, value] of [['name', OTHER.name], ['idNumber', OTHER.idNumber], ['phone', '13700002222'], ['employer', '西安钟楼百货有限公司']]) {
      await visible(user, `.field-${field} input`).fill(value);
    }
    await visible(user, '.org-picker-field').click();
    await visible(user, '.org-picker-search input').fill('钟楼');
    await visible(user, `.org-option:not(.disabled):has-text("${UNION}")`).click();
    await user.locator('.org-picker-popup:visible').waitFor({ state: 'hidden' });
    await visible(user, '.privacy-agree').click();
    await visible(user, '.join-submit').click();

    expect(await textOf(user, '.join-in-roster')).toContain('会员认证');
    await user.screenshot({ path: join(ARTEFACTS, 'join-in-roster.png'), fullPage: true });
    await visible(user, '.join-go-verify').click();
    await user.waitForURL(/packages\/membership\/verify\/index/, { timeout: 15_000 });
    await visible(user, '.verify-submit').waitFor();
  });

  it('fits a 375 px phone: nothing scrolls sideways', async () => {
    const overflow = await phones.current!.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
