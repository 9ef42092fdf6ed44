import { it } from 'vitest';
import { join } from 'node:path';
import { TEST_H5 } from '../setup/ports';
import { ARTEFACTS, openPhone } from './browser';

it('shots', { timeout: 90_000 }, async () => {
  for (const [who, url, file] of [['cadre-xian', 'pages/admin/index', 'tmp-admin.png'], ['member-2', 'pages/mine/index', 'tmp-mine.png'], ['visitor', 'pages/activities/index', 'tmp-visitor.png'], ['member-2', 'packages/activity/detail/index?id=demo-activity-2', 'tmp-detail2.png']]) {
    const { context, page } = await openPhone();
    await context.addInitScript((n) => localStorage.setItem('zhgh.devName', JSON.stringify({ data: n })), who);
    await page.goto(`${TEST_H5}/#/${url}`);
    await page.waitForTimeout(3000);
    await page.screenshot({ path: join(ARTEFACTS, file) });
    await context.close();
  }
});
