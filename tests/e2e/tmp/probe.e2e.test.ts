/// <reference lib="dom" />
import { it } from 'vitest';
import { TEST_H5 } from '../../setup/ports';
import { usePhones } from '../browser';
const phones = usePhones();
it('probe', { timeout: 120_000 }, async () => {
  const page = await phones.as('cadre-xian');
  await page.goto(`${TEST_H5}/#/pages/mine/index`);
  await page.locator('.mine-shortcut:visible').first().waitFor({ timeout: 60_000 });
  const info = await page.evaluate(() => {
    const el = document.querySelector('.mine-shortcut')!;
    const chain = [];
    for (let e: Element | null = el; e && chain.length < 3; e = e.parentElement) chain.push({ tag: e.tagName, keys: Object.keys(e), props: Object.keys((e as any)[Object.keys(e).find((k) => k.startsWith('__reactProps$')) ?? ''] ?? {}) });
    const icon = el.querySelector('.nut-icon')!;
    return { chain, icon: Object.keys((icon as any)[Object.keys(icon).find((k) => k.startsWith('__reactProps$')) ?? ''] ?? {}) , onclickAttr: (el as any).onclick, listeners: typeof (window as any).getEventListeners };
  });
  console.log(JSON.stringify(info, null, 1));
});
