/**
 * `npm run bench:cold-start-variants`: why the functions are bundled as they are (docs/design.md "Cold
 * start"). One function (FN, default points) is built with serverless.yml's esbuild options and with the
 * alternatives, each one step from the next, and each build's import is timed in fresh Node processes,
 * round-robin over the variants (so a busy spell of this shared machine falls on all alike), RUNS times
 * (default 10): wall and CPU time, medians. Writes docs/design.md (figures:cold-start-variants).
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { functionBuildOptions } from '../scripts/lib/esbuild-options';
import { writeFigures } from '../scripts/lib/doc-figures';
import { median, timedImport } from './cold-import';

const RUNS = Math.max(1, Number(process.env.RUNS ?? 10));
const FN = process.env.FN ?? 'points';
const root = join(import.meta.dirname, '..');
// Inside the repository, so the first variant finds the SDK in node_modules as the runtime provides it.
const out = join(root, '.esbuild', 'variants');
const packaged = functionBuildOptions();
const { alias: _alias, mainFields: _mainFields, ...plain } = packaged;

const variants: { name: string; options: BuildOptions; env?: Record<string, string> }[] = [
  { name: "the runtime's SDK (`@aws-sdk/*` external, loaded from node_modules)", options: { ...plain, external: ['@aws-sdk/*'] } },
  { name: 'SDK bundled from its CommonJS build (esbuild\'s default `main` first)', options: plain },
  { name: 'SDK bundled from its ES modules (`module` first)', options: { ...plain, mainFields: packaged.mainFields } },
  {
    name: 'ES modules, environment credentials only',
    options: { ...packaged, alias: { '@aws-sdk/credential-provider-node': packaged.alias!['@aws-sdk/credential-provider-node'] } },
  },
  { name: '**as packaged**: ES modules, environment credentials only, no event-stream codec', options: packaged },
  { name: 'as packaged, with a linked source map and `--enable-source-maps`', options: { ...packaged, sourcemap: 'linked' }, env: { NODE_OPTIONS: '--enable-source-maps' } },
];

rmSync(out, { recursive: true, force: true });
const builds = await Promise.all(
  variants.map(async (v, i) => {
    const outdir = join(out, String(i));
    await build({ ...v.options, entryPoints: [`functions/src/handlers/${FN}.ts`], outdir, logLevel: 'warning' });
    const file = join(outdir, `${FN}.mjs`);
    return { ...v, file, kb: statSync(file).size / 1024, wall: [] as number[], cpu: [] as number[] };
  }),
);
const empty = join(out, 'empty.mjs');
writeFileSync(empty, 'export const handler = () => {};\n');
builds.push({ name: 'an empty module (what any import costs)', options: {}, file: empty, kb: statSync(empty).size / 1024, wall: [], cpu: [] });

const env = {
  PATH: process.env.PATH, STAGE: 'prod', TABLE_NAME: 'zhgh-prod', AWS_REGION: 'cn-northwest-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_SESSION_TOKEN: 'x',
  AWS_LAMBDA_FUNCTION_NAME: `zhgh-prod-${FN}`, TOKEN_SECRET: 'cold-start-bench-token-secret-0000000000', PII_KEY: Buffer.alloc(32, 1).toString('base64'),
  WECHAT_APPID: 'wx0', WECHAT_SECRET: 's', OA_TOKEN: 't', OA_APPID: 'wx1', OA_SECRET: 's', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
const loadBefore = loadavg()[0];
try {
  for (let i = 0; i < RUNS; i++) {
    for (const b of builds) {
      const [wall, cpu] = timedImport(pathToFileURL(b.file).href, root, { ...env, ...b.env });
      b.wall.push(wall);
      b.cpu.push(cpu);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
const loadAfter = loadavg()[0];
const ms = (x: number) => x.toFixed(1);
console.log(`cold start of ${FN}, by build, median of ${RUNS} (load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}):`);
for (const b of builds) console.log(`  ${b.kb.toFixed(1).padStart(7)} KB  wall ${ms(median(b.wall)).padStart(6)} ms  CPU ${ms(median(b.cpu)).padStart(6)} ms  ${b.name}`);
writeFigures(
  'cold-start-variants',
  [
    `Measured by \`npm run bench:cold-start-variants\` on ${new Date().toISOString().slice(0, 10)}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ` +
      `load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}: the \`${FN}\` function built each way, import in a fresh process, round-robin, median of ${RUNS}.`,
    '',
    '| build | KB | wall ms | CPU ms |',
    '| --- | ---: | ---: | ---: |',
    ...builds.map((b) => `| ${b.name} | ${b.kb.toFixed(1)} | ${ms(median(b.wall))} | ${ms(median(b.cpu))} |`),
  ].join('\n'),
);
