/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * 适老化 measured: every page a member or a cadre can reach, at 375 px, in normal mode and in 长辈模式.
 * On each page, every visible tap target (buttons, links, inputs, anything with an onClick) must be at
 * least 44 × 44 CSS px (NutUI buttons and tab-bar items 60 × 60 in 长辈模式), every visible text at
 * least 18 px in 长辈模式, and every visible text must keep WCAG contrast against what is painted behind
 * it: 4.5:1, or 3:1 for large text (≥ 24 px, or ≥ 18.66 px bold). The worst offenders are printed as a
 * table; any offender fails the test.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, login } from '../api/client';
import { newMember } from '../api/fixtures';
import { TEST_H5 } from '../setup/ports';
import { ARTEFACTS, usePhones } from './browser';

const phones = usePhones();

const GOODS = 'demo-goods-3';
const ACTIVITY = 'demo-activity-1';
const CADRE = 'cadre-xian';

/** The member's pages: the tabs and every subpackage page (`:order` is filled in with a real order). */
const MEMBER_PAGES = [
  'pages/index/index',
  'pages/mall/index',
  'pages/activities/index',
  'pages/mine/index',
  'packages/membership/requests/index',
  'packages/membership/transfer/index',
  'packages/mine/messages/index',
  'packages/mine/profile/index',
  'packages/mine/favorites/index',
  'packages/mine/privacy/index',
  'packages/mine/deletion/index',
  'packages/mine/settings/index',
  `packages/mall/detail/index?id=${GOODS}`,
  'packages/mall/orders/index',
  'packages/mall/order/index?id=:order',
  `packages/activity/detail/index?id=${ACTIVITY}`,
  'packages/activity/mine/index',
];

/** A newcomer (no union yet) sees the join form. */
const NEWCOMER_PAGES = ['packages/membership/join/index'];

/** The 管理 tab and every cadre page. */
const CADRE_PAGES = [
  'pages/admin/index',
  'packages/admin/scope/index',
  'packages/admin/join-requests/index',
  'packages/admin/transfer-requests/index',
  'packages/admin-mall/goods/index',
  `packages/admin-mall/goods-edit/index?id=${GOODS}`,
  'packages/admin-mall/verify/index',
  'packages/admin-mall/orders/index',
  'packages/admin-mall/adjust/index',
  'packages/admin-activity/list/index',
  'packages/admin-activity/edit/index',
  `packages/admin-activity/participants/index?id=${ACTIVITY}`,
  `packages/admin-activity/checkin/index?id=${ACTIVITY}`,
  'packages/admin-stats/index',
  'packages/admin-tools/roles/index',
  'packages/admin-tools/audit/index',
  'packages/admin-tools/member/index',
];

interface Offence {
  page: string;
  mode: string;
  kind: 'tap' | 'size' | 'contrast';
  what: string;
  text: string;
  measured: number;
  required: number;
}

/**
 * Runs in the page: measures what is visible now. Kept self-contained (it is serialised into the page).
 */
