/**
 * `npm run bench:first-screen`: how long a returning member waits for their home page. A stack of its
 * own (DynamoDB Local in memory + the demo seed + serverless-offline, stage test, on the test ports of
 * TEST_PORT_BASE) and the test-stage H5 build (built for those ports when missing or pointed elsewhere;
 * `--build` forces it), in headless Chromium at 375 px with the CPU throttled 4× over the DevTools
 * protocol, as DevTools' "4× slowdown" does.
 *
 * A returning member: `dev:member-1` opens the app once (logs in, which stores what the app keeps), then
 * RUNS navigations to the home page are timed from navigation start (the page's `performance.timeOrigin`)
 * to the moment the sign-in button is in the layout and visible, observed inside the page. Median of RUNS
 * (default 5). Writes the figure into docs/design.md (figures:first-screen) with the date and core count.
 * The app is served as production would be (brotli; content-hashed files cacheable, index.html revalidated),
 * so a returning member's browser holds the scripts of its last open; RUNS more opens with the browser cache
 * disabled give the figure for an emptied cache.
 * Not a test: figures, and exit 1 only when the stack or the page fails.
 *
 * `BASELINE_H5=<dir>` also times another test-stage H5 build (e.g. one made from an earlier commit for the
 * same API) on the same stack, alternating run by run with this one so both meet the same machine load,
 * and writes both figures.
 *
 * `PROFILE=1` then traces one more throttled load of this build and prints what happened before the button
 * showed: every request (size on the wire, start → end), each script's compile and evaluation time on the
 * main thread, and the main thread's busy time by kind. For finding where the time goes; writes nothing.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { launchPhone } from '../tests/e2e/phone';
import { startDynamoLocal } from '../scripts/lib/dynamodb-local';
import { ensureTable } from '../scripts/lib/table';
import { startOffline } from '../scripts/lib/offline';
import { serveStatic } from '../scripts/lib/static-server';
import { buildMiniprogram, h5Output } from '../scripts/lib/build';
import { writeFigures } from '../scripts/lib/doc-figures';
import { TEST_API, TEST_H5, TEST_PORTS, TEST_TABLE } from '../tests/setup/ports';
import { profile } from './first-screen-profile';

const RUNS = Math.max(1, Number(process.env.RUNS ?? 5));
const THROTTLE = Number(process.env.CPU_THROTTLE ?? 4);
const SIGN_IN_BUTTON = '.home-signin-button';

const h5Dir = h5Output('test');
const baselineDir = process.env.BASELINE_H5;
/** The baseline's own origin (the API allows both). */
const BASELINE_H5 = `http://127.0.0.1:${TEST_PORTS.h5 + 10}`;
/** The build bakes its API URL in: reuse it only when it points at this bench's API. */
function builtFor(api: string): boolean {
  if (!existsSync(join(h5Dir, 'index.html'))) return false;
  const js = join(h5Dir, 'js');
  return readdirSync(js).some((f) => f.endsWith('.js') && readFileSync(join(js, f), 'utf8').includes(api));
}
if (process.argv.includes('--build') || !builtFor(TEST_API)) {
  console.log(`building the test-stage H5 app for ${TEST_API} …`);
  await buildMiniprogram('h5', { api: TEST_API, stage: 'test' });
}

