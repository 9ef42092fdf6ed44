/**
 * `npm test`: everything, in order — type check, lint, OpenAPI freshness, the weapp build with its size
 * budget and WeChat's own compiler/audit, `serverless package` with the bundle budget, the H5 build for
 * the test stack, then vitest (unit, DynamoDB Local integration, routes over serverless-offline, H5
 * end-to-end in Chromium). Each step counts as one test; the closing line is `tests: N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_API } from '../tests/setup/ports';

const root = join(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const tsx = (script: string, ...args: string[]) => [process.execPath, '--import', 'tsx', join(root, 'scripts', script), ...args];
const only = process.argv.slice(2);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

interface Step {
  name: string;
  command: string[];
  env?: Record<string, string>;
}

const steps: Step[] = [
  { name: 'typecheck', command: [bin('tsc'), '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'typecheck miniprogram', command: [bin('tsc'), '-p', 'miniprogram/tsconfig.json', '--noEmit'] },
  { name: 'lint', command: [bin('eslint'), '.'] },
  { name: 'openapi.json is current', command: tsx('openapi.ts', '--check') },
  { name: 'weapp build (production)', command: tsx('build-cli.ts', 'weapp', 'prod') },
  { name: 'weapp main package budget', command: tsx('weapp-size.ts') },
  { name: 'WeChat compiler and code-quality audit', command: [process.execPath, join(root, 'scripts', 'weapp-audit.mjs')] },
  { name: 'serverless package + bundle budget', command: tsx('package.ts') },
  { name: 'H5 build for the test stack', command: tsx('build-cli.ts', 'h5', 'test', TEST_API) },
];

let passed = 0;
let failed = 0;
const failures: string[] = [];

for (const step of steps) {
  if (only.length && !only.some((o) => step.name.includes(o))) continue;
  const started = Date.now();
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(step.command[0], step.command.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, ...step.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    passed++;
    console.log(`✓ ${step.name} (${seconds} s)`);
  } else {
    failed++;
    failures.push(step.name);
    console.log(`✗ ${step.name} (${seconds} s, exit ${result.status})`);
  }
}

if (!only.length || only.includes('vitest')) {
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const report = join(root, 'test-results', 'vitest.json');
  console.log('\n▶ vitest');
  spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number; success: boolean; testResults: { status: string; name: string }[] };
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    // A test file that failed to load has no tests counted: count it as a failure.
    const broken = json.testResults.filter((t) => t.status === 'failed' && json.numFailedTests === 0).length;
    failed += broken;
    if (json.numFailedTests || broken) failures.push('vitest');
    if (json.numTotalTests === 0) {
      failed++;
      failures.push('vitest ran no test');
    }
  } else {
    failed++;
    failures.push('vitest produced no report');
  }
}

if (failures.length) console.log(`\nfailed: ${failures.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
