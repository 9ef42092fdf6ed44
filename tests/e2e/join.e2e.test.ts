/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { idCheckChar, maskName } from '@union/shared/id-number';
import { TEST_H5 } from '../setup/ports';
import { ARTEFACTS, textOf, usePhones, visible } from './browser';

// Each run uses brand-new applicants (the table outlives a single test when tests rerun).
const RUN = Date.now().toString(36);
const APPLICANT = { devName: `e2e-join-${RUN}`, name: '王晓测', phone: '13912345678', employer: `秦云软件研发部 ${RUN}` };
const first17 = '61011319900307123';
const VALID_ID = `${first17}${idCheckChar(first17)}`;
const WRONG_CHECK = `${first17}${idCheckChar(first17) === '0' ? '1' : '0'}`;

const phones = usePhones();
const phoneAs = phones.as;

async function fill(page: Page, field: string, value: string) {
  const input = visible(page, `.field-${field} input`);
  await input.fill(value);
  await input.blur();
}

async function pickUnion(page: Page, search: string, name: string, screenshot?: string) {
  await visible(page, '.org-picker-field').click();
  const box = visible(page, '.org-picker-search input');
  await box.fill(search);
  const option = visible(page, `.union-option:not(.disabled):has-text("${name}")`);
  await option.waitFor();
  if (screenshot) {
    await page.waitForTimeout(400); // the sheet's slide-in
    await page.screenshot({ path: join(ARTEFACTS, screenshot) });
  }
  await option.click();
  await expect.poll(() => textOf(page, '.org-picker-value')).toBe(name);
}

/** Fills the join form (already open) with the applicant's data, 秦云's union and the consent. */
async function fillJoinForm(page: Page, idNumber: string, screenshot?: string) {
  await visible(page, '.field-name input').waitFor({ timeout: 15_000 });
  await fill(page, 'name', APPLICANT.name);
  await fill(page, 'idNumber', idNumber);
  await fill(page, 'phone', APPLICANT.phone);
  await fill(page, 'employer', APPLICANT.employer);
  await pickUnion(page, '秦云', '陕西秦云软件有限公司工会', screenshot);
  await visible(page, '.privacy-agree').click();
}

