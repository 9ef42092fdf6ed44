/// <reference lib="dom" />
/**
 * The first screen of a returning member (issue 16): the session is kept (no login on every open), the
 * home renders at once from what the app last knew and refreshes it, with the requests in parallel — and
 * it still shows when the network is gone. Its code comes with index.html's scripts (no lazy chunk first).
 */
import { describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { TEST_H5 } from '../setup/ports';
import { textOf, usePhones, visible } from './browser';

const phones = usePhones();
const API_PATH = /\/v1\/(me|articles|activities|auth\/wechat-login)(\?|$)/;

describe('H5: a returning member’s first screen', () => {
  it('keeps the session, asks for Me, news and activities at once, and shows the last known home when they fail', { timeout: 90_000 }, async () => {
    const phone = await phones.as(`first-screen-${Date.now().toString(36)}`);
    await phone.goto(TEST_H5);
    await visible(phone, '.home-signin-button').waitFor({ timeout: 30_000 });
    const hello = await textOf(phone, '.home-hero-hello');
    // The news list is what the next open shows before its request answers.
    await visible(phone, '.home-news-item').waitFor();
    await phone.waitForTimeout(500);

    // Reopen: no login round trip; the three reads go out together (each starts before any answers).
    const sent: { url: string; at: number; done?: number }[] = [];
    const track = (r: Request) => {
      if (API_PATH.test(r.url())) sent.push({ url: r.url(), at: Date.now() });
    };
    const finished = (r: Request) => {
      const s = sent.find((x) => x.url === r.url() && x.done === undefined);
      if (s) s.done = Date.now();
    };
    // Scripts and styles fetched before the home shows (miniprogram/config: the home page is in the
    // initial chunks): only those index.html names, none loaded lazily after app.js ran.
    const files: string[] = [];
    const trackFiles = (r: Request) => {
      if (['script', 'stylesheet'].includes(r.resourceType())) files.push(new URL(r.url()).pathname.replace(/^\//, ''));
    };
    phone.on('request', trackFiles);
    phone.on('request', track);
    phone.on('requestfinished', finished);
    await phone.reload();
    await visible(phone, '.home-signin-button').waitFor();
    phone.off('request', trackFiles);
    const html = await (await fetch(TEST_H5)).text();
    const named = [...html.matchAll(/(?:src|href)="\.\/((?:js|css)\/[^"]+)"/g)].map((m) => m[1]);
    expect(named.filter((f) => f.startsWith('js/')).length).toBeGreaterThan(0);
    expect(files.filter((f) => !named.includes(f))).toEqual([]);
    const path = (s: { url: string }) => new URL(s.url).pathname;
    // The first request of each path (a page shown again later may ask again).
    const firstOf = () => ['/v1/activities', '/v1/articles', '/v1/me'].map((p) => sent.find((s) => path(s) === p));
    await expect.poll(() => firstOf().every((s) => s?.done !== undefined), { timeout: 20_000 }).toBe(true);
    // Long enough for a second load the page's first show might start (it once asked for its feed twice).
    await phone.waitForTimeout(1500);
    phone.off('request', track);
    phone.off('requestfinished', finished);
    // No login: only the three reads, each once.
    expect(sent.map(path).sort()).toEqual(['/v1/activities', '/v1/articles', '/v1/me']);
    const firstAnswer = Math.min(...firstOf().map((s) => s!.done!));
    expect(firstOf().every((s) => s!.at <= firstAnswer)).toBe(true);

    // Reopen with the API unreachable: the home is still there, from storage, with no login error.
    await phone.route(API_PATH, (route) => route.abort('internetdisconnected'));
    await phone.reload();
    await visible(phone, '.home-signin-button').waitFor();
    expect(await textOf(phone, '.home-hero-hello')).toBe(hello);
    await visible(phone, '.home-news-item').waitFor();
    expect(await phone.getByText('登录失败').count()).toBe(0);
    await phone.unroute(API_PATH);
  });
});
