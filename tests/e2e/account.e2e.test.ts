/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AccountExport } from '@union/shared/account-export';
import { TEST_H5 } from '../setup/ports';
import { call } from '../api/client';
import { newMember } from '../api/fixtures';
import { ARTEFACTS, textOf, usePhones, visible } from './browser';

const phones = usePhones();

describe('H5: 我的数据 — export and 注销', () => {
  it('exports my data as a file, then 注销 after typing the word lands logged out; the old token is refused', { timeout: 120_000 }, async () => {
    const member = await newMember(30);
    const page = await phones.as(member.name);
    await page.goto(`${TEST_H5}/#/packages/mine/privacy/index`);
    const exportButton = visible(page, '.pv-export');
    await exportButton.waitFor({ timeout: 30_000 });
    await expect.poll(() => exportButton.evaluate((el) => el.classList.contains('nut-button-disabled')), { timeout: 20_000 }).toBe(false);

    // The export arrives as a download: 我的数据-YYYYMMDD.json with my data, personal data in full.
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^我的数据-\d{8}\.json$/);
    const file = join(ARTEFACTS, 'account-export.json');
    await download.saveAs(file);
    const data = AccountExport.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(data.profile.id).toBe(member.me.id);
    expect(data.joinRequests[0].name).toBe('测试会员');
    await expect.poll(() => textOf(page, '.pv-mydata-done')).toContain('已导出');

    // 注销: the page says what is lost and what stays; the button waits for the typed word.
    await visible(page, '.pv-delete').click();
    await visible(page, '.del-warning').waitFor();
    expect(await textOf(page, '.del-balance')).toContain('30 积分');
    expect(await textOf(page, '.del-kept')).toContain('工会名册');
    const submit = visible(page, '.del-submit');
    expect(await submit.evaluate((el) => el.classList.contains('nut-button-disabled'))).toBe(true);
    await visible(page, '.del-word input').fill('注销');
    await expect.poll(() => submit.evaluate((el) => el.classList.contains('nut-button-disabled'))).toBe(false);
    await page.screenshot({ path: join(ARTEFACTS, 'account-deletion.png'), fullPage: true });
    await submit.click();
    await visible(page, '.del-done').waitFor({ timeout: 30_000 });
    expect(await textOf(page, '.del-done')).toContain('30 积分已作废');

    // Logged out: home shows the identity picker, and the old token is refused.
    await visible(page, '.del-home').click();
    await visible(page, '.dev-login').waitFor({ timeout: 20_000 });
    expect((await call('GET', '/v1/me', { token: member.token })).status).toBe(401);
  });
});