function measure(elder: boolean): Omit<Offence, 'page' | 'mode'>[] {
  const out: Omit<Offence, 'page' | 'mode'>[] = [];
  const seen = (el: Element) => {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const describe = (el: Element) => {
    const cls = [...el.classList].filter((c) => !c.startsWith('taro') && !c.startsWith('hydrated')).slice(0, 3).join('.');
    return `${el.tagName.toLowerCase().replace(/^taro-|-core$/g, '')}${cls ? `.${cls}` : ''}`;
  };
  type Fiber = { memoizedProps?: Record<string, unknown> };
  /**
   * Whether someone tapping `el` runs code: a Taro component keeps its listeners in `__events`; a
   * plain element has them in its React props.
   */
  const tappable = (el: Element) => {
    const own = el as unknown as Record<string, unknown>;
    const events = own.__events as Record<string, unknown> | undefined;
    if (events && (events.click || events.tap)) return true;
    const fiberKey = Object.keys(el).find((k) => k.startsWith('__reactFiber$'));
    const fiber = fiberKey ? (own[fiberKey] as Fiber | undefined) : undefined;
    return typeof fiber?.memoizedProps?.onClick === 'function';
  };

  // ── Tap targets ────────────────────────────────────────────────────────────────────────────
  const MAIN = '.nut-button, .nut-tabbar-item';
  const targets = new Set<Element>();
  for (const el of document.querySelectorAll('button, a[href], input:not([type=hidden]), textarea, [role=button], .nut-button, .nut-tabbar-item, *')) {
    if (!(el.matches('button, a[href], input, textarea, [role=button], .nut-button, .nut-tabbar-item') || tappable(el))) continue;
    if (el.matches('.taro_page, .taro_router, body, html, #app') || !seen(el)) continue;
    // A target inside a NutUI button is the button; an icon inside a target is that target.
    if (el.parentElement?.closest('.nut-button')) continue;
    // Icons are drawn inside what is tapped (NutUI's <i> always binds a click of its own), and a NutUI
    // Tag binds one too whether or not anyone listens: neither is a target by itself.
    if (el.matches('.nut-icon, .nut-icon *, svg, svg *, .nut-tag')) continue;
    targets.add(el);
  }
  for (const el of targets) {
    const r = el.getBoundingClientRect();
    const need = elder && el.matches(MAIN) ? 60 : 44;
    const short = Math.min(r.width, r.height);
    if (short + 0.5 < need) {
      out.push({ kind: 'tap', what: describe(el), text: (el.textContent ?? '').trim().slice(0, 16), measured: Math.round(short * 10) / 10, required: need });
    }
  }

  // ── Text: size (长辈模式) and contrast ──────────────────────────────────────────────────────
  type Rgba = [number, number, number, number];
  const parse = (c: string): Rgba | undefined => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return undefined;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p[3] ?? 1];
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const ch = (i: number) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
    return [ch(0), ch(1), ch(2), a];
  };
  const lum = ([r, g, b]: Rgba) => {
    const l = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * l(r) + 0.7152 * l(g) + 0.0722 * l(b);
  };
  const ratio = (a: Rgba, b: Rgba) => {
    const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m);
    return (x + 0.05) / (y + 0.05);
  };
  /**
   * What is painted behind `el`: the backgrounds of it and its ancestors composed, top down, until an
   * opaque one. A gradient counts as each of its colours (its translucent stops laid over its opaque
   * ones), so the text must hold against every one of them.
   */
  const backdrops = (el: Element): Rgba[] | undefined => {
    const layers: Rgba[][] = [];
    const opaque = (layer: Rgba[]) => layer.length > 0 && layer.every((c) => c[3] === 1);
    for (let e: Element | null = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.backgroundImage.includes('url(')) return undefined; // a picture: not measurable
      if (cs.backgroundImage.includes('gradient')) {
        const stops = [...cs.backgroundImage.matchAll(/rgba?\([^)]+\)/g)].map((m) => parse(m[0])).filter((c): c is Rgba => Boolean(c) && c![3] > 0);
        const solid = stops.filter((c) => c[3] === 1);
        const veils = stops.filter((c) => c[3] < 1);
        const layer = solid.length > 0 ? [...solid, ...veils.flatMap((v) => solid.map((b) => over(v, b)))] : veils;
        if (layer.length > 0) layers.push(layer);
        if (opaque(layer)) break;
      }
      const bg = parse(cs.backgroundColor);
      if (bg && bg[3] > 0) {
        layers.push([bg]);
        if (bg[3] === 1) break;
      }
    }
    let result: Rgba[] = [[255, 255, 255, 1]];
    for (const layer of layers.reverse()) result = result.flatMap((b) => layer.map((t) => over(t, b)));
    return result;
  };

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const done = new Set<Element>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = (n.textContent ?? '').trim();
    const el = n.parentElement;
    if (!text || !el || done.has(el) || el.closest('svg, script, style, noscript')) continue;
    done.add(el);
    if (!seen(el)) continue;
    const cs = getComputedStyle(el);
    const size = parseFloat(cs.fontSize);
    if (elder && size + 0.05 < 18) out.push({ kind: 'size', what: describe(el), text: text.slice(0, 16), measured: Math.round(size * 10) / 10, required: 18 });
    // An inactive control's text is exempt from contrast (WCAG 1.4.3).
    if (el.closest('[disabled], .nut-button-disabled, .nut-button--disabled, .nut-input-disabled')) continue;
    const fg = parse(cs.color);
    const behind = backdrops(el);
    if (!fg || !behind) continue;
    let opacity = 1;
    for (let e: Element | null = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    const bold = Number(cs.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const worst = Math.min(...behind.map((b) => ratio(over([fg[0], fg[1], fg[2], fg[3] * opacity], b), b)));
    if (worst + 0.005 < need) out.push({ kind: 'contrast', what: describe(el), text: text.slice(0, 16), measured: Math.round(worst * 100) / 100, required: need });
  }
  return out;
}

