/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { login } from '../api/client';
import { newMember } from '../api/fixtures';
import { TEST_H5 } from '../setup/ports';
import { ARTEFACTS, textOf, usePhones, visible } from './browser';

const TITLE = `工会要闻 ${Date.now().toString(36)}`;

const phones = usePhones();

describe('H5: 资讯 with reading points, and the home page', () => {
  it('a cadre writes and publishes; a member opens it from the home page, reads, and the points arrive', { timeout: 150_000 }, async () => {
    const cadre = await phones.as('cadre-xian');
    await cadre.goto(`${TEST_H5}/#/pages/admin/index`);
    await visible(cadre, '.admin-news-entry').click({ timeout: 30_000 });
    await visible(cadre, '.an-new').click();
    await visible(cadre, '.field-title input').fill(TITLE);
    await visible(cadre, '.field-summary textarea').fill('西安市总工会发布的测试资讯');
    await visible(cadre, '.an-body textarea').fill('第一段：职工书屋开放。\n\n第二段：<strong>欢迎</strong>借阅。<script>alert(1)</script>');
    // Pinned, so it heads the member's list whatever other tests publish meanwhile.
    await visible(cadre, '.an-pin-switch').click();
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-news-edit.png'), fullPage: true });
    await visible(cadre, '.an-save-publish').click();
    const row = visible(cadre, `.an-row:has-text("${TITLE}")`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('已发布');
    expect(await row.textContent()).toContain('置顶');
    await cadre.screenshot({ path: join(ARTEFACTS, 'admin-news-list.png'), fullPage: true });

    const member = await newMember(0);
    const phone = await phones.as(member.name);
    await phone.goto(TEST_H5);
    const item = visible(phone, `.home-news-item:has-text("${TITLE}")`);
    await item.waitFor({ timeout: 30_000 });
    expect(await textOf(phone, '.points-balance')).toBe('0');
    await phone.screenshot({ path: join(ARTEFACTS, 'home-member.png'), fullPage: true });
    await item.click();

    await visible(phone, '.news-article-body').waitFor();
    const body = await visible(phone, '.news-article-body').innerHTML();
    expect(body).toContain('<p>第一段：职工书屋开放。</p>');
    expect(body).toContain('<strong>欢迎</strong>');
    expect(body).not.toContain('script');
    expect(await textOf(phone, '.news-reading')).toMatch(/阅读满 \d+ 秒可得 2 积分/);
    await phone.screenshot({ path: join(ARTEFACTS, 'news-detail-counting.png'), fullPage: true });
    // The server's rule (3 s on the test stage, 10 s elsewhere) is timed from the opening: wait it out.
    await expect.poll(() => textOf(phone, '.news-reading'), { timeout: 30_000, interval: 500 }).toBe('已获得 2 积分阅读奖励');
    await phone.screenshot({ path: join(ARTEFACTS, 'news-detail-credited.png'), fullPage: true });

    await phone.goBack();
    await expect.poll(() => textOf(phone, '.points-balance'), { timeout: 15_000 }).toBe('2');
  });

  it('someone not yet in a union is offered 会员认证 and 申请入会 first; services open an honest page; 长辈模式 enlarges the home', { timeout: 90_000 }, async () => {
    const stranger = await login();
    const phone = await phones.as(stranger.name);
    await phone.goto(TEST_H5);
    const tiles = phone.locator('.home-tile:visible .home-tile-text');
    await tiles.first().waitFor({ timeout: 30_000 });
    expect((await tiles.allTextContents()).slice(0, 2)).toEqual(['会员认证', '申请入会']);
    // The province's pinned news is public: the banner shows it.
    await visible(phone, '.home-slide').waitFor();
    await phone.screenshot({ path: join(ARTEFACTS, 'home-newcomer.png'), fullPage: true });

    // Every tile is a real tap target (≥ 44 × 44 CSS px) with text of at least 16 px.
    for (const box of await phone.locator('.home-tile:visible').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
      expect(box.width).toBeGreaterThanOrEqual(44);
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    const sizes = await phone.locator('.home-body:visible').evaluate((root) =>
      [...root.querySelectorAll('*')]
        .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()) && (e as HTMLElement).offsetParent !== null)
        .map((e) => ({ text: e.textContent!.trim().slice(0, 20), px: parseFloat(getComputedStyle(e).fontSize) })),
    );
    expect(sizes.filter((s) => s.px < 16), JSON.stringify(sizes.filter((s) => s.px < 16))).toEqual([]);

    await visible(phone, '.home-elder-switch').click();
    await visible(phone, '.home-elder').waitFor();
    const elderTile = await visible(phone, '.home-tile').boundingBox();
    expect(elderTile!.height).toBeGreaterThanOrEqual(60);
    expect(await phone.locator('.home-slide:visible').count()).toBe(0);
    await phone.screenshot({ path: join(ARTEFACTS, 'home-elder.png'), fullPage: true });
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await visible(phone, '.home-tile-legal').click();
    await visible(phone, '.service-soon').waitFor();
    expect(await textOf(phone, '.service-soon')).toContain('由所在工会提供');
    expect(await textOf(phone, '.service-button')).toContain('12351');
    await phone.screenshot({ path: join(ARTEFACTS, 'service-legal.png'), fullPage: true });
  });
});
