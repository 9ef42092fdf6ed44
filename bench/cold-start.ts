/**
 * `npm run bench:cold-start`: module initialisation of every function bundle — what a Lambda cold start
 * runs before the first request — each timed in a fresh Node process, RUNS times (default 10), median.
 * Times the bundles `npm run package` made (`--package` runs it first; it runs anyway when there are
 * none). A bundle is imported as the runtime imports it: `@aws-sdk/*` resolved from node_modules (the
 * runtime provides them), with a cloud stage's environment, so the configuration is validated as in
 * the cloud. Writes docs/design.md (figures:cold-start) with the date and core count.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFigures } from '../scripts/lib/doc-figures';

const RUNS = Math.max(1, Number(process.env.RUNS ?? 10));
export const COLD_START_GOAL_MS = 60;
const root = join(import.meta.dirname, '..');
const handlers = join(root, '.esbuild', '.build', 'functions', 'src', 'handlers');

if (process.argv.includes('--package') || !existsSync(handlers)) {
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'package.ts')], { cwd: root, stdio: 'inherit' });
}

// A cloud stage's environment (values are placeholders; nothing is called).
const env = {
  PATH: process.env.PATH,
  STAGE: 'prod', TABLE_NAME: 'zhgh-prod', AWS_REGION: 'cn-northwest-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x',
  TOKEN_SECRET: 'cold-start-bench-token-secret-0000000000', PII_KEY: Buffer.alloc(32, 1).toString('base64'),
  WECHAT_APPID: 'wx0', WECHAT_SECRET: 's', OA_TOKEN: 't', OA_APPID: 'wx1', OA_SECRET: 's',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
// The child prints the time its dynamic import of the bundle took (parse, compile, evaluate, and the
// SDK modules the bundle imports), then exits: one process, one cold start.
const probe = `const t=performance.now();const m=await import(process.argv[1]);if(typeof m.handler!=='function')throw new Error('no handler');process.stdout.write(String(performance.now()-t));`;

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// What the bundles' own code costs apart from the runtime's SDK: the two SDK modules they import, alone.
const sdkProbe = `const t=performance.now();await import('@aws-sdk/client-dynamodb');await import('@aws-sdk/util-dynamodb');process.stdout.write(String(performance.now()-t));`;
const sdkTimes = Array.from({ length: RUNS }, () => Number(execFileSync(process.execPath, ['--input-type=module', '-e', sdkProbe], { env, cwd: root, encoding: 'utf8' })));
const bundles = readdirSync(handlers).filter((f) => f.endsWith('.mjs')).sort();
const rows: { fn: string; kb: number; median: number; min: number; max: number }[] = [];
for (const file of bundles) {
  const url = pathToFileURL(join(handlers, file)).href;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe, url], { env, encoding: 'utf8' });
    times.push(Number(out));
  }
  rows.push({ fn: file.replace(/\.mjs$/, ''), kb: statSync(join(handlers, file)).size / 1024, median: median(times), min: Math.min(...times), max: Math.max(...times) });
}
rows.sort((a, b) => b.median - a.median);
console.log(`cold start: module initialisation in a fresh Node ${process.version} process, median of ${RUNS} (goal ≤ ${COLD_START_GOAL_MS} ms)`);
console.log(`  ${'function'.padEnd(20)} ${'KB'.padStart(7)} ${'median'.padStart(8)} ${'min'.padStart(7)} ${'max'.padStart(7)}`);
for (const r of rows) {
  console.log(`${r.median <= COLD_START_GOAL_MS ? '✓' : '✗'} ${r.fn.padEnd(20)} ${r.kb.toFixed(1).padStart(7)} ${r.median.toFixed(1).padStart(8)} ${r.min.toFixed(1).padStart(7)} ${r.max.toFixed(1).padStart(7)}`);
}
console.log(`  (the AWS SDK modules alone: median ${median(sdkTimes).toFixed(1)} ms)`);
const over = rows.filter((r) => r.median > COLD_START_GOAL_MS).length;
writeFigures(
  'cold-start',
  [
    `Measured by \`npm run bench:cold-start\` on ${new Date().toISOString().slice(0, 10)}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}: ` +
      `import of each bundle of \`npm run package\` (AWS SDK from node_modules, as the runtime provides it) in a fresh process, median of ${RUNS}: ` +
      `${rows.at(-1)!.median.toFixed(1)}–${rows[0].median.toFixed(1)} ms (goal ≤ ${COLD_START_GOAL_MS} ms; ${over} over), load average ${loadavg()[0].toFixed(1)}. ` +
      `Of that, importing \`@aws-sdk/client-dynamodb\` and \`util-dynamodb\` alone takes ${median(sdkTimes).toFixed(1)} ms (median of ${RUNS}).`,
    '',
    '| function | KB | median ms | min–max ms |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.fn} | ${r.kb.toFixed(1)} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)}–${r.max.toFixed(1)} |`),
  ].join('\n'),
);
