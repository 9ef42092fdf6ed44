/**
 * `npm run rotate-pii-key -- --stage <stage> [--dry-run | --verify] [--segments 4] [--page-size 100]
 *   [--units-per-second 1000] [--checkpoint <file>] [--restart] [--print-retired-keyring]`
 *
 * Moves every stored ciphertext to the current version of the stage's PII_KEY keyring while the API keeps
 * serving (scripts/lib/pii-rotation.ts says how; docs/operations.md "Rotating the personal-data key" says
 * when and in which order). Resumable: the checkpoint (default `rotate-pii-key.<stage>.checkpoint.json`)
 * lets the same command go on after Ctrl-C, a crash or a kill; a finished run done again does nothing.
 *   --dry-run   reads the table, writes nothing: items to rewrite, units, time and cost here and for a province
 *   --verify    the same read, exits 1 unless every ciphertext is on the current version and readable
 *   --print-retired-keyring   after a clean --verify: the keyring to store once the old versions are retired
 * Stages as `npm run import`: local, test (TEST_PORT_BASE), or a cloud stage with PII_KEY from SSM.
 * Ends with one JSON line of figures on stdout.
 */
import { parseArgs } from 'node:util';
import { stageEnv } from './lib/stage-env';

const { values } = parseArgs({
  options: {
    stage: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    verify: { type: 'boolean', default: false },
    segments: { type: 'string', default: '4' },
    'page-size': { type: 'string', default: '100' },
    'units-per-second': { type: 'string', default: '1000' },
    checkpoint: { type: 'string' },
    restart: { type: 'boolean', default: false },
    'print-retired-keyring': { type: 'boolean', default: false },
    'write-figures': { type: 'boolean', default: false },
    endpoint: { type: 'string' },
    table: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const whole = (name: 'segments' | 'page-size' | 'units-per-second', max: number) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    console.error(`--${name} must be a whole number from 1 to ${max}`);
    process.exit(2);
  }
  return n;
};
if (!values.stage) {
  console.error('usage: npm run rotate-pii-key -- --stage <stage> [--dry-run | --verify] [--segments 4] [--page-size 100] [--units-per-second 1000]');
  process.exit(2);
}
const stage = values.stage;
const segments = whole('segments', 1000);
const pageSize = whole('page-size', 1000);
const unitsPerSecond = whole('units-per-second', 100_000);
const readOnly = values['dry-run'] || values.verify;

Object.assign(process.env, stageEnv(stage, { endpoint: values.endpoint, table: values.table }));

const { existsSync, rmSync } = await import('node:fs');
const { resolve } = await import('node:path');
const { dynamo, tableName } = await import('../functions/src/lib/dynamo');
const { piiKeyring } = await import('../functions/src/lib/pii');
const { rotate } = await import('./lib/pii-rotation');
const { provinceEstimate } = await import('./lib/pii-rotation-estimate');

const ring = piiKeyring();
const table = tableName();
// A dry run or a verification reads afresh every time; only a rotation keeps a checkpoint.
const checkpointPath = readOnly ? undefined : resolve(values.checkpoint ?? `rotate-pii-key.${stage}.checkpoint.json`);
if (checkpointPath && values.restart && existsSync(checkpointPath)) rmSync(checkpointPath);

const signal = { stopped: false };
process.on('SIGINT', () => {
  if (signal.stopped) process.exit(130);
  signal.stopped = true;
  process.stderr.write('\n正在停止：写完进行中的页并保存进度（再按一次 Ctrl-C 立即退出）… stopping after the pages in flight\n');
});

const started = Date.now();
let lastLine = 0;
if (!values.quiet) {
  process.stderr.write(`${readOnly ? (values.verify ? 'verifying' : 'dry run of') : 'rotating'} ${table}: keyring versions ${ring.versions.join(', ')}, target v${ring.current}, ${segments} segments × ${pageSize} items a page, ≤ ${unitsPerSecond} units/s\n`);
  if (!readOnly) process.stderr.write('The API must already run with this keyring (operations.md): a function that lacks the new version cannot read what this writes.\n');
}
const cp = await rotate({
  client: dynamo(), table, ring, segments, pageSize, unitsPerSecond, dryRun: readOnly, checkpointPath, signal,
  onPage: (p) => {
    if (values.quiet || Date.now() - lastLine < 2000) return;
    lastLine = Date.now();
    const s = (Date.now() - started) / 1000;
    const done = p.segments.filter((x) => x.done).length;
    process.stderr.write(`  ${p.counts.scanned.toLocaleString('en-US')} items read, ${p.counts.stale.toLocaleString('en-US')} on old keys, ${p.counts.rewritten.toLocaleString('en-US')} rewritten, ${p.counts.conflicts} conflicts retried — ${Math.round((p.counts.readUnits + p.counts.writeUnits) / s)} units/s, segments done ${done}/${p.segments.length}\n`);
  },
});
const seconds = (Date.now() - started) / 1000;
const finished = cp.segments.every((s) => s.done);
const c = cp.counts;
const summary = {
  table, target: ring.current, mode: values.verify ? 'verify' : readOnly ? 'dry-run' : 'rotate', finished, seconds: Number(seconds.toFixed(1)),
  scanned: c.scanned, stale: c.stale, rewritten: c.rewritten, conflicts: c.conflicts, resolvedByOthers: c.resolvedByOthers, unreadable: c.unreadable,
  readUnits: Number(c.readUnits.toFixed(1)), writeUnits: Number(c.writeUnits.toFixed(1)), byEntity: c.byEntity,
  ...(cp.unreadableKeys.length ? { unreadableKeys: cp.unreadableKeys } : {}),
};
if (values['dry-run']) {
  const estimate = provinceEstimate(c, unitsPerSecond);
  process.stderr.write(`${estimate.text}\n`);
  if (values['write-figures']) {
    const { writeFigures } = await import('./lib/doc-figures');
    writeFigures('pii-rotation', estimate.markdown(`npm run rotate-pii-key -- --stage ${stage} --dry-run --write-figures`), 'docs/operations.md');
  }
  Object.assign(summary, { province: estimate.figures });
}
if (values.verify && values['print-retired-keyring']) {
  if (c.stale || c.unreadable || !finished) process.stderr.write('not printing the retired keyring: the verification is not clean\n');
  else process.stderr.write(`Keyring without the old versions (store it as /zhgh/${stage}/pii-key, then deploy):\n${ring.retired()}\n`);
}
console.log(JSON.stringify(summary));
dynamo().destroy();
// A rotation that was stopped, left unreadable items, or a verification that found old ones: not done.
process.exit(!finished ? 3 : c.unreadable ? 1 : values.verify && c.stale ? 1 : 0);