/** Opens `route` and waits until the page has drawn its data (no skeleton left). */
async function open(page: Page, route: string, name: string) {
  try {
    await page.goto(`${TEST_H5}/#/${route}`);
    await page.locator('.page:visible').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('.nut-skeleton')].every((s) => !s.checkVisibility()), undefined, { timeout: 30_000 });
    await page.waitForTimeout(400);
    // Measure the settled page: a colour or opacity transition still running under load (a page sliding in,
    // a button fading) is not what a member reads. Endless ones (spinners) never settle and are not waited for.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 10_000 });
  } catch (e) {
    await page.screenshot({ path: join(ARTEFACTS, `FAILED-a11y-${name}.png`) }).catch(() => {});
    throw new Error(`${route} did not finish loading: ${(e as Error).message}`);
  }
}

async function phone(devName: string, elder: boolean) {
  const page = await phones.as(devName);
  if (elder) await page.context().addInitScript(() => localStorage.setItem('zhgh.elderMode', JSON.stringify({ data: { '': true } })));
  return page;
}

describe('H5: 适老化 — tap targets, text size and contrast on every page, in both modes', () => {
  it('holds on every member, newcomer and cadre page at 375 px', { timeout: 900_000 }, async () => {
    const member = await newMember(500);
    // A sold-out goods on the mall page, so its 已兑完 stamp is measured in every run (not only after a sale test).
    const cadre = (await login(CADRE)).token;
    const soldOut = await call('POST', '/v1/admin/goods', { token: cadre, body: { name: '已兑完的保温杯', description: '', pointsPrice: 10, stock: 0, perMemberLimit: 1, orgId: 'xa', fulfilment: 'pickup' }, headers: { 'idempotency-key': randomUUID() } });
    expect(soldOut.status, JSON.stringify(soldOut.body)).toBe(201);
    const ordered = await call('POST', '/v1/redemptions', { token: member.token, body: { goodsId: GOODS, quantity: 1 }, headers: { 'idempotency-key': randomUUID() } });
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
    const newcomer = `a11y-${randomUUID().slice(0, 8)}`;
    const runs: [string, string[]][] = [
      [member.name, MEMBER_PAGES.map((p) => p.replace(':order', encodeURIComponent(ordered.body.id as string)))],
      [newcomer, NEWCOMER_PAGES],
      [CADRE, CADRE_PAGES],
    ];

    const offences: Offence[] = [];
    let pages = 0;
    for (const elder of [false, true]) {
      for (const [who, routes] of runs) {
        const page = await phone(who, elder);
        // My favourites answer slowly, as on a weak network: the detail pages are measured with their 收藏
        // toggle still loading (it once faded to 2.2:1 then, seen only when the machine was busy).
        await page.route('**/v1/me/favorites?*', (r) => void setTimeout(() => void r.continue().catch(() => {}), 3000));
        for (const route of routes) {
          await open(page, route, `${elder ? 'elder' : 'normal'}-${route.split('?')[0].replace(/\//g, '-')}`);
          if (elder) expect(await page.locator('.page.elder:visible').count(), `${route}: 长辈模式 applied`).toBeGreaterThan(0);
          const found = await page.evaluate(measure, elder);
          pages += 1;
          offences.push(...found.map((o) => ({ ...o, page: route.split('?')[0], mode: elder ? '长辈' : '标准' })));
        }
        await page.context().close();
      }
    }

    // The worst first: the furthest below what is required.
    const gap = (o: Offence) => (o.required - o.measured) / o.required;
    const worst = [...offences].sort((a, b) => gap(b) - gap(a));
    const unique = [...new Map(worst.map((o) => [`${o.mode}|${o.kind}|${o.page}|${o.what}|${o.text}`, o])).values()];
    if (unique.length > 0) {
      console.log(`适老化: ${unique.length} offences on ${pages} page views (worst 60):`);
      console.table(unique.slice(0, 60).map((o) => ({ mode: o.mode, kind: o.kind, page: o.page, element: o.what, text: o.text, measured: o.measured, required: o.required })));
    } else {
      console.log(`适老化: ${pages} page views, no offences`);
    }
    expect(unique.map((o) => `${o.mode} ${o.kind} ${o.page} ${o.what} "${o.text}" ${o.measured} < ${o.required}`)).toEqual([]);
  });
});