const dynamo = await startDynamoLocal({ port: TEST_PORTS.dynamo, quiet: true });
let web: Server | undefined;
let baselineWeb: Server | undefined;
let offline: Awaited<ReturnType<typeof startOffline>> | undefined;
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  await ensureTable(dynamo.endpoint, TEST_TABLE);
  Object.assign(process.env, {
    STAGE: 'test', TABLE_NAME: TEST_TABLE, DYNAMODB_ENDPOINT: dynamo.endpoint,
    TOKEN_SECRET: 'test-token-secret-not-for-production-00001', PII_KEY: 'dGVzdC1waWkta2V5LS1ub3QtZm9yLXByb2R1Y3Rpb24=',
  });
  const { seedDemo } = await import('../scripts/lib/seed');
  await seedDemo();
  offline = await startOffline({ stage: 'test', httpPort: TEST_PORTS.api, lambdaPort: TEST_PORTS.lambda, dynamoEndpoint: dynamo.endpoint, env: { CORS_ORIGINS: baselineDir ? `${TEST_H5},${BASELINE_H5}` : TEST_H5 } });
  // Served as production would be (scripts/lib/static-server.ts): compressed, hashed files cached.
  web = await serveStatic(h5Dir, TEST_PORTS.h5, undefined, { production: true });
  if (baselineDir) baselineWeb = await serveStatic(baselineDir, TEST_PORTS.h5 + 10, undefined, { production: true });

  const context = await launchPhone('zhgh-first-screen-');
  try {
    await context.addInitScript(() => localStorage.setItem('zhgh.devName', JSON.stringify({ data: 'member-1' })));
    // Inside the page, from the first script on: the time (since navigation start) at which the sign-in
    // button is first laid out and visible. A MutationObserver + animation frames see it as it paints.
    // (A string: tsx would wrap a function's inner functions in a helper the page does not have.)
    await context.addInitScript(`(() => {
      const check = () => {
        if (window.__firstScreen !== undefined) return;
        const shown = [...document.querySelectorAll(${JSON.stringify(SIGN_IN_BUTTON)})].some((el) => el.checkVisibility() && el.getBoundingClientRect().height > 0);
        if (shown) window.__firstScreen = performance.now();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    })()`);
    const page = context.pages()[0] ?? (await context.newPage());
    const builds = [{ name: 'this build', origin: TEST_H5, times: [] as number[] }, ...(baselineDir ? [{ name: 'baseline', origin: BASELINE_H5, times: [] as number[] }] : [])];
    // The first open of each logs in; it makes the member a returning one (and warms the API's handlers).
    for (const build of builds) {
      await page.goto(`${build.origin}/#/pages/index/index`);
      await page.locator(`${SIGN_IN_BUTTON}:visible`).first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1000);
    }

    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    const open = async (origin: string) => {
      await page.goto('about:blank');
      await page.goto(`${origin}/#/pages/index/index`);
      await page.locator(`${SIGN_IN_BUTTON}:visible`).first().waitFor({ timeout: 60_000 });
      const ms = (await (await page.waitForFunction(() => (window as unknown as { __firstScreen?: number }).__firstScreen, undefined, { timeout: 10_000 })).jsonValue()) as number;
      // Let the revalidation the page started finish, as a member would before closing the app.
      await page.waitForTimeout(1500);
      return ms;
    };
    for (let i = 0; i < RUNS; i++) {
      for (const build of builds) build.times.push(await open(build.origin));
    }
    // The same member with the browser's cache emptied (WeChat cleared it, or a new release): every file
    // fetched again (compressed), nothing compiled ahead. This build only.
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const emptyCache: number[] = [];
    for (let i = 0; i < RUNS; i++) emptyCache.push(await open(TEST_H5));
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    if (process.env.PROFILE) await profile(page, cdp, TEST_H5);
    const cores = availableParallelism();
    const day = new Date().toISOString().slice(0, 10);
    const line = (b: (typeof builds)[number]) => `**${median(b.times).toFixed(0)} ms** (runs: ${b.times.map((t) => t.toFixed(0)).join(', ')} ms)`;
    for (const b of builds) {
      console.log(`first screen, ${b.name} (navigation → sign-in button visible, returning member, CPU ${THROTTLE}× slower): median ${median(b.times).toFixed(0)} ms of ${RUNS} [${b.times.map((t) => t.toFixed(0)).join(', ')}]`);
    }
    // Each run of this build is paired with the baseline's run right after it (same load on the machine):
    // the median of those differences is steadier than the difference of the two medians.
    const pairDiff = builds[1] ? median(builds[0].times.map((t, i) => t - builds[1].times[i])) : undefined;
    if (pairDiff !== undefined) console.log(`median paired difference (this build − baseline): ${pairDiff.toFixed(0)} ms`);
    console.log(`first screen, this build, browser cache emptied: median ${median(emptyCache).toFixed(0)} ms of ${RUNS} [${emptyCache.map((t) => t.toFixed(0)).join(', ')}]`);
    writeFigures(
      'first-screen',
      `Measured by \`npm run bench:first-screen\` on ${day}, ${cores} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}, load average ${loadavg()[0].toFixed(1)} at the end), ` +
        `headless Chromium, CPU throttled ${THROTTLE}×, 375 px: navigation → the home page's sign-in button visible for a returning member, ` +
        `median of ${RUNS}: ${line(builds[0])}; goal ≤ 500 ms. ` +
        `Served as a CDN would serve production: brotli, the content-hashed scripts and styles cached (immutable), index.html revalidated — so a returning member's browser has the scripts from its last open. ` +
        `With the browser cache emptied (everything fetched again, brotli over loopback): ${median(emptyCache).toFixed(0)} ms (runs: ${emptyCache.map((t) => t.toFixed(0)).join(', ')} ms).` +
        (builds[1] ? ` The baseline build (${process.env.BASELINE_NAME ?? baselineDir}), timed alternately on the same stack: ${line(builds[1])}; median paired difference ${pairDiff!.toFixed(0)} ms.` : ''),
    );
  } finally {
    await context.close();
  }
} finally {
  web?.close();
  baselineWeb?.close();
  await offline?.stop();
  await dynamo.stop();
}