describe('H5: joining the union', () => {
  it('an invalid 身份证号 shows the error on blur and nothing is submitted', { timeout: 60_000 }, async () => {
    const page = await phoneAs(`e2e-badid-${RUN}`);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/v1/join-requests')) posts.push(r.url());
    });
    await page.goto(`${TEST_H5}/#/packages/membership/join/index`);
    await fillJoinForm(page, WRONG_CHECK);
    expect(await textOf(page, '.field-error-idNumber')).toContain('校验位');

    await visible(page, '.join-submit').click();
    await page.waitForTimeout(800);
    expect(posts).toEqual([]);
    expect(page.url()).toContain('/packages/membership/join/index');
    // Corrected, the message goes away.
    await fill(page, 'idNumber', VALID_ID);
    await expect.poll(() => page.locator('.field-error-idNumber:visible').count()).toBe(0);
  });

  it('a new user applies, a cadre reveals the phone and approves, the member sees the result', { timeout: 120_000 }, async () => {
    // 1. The applicant fills the form and applies.
    const applicant = await phoneAs(APPLICANT.devName);
    await applicant.goto(`${TEST_H5}/#/pages/mine/index`);
    await visible(applicant, '.mine-join').click();
    await fillJoinForm(applicant, VALID_ID, 'join-org-picker.png');
    expect(await applicant.locator('.field-error:visible').count()).toBe(0);
    await applicant.screenshot({ path: join(ARTEFACTS, 'join-form.png'), fullPage: true });
    await visible(applicant, '.join-submit').click();

    await visible(applicant, '.join-request-pending').waitFor({ timeout: 15_000 });
    expect(applicant.url()).toContain('/packages/membership/requests/index');
    const pendingCard = await textOf(applicant, '.join-request-pending');
    expect(pendingCard).toContain('审核中');
    expect(pendingCard).toContain('陕西秦云软件有限公司工会');
    await applicant.waitForTimeout(400);
    await applicant.screenshot({ path: join(ARTEFACTS, 'join-requests.png'), fullPage: true });

    // 2. A cadre of 西安市总工会 reviews it on another phone.
    const cadre = await phoneAs('cadre-xian');
    await cadre.goto(`${TEST_H5}/#/pages/admin/index`);
    // The entry counts what waits in the cadre's scope.
    await expect.poll(() => textOf(cadre, '.admin-join-entry'), { timeout: 15_000 }).toMatch(/\d+ 份申请待审核/);
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-home.png'), fullPage: true });
    await visible(cadre, '.admin-join-entry').click();
    const row = visible(cadre, `.join-queue-item:has-text("${APPLICANT.employer}")`);
    await row.waitFor({ timeout: 15_000 });
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(maskName(APPLICANT.name));
    expect(rowText).not.toContain(APPLICANT.name);
    expect(rowText).toContain('等待');
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-queue.png'), fullPage: true });
    await row.click();

    await visible(cadre, '.review-field-phone').waitFor();
    expect(await textOf(cadre, '.review-field-phone .review-field-value')).toBe('139****5678');
    await visible(cadre, '.review-reveal-phone').click();
    // The confirm dialog says the view is recorded.
    expect(await textOf(cadre, '.nut-dialog')).toContain('记录');
    await visible(cadre, '.nut-dialog-footer-ok').click();
    await expect.poll(() => textOf(cadre, '.review-field-phone .review-field-value')).toBe(APPLICANT.phone);
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-review.png'), fullPage: true });

    await visible(cadre, '.review-approve').click();
    await visible(cadre, '.nut-dialog-footer-ok').click();
    // Back on the queue, the request has left 待审核.
    await visible(cadre, '.admin-queue-page').waitFor({ timeout: 15_000 });
    await expect.poll(() => cadre.locator(`.join-queue-item:visible:has-text("${APPLICANT.employer}")`).count(), { timeout: 10_000 }).toBe(0);

    // 3. The applicant is now a member, and was told.
    phones.current = applicant;
    await applicant.goto(`${TEST_H5}/#/pages/mine/index`);
    await applicant.reload();
    // (Not '会员号' alone: the pending card's own text says "…显示您的会员证和会员号", shown from what the
    // app kept until Me is fetched again.)
    await expect.poll(() => textOf(applicant, '.mine-profile'), { timeout: 15_000 }).toContain('陕西秦云软件有限公司工会');
    expect(await textOf(applicant, '.mine-profile')).toMatch(/会员号\s*\S+/);
    expect(await textOf(applicant, '.mine-profile')).not.toContain('审核中');
    expect(await applicant.locator('.mine-transfer:visible').count()).toBe(1);
    // 我的消息 carries the unread count.
    expect(await textOf(applicant, '.mine-unread')).toBe('1');
    await applicant.screenshot({ path: join(ARTEFACTS, 'member-approved.png'), fullPage: true });

    await visible(applicant, '.mine-messages').click();
    const message = visible(applicant, '.message-item');
    await message.waitFor({ timeout: 15_000 });
    expect(await message.textContent()).toContain('入会申请已通过');
    expect(await message.getAttribute('class')).toContain('unread');
    await applicant.waitForTimeout(400);
    await applicant.screenshot({ path: join(ARTEFACTS, 'member-messages.png'), fullPage: true });
  });

  it('the new member asks to transfer; the cadre opens the reject sheet, then approves inline', { timeout: 90_000 }, async () => {
    const applicant = await phoneAs(APPLICANT.devName);
    await applicant.goto(`${TEST_H5}/#/pages/mine/index`);
    await visible(applicant, '.mine-transfer').click();
    expect(await textOf(applicant, '.transfer-current')).toContain('陕西秦云软件有限公司工会');
    await pickUnion(applicant, '钟楼', '西安钟楼百货有限公司工会');
    const reason = `已调入钟楼百货工作 ${RUN}`;
    await visible(applicant, '.field-reason textarea').fill(reason);
    await applicant.locator('.org-picker-popup:visible').waitFor({ state: 'hidden' });
    await applicant.waitForTimeout(300);
    await applicant.screenshot({ path: join(ARTEFACTS, 'transfer-form.png'), fullPage: true });
    await visible(applicant, '.transfer-submit').click();
    await visible(applicant, '.transfer-request-pending').waitFor({ timeout: 15_000 });
    expect(await textOf(applicant, '.transfer-request-pending')).toContain('西安钟楼百货有限公司工会');

    const cadre = await phoneAs('cadre-xian');
    await cadre.goto(`${TEST_H5}/#/pages/admin/index`);
    await visible(cadre, '.admin-transfer-entry').click();
    const row = visible(cadre, `.transfer-queue-item:has-text("${RUN}")`);
    await row.waitFor({ timeout: 15_000 });
    // A rejection needs a reason: the sheet refuses an empty one.
    await row.locator('.transfer-reject').click();
    await visible(cadre, '.reason-sheet-submit').click();
    expect(await textOf(cadre, '.reason-sheet-error')).toContain('驳回理由');
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-transfer-reject.png') });
    await visible(cadre, '.reason-sheet-cancel').click();
    await cadre.locator('.reason-sheet-body:visible').waitFor({ state: 'hidden' });

    await row.locator('.transfer-approve').click();
    await visible(cadre, '.nut-dialog-footer-ok').click();
    await expect.poll(() => cadre.locator(`.transfer-queue-item:visible:has-text("${RUN}")`).count(), { timeout: 10_000 }).toBe(0);

    phones.current = applicant;
    await applicant.goto(`${TEST_H5}/#/pages/mine/index`);
    await applicant.reload();
    await expect.poll(() => textOf(applicant, '.mine-profile'), { timeout: 15_000 }).toContain('西安钟楼百货有限公司工会');
  });

  it('fits a 375 px phone: nothing scrolls sideways', async () => {
    const overflow = await phones.current!.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
