/**
 * `PROFILE=1 npm run bench:first-screen`: one more throttled load of the home page, traced over the DevTools
 * protocol, printed as where the time before the sign-in button went — every request (bytes on the wire,
 * start → end, since navigation start), each script's compile and run time on the main thread, and the
 * main thread's busy time by kind. A diagnosis aid: prints; `PROFILE_TRACE=<file>` also keeps the trace
 * (open it in DevTools' Performance panel).
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; frame?: string; documentLoaderURL?: string; isLoadingMainFrame?: boolean } };
}
interface Resource { name: string; initiatorType: string; startTime: number; responseEnd: number; transferSize: number; encodedBodySize: number; decodedBodySize: number }

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-v8.cpu_profiler', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'blink.user_timing', 'loading'];
const short = (url: string) => url.replace(/^https?:\/\/[^/]+\//, '').replace(/\?.*$/, '') || url;
const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(6)} KB`;

export async function profile(page: Page, cdp: CDPSession, origin: string): Promise<void> {
  await page.goto('about:blank');
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
  await page.goto(`${origin}/#/pages/index/index`);
  const shownAt = (await (await page.waitForFunction(() => (window as unknown as { __firstScreen?: number }).__firstScreen, undefined, { timeout: 20_000 })).jsonValue()) as number;
  const resources = (await page.evaluate(() => performance.getEntriesByType('resource').map((r) => {
    const t = r as PerformanceResourceTiming;
    return { name: t.name, initiatorType: t.initiatorType, startTime: t.startTime, responseEnd: t.responseEnd, transferSize: t.transferSize, encodedBodySize: t.encodedBodySize, decodedBodySize: t.decodedBodySize };
  }))) as Resource[];
  const nav = (await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { responseEnd: n.responseEnd, domInteractive: n.domInteractive, domContentLoaded: n.domContentLoadedEventEnd };
  }));
  await page.waitForTimeout(500);
  await cdp.send('Tracing.end');
  await done;
  if (process.env.PROFILE_TRACE) writeFileSync(process.env.PROFILE_TRACE, JSON.stringify({ traceEvents: events }));

  // The renderer main thread that loaded our page, and its navigation start (trace clock, µs).
  const start = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith(origin));
  if (!start) throw new Error('the trace has no navigationStart for the page');
  const main = (e: TraceEvent) => e.pid === start.pid && e.tid === start.tid;
  const t0 = start.ts;
  const until = t0 + shownAt * 1000;
  const within = events.filter((e) => main(e) && e.ph === 'X' && e.ts >= t0 && e.ts < until && e.dur !== undefined);

  console.log(`\nPROFILE: sign-in button visible at ${shownAt.toFixed(0)} ms (document response end ${nav.responseEnd.toFixed(0)} ms, DOMContentLoaded ${nav.domContentLoaded.toFixed(0)} ms)`);
  console.log('\nrequests started before the button (since navigation start; wire bytes = transferSize, body = decoded size):');
  let wire = 0;
  let body = 0;
  for (const r of resources.filter((x) => x.startTime < shownAt).sort((a, b) => a.startTime - b.startTime)) {
    wire += r.transferSize;
    body += r.decodedBodySize;
    console.log(`  ${ms(r.startTime)} → ${ms(r.responseEnd)}  ${kb(r.transferSize)} wire ${kb(r.decodedBodySize)} body  ${r.initiatorType.padEnd(6)} ${short(r.name)}`);
  }
  console.log(`  total: ${kb(wire)} on the wire, ${kb(body)} decoded`);

  // Per script: compile (v8.compile / v8.compileModule), top-level run (EvaluateScript), later calls into it.
  const perUrl = new Map<string, { compile: number; evaluate: number; calls: number; first: number }>();
  for (const e of within) {
    const url = e.args?.data?.url;
    if (!url) continue;
    const kind = e.name === 'EvaluateScript' ? 'evaluate' : e.name.startsWith('v8.compile') ? 'compile' : e.name === 'FunctionCall' ? 'calls' : undefined;
    if (!kind) continue;
    const row = perUrl.get(url) ?? { compile: 0, evaluate: 0, calls: 0, first: Infinity };
    row[kind] += e.dur! / 1000;
    row.first = Math.min(row.first, (e.ts - t0) / 1000);
    perUrl.set(url, row);
  }
  console.log('\nmain-thread time per script before the button (compile is inside evaluate when both are listed):');
  for (const [url, r] of [...perUrl].sort((a, b) => a[1].first - b[1].first)) {
    console.log(`  at ${ms(r.first)}: evaluate ${ms(r.evaluate)}  compile ${ms(r.compile)}  later calls ${ms(r.calls)}  ${short(url)}`);
  }

  // Busy time: top-level tasks; by kind: the main named phases (nested ones overlap their parents).
  const busy = within.filter((e) => e.name === 'RunTask').reduce((s, e) => s + e.dur! / 1000, 0);
  const byName = new Map<string, number>();
  for (const e of within) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur! / 1000);
  const KINDS = ['EvaluateScript', 'v8.compile', 'v8.compileModule', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'ParseHTML', 'ParseAuthorStyleSheet', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'XHRReadyStateChange', 'ResourceReceivedData'];
  console.log(`\nmain thread before the button: busy ${ms(busy)} of ${ms(shownAt)} (idle = waiting for network/timers)`);
  console.log(`  ${KINDS.filter((k) => byName.has(k)).map((k) => `${k} ${byName.get(k)!.toFixed(0)}`).join(', ')} (ms)`);
  // The longest tasks, to see what blocks.
  const tasks = within.filter((e) => e.name === 'RunTask' && e.dur! > 15_000).map((e) => {
    const inner = within.filter((c) => c.ts >= e.ts && c.ts + (c.dur ?? 0) <= e.ts + e.dur! && c.name !== 'RunTask' && ['EvaluateScript', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'ParseHTML', 'Layout', 'UpdateLayoutTree', 'Paint', 'XHRReadyStateChange'].includes(c.name));
    const top = inner.sort((a, b) => b.dur! - a.dur!)[0];
    return `  ${ms((e.ts - t0) / 1000)} +${ms(e.dur! / 1000)}  ${top ? `${top.name} ${short(top.args?.data?.url ?? '')}` : ''}`;
  });
  console.log('tasks over 15 ms:');
  for (const t of tasks) console.log(t);
}
