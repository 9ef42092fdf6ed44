/**
 * `npm run bench:cold-start`: module initialisation of every function — what a Lambda cold start runs
 * before the first request — each timed in a fresh Node process, RUNS times (default 10), median.
 * What is timed is what Lambda runs: each function's zip of `npm run package` (`--package` runs it first;
 * it runs anyway when there is none) unpacked into an empty folder outside the repository, so nothing can
 * come from node_modules (the AWS SDK is in the bundle: serverless.yml), with the function's environment
 * from the packaged template (its SSM secrets replaced by placeholders, so the configuration is validated as
 * in the cloud) plus what the Lambda runtime sets. Runs go round-robin over the functions, so a busy spell
 * of this shared machine falls on all of them alike; beside the wall time each run reports the CPU time its
 * process spent in the import, which a loaded machine stretches far less. Writes docs/design.md
 * (figures:cold-start) with the date, the core count and the load.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { writeFigures } from '../scripts/lib/doc-figures';
import { median, timedImport } from './cold-import';

const RUNS = Math.max(1, Number(process.env.RUNS ?? 10));
export const COLD_START_GOAL_MS = 60;
const root = join(import.meta.dirname, '..');
const templatePath = join(root, '.serverless', 'cloudformation-template-update-stack.json');

if (process.argv.includes('--package') || !existsSync(templatePath)) {
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'package.ts')], { cwd: root, stdio: 'inherit' });
}

// Placeholders for the secrets CloudFormation resolves from SSM at deploy time (nothing is called).
const SECRETS: Record<string, string> = {
  TOKEN_SECRET: 'cold-start-bench-token-secret-0000000000',
  PII_KEY: Buffer.alloc(32, 1).toString('base64'),
  WECHAT_APPID: 'wx0', WECHAT_SECRET: 's', OA_TOKEN: 't', OA_APPID: 'wx1', OA_SECRET: 's',
};
type Fn = { Handler: string; FunctionName: string; MemorySize: number; Runtime: string; Code: { S3Key: string }; Environment?: { Variables: Record<string, unknown> } };
const template = JSON.parse(readFileSync(templatePath, 'utf8')) as { Resources: Record<string, { Type: string; Properties: Fn }> };
const work = mkdtempSync(join(tmpdir(), 'zhgh-cold-'));
const functions = Object.values(template.Resources)
  .filter((r) => r.Type === 'AWS::Lambda::Function')
  .map(({ Properties: p }) => {
    const zip = join(root, '.serverless', p.Code.S3Key.replace(/^.*\//, ''));
    const task = join(work, p.FunctionName);
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zip)))) {
      if (name.endsWith('/')) continue;
      mkdirSync(dirname(join(task, name)), { recursive: true });
      writeFileSync(join(task, name), bytes);
    }
    const file = join(task, `${p.Handler.replace(/\.[^.]+$/, '')}.mjs`);
    const variables = Object.entries(p.Environment?.Variables ?? {}).map(([k, v]) => [k, typeof v === 'string' && !v.startsWith('{{resolve:') ? v : (SECRETS[k] ?? 'x')]);
    const env = {
      PATH: process.env.PATH,
      ...Object.fromEntries(variables),
      // What the Lambda runtime adds (the role's credentials come as environment variables).
      AWS_REGION: 'cn-northwest-1', AWS_DEFAULT_REGION: 'cn-northwest-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_SESSION_TOKEN: 'x',
      AWS_LAMBDA_FUNCTION_NAME: p.FunctionName, AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(p.MemorySize), AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_EXECUTION_ENV: `AWS_Lambda_${p.Runtime}`, AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand', LAMBDA_TASK_ROOT: task, TZ: ':UTC',
    };
    return { fn: file.replace(/^.*\//, '').replace(/\.mjs$/, ''), file, cwd: task, env, kb: statSync(file).size / 1024, zipKb: statSync(zip).size / 1024, wall: [] as number[], cpu: [] as number[] };
  })
  .sort((a, b) => a.fn.localeCompare(b.fn));

// For comparison: the runtime's way, the SDK's CommonJS build loaded from node_modules (what the bundles imported before).
const sdkOnly = join(work, 'sdk-from-node-modules.mjs');
writeFileSync(sdkOnly, `import '${pathToFileURL(join(root, 'node_modules', '@aws-sdk', 'client-dynamodb', 'dist-cjs', 'index.js')).href}';import '${pathToFileURL(join(root, 'node_modules', '@aws-sdk', 'util-dynamodb', 'dist-cjs', 'index.js')).href}';export const handler=()=>{};`);
const sdkRuns = { wall: [] as number[], cpu: [] as number[] };

const loadBefore = loadavg()[0];
try {
  for (let i = 0; i < RUNS; i++) {
    for (const f of functions) {
      const [wall, cpu] = timedImport(pathToFileURL(f.file).href, f.cwd, f.env);
      f.wall.push(wall);
      f.cpu.push(cpu);
    }
    const [wall, cpu] = timedImport(pathToFileURL(sdkOnly).href, root, functions[0].env);
    sdkRuns.wall.push(wall);
    sdkRuns.cpu.push(cpu);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const loadAfter = loadavg()[0];

const rows = functions.map((f) => ({ ...f, median: median(f.wall), min: Math.min(...f.wall), max: Math.max(...f.wall), cpuMedian: median(f.cpu) })).sort((a, b) => b.median - a.median);
const ms = (x: number) => x.toFixed(1);
console.log(`cold start: module initialisation of each function's zip in a fresh Node ${process.version} process, median of ${RUNS} (goal ≤ ${COLD_START_GOAL_MS} ms); load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${availableParallelism()} cores`);
console.log(`  ${'function'.padEnd(20)} ${'KB'.padStart(7)} ${'median'.padStart(8)} ${'min'.padStart(7)} ${'max'.padStart(7)} ${'CPU ms'.padStart(7)}`);
for (const r of rows) {
  console.log(`${r.median <= COLD_START_GOAL_MS ? '✓' : '✗'} ${r.fn.padEnd(20)} ${r.kb.toFixed(1).padStart(7)} ${ms(r.median).padStart(8)} ${ms(r.min).padStart(7)} ${ms(r.max).padStart(7)} ${ms(r.cpuMedian).padStart(7)}`);
}
console.log(`  (for comparison, the SDK's CommonJS build from node_modules alone, as the runtime provides it: median ${ms(median(sdkRuns.wall))} ms, CPU ${ms(median(sdkRuns.cpu))} ms)`);
const over = rows.filter((r) => r.median > COLD_START_GOAL_MS).length;
writeFigures(
  'cold-start',
  [
    `Measured by \`npm run bench:cold-start\` on ${new Date().toISOString().slice(0, 10)}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ` +
      `load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}: import of each function's zip of \`npm run package\` (AWS SDK bundled) unpacked outside the repository, ` +
      `with its template's environment, in a fresh process, median of ${RUNS}: **${ms(rows.at(-1)!.median)}–${ms(rows[0].median)} ms** wall ` +
      `(goal ≤ ${COLD_START_GOAL_MS} ms; ${over} over), ${ms(Math.min(...rows.map((r) => r.cpuMedian)))}–${ms(Math.max(...rows.map((r) => r.cpuMedian)))} ms CPU. ` +
      `For comparison, the SDK's CommonJS build loaded from node_modules alone (the runtime's copy, which the bundles imported before): ${ms(median(sdkRuns.wall))} ms wall, ${ms(median(sdkRuns.cpu))} ms CPU.`,
    '',
    '| function | bundle KB | zip KB | median ms | min–max ms | CPU ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.fn} | ${r.kb.toFixed(1)} | ${r.zipKb.toFixed(1)} | ${ms(r.median)} | ${ms(r.min)}–${ms(r.max)} | ${ms(r.cpuMedian)} |`),
  ].join('\n'),
);
