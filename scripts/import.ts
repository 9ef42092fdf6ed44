/**
 * `npm run import -- --stage <stage> --kind orgs|members [--org <orgId>] [--concurrency 16] <file>`:
 * a province's union tree or member roster from a workstation, straight into the stage's table. The
 * file is streamed (never held whole), rows are checked with the app's own rules and written with
 * parallel BatchWriteItem; progress (rows/s, ETA) goes to stderr, rejected rows to `<file>.rejected.csv`,
 * and a checkpoint (`<file>.checkpoint.json`) lets the same command resume after Ctrl-C or a crash —
 * nothing is written twice. Ends with one JSON line of figures on stdout.
 *
 * Stages: `local` (npm start's DynamoDB Local), `test` (the test stack's, TEST_PORT_BASE), any other name:
 * the cloud table `zhgh-<stage>` with the AWS credentials of the environment and PII_KEY set (from SSM:
 * `aws ssm get-parameter --with-decryption --name /zhgh/<stage>/pii-key`). `--endpoint`/`--table` override.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stageEnv } from './lib/stage-env';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    stage: { type: 'string' },
    kind: { type: 'string' },
    org: { type: 'string' },
    concurrency: { type: 'string', default: '16' },
    window: { type: 'string', default: '10000' },
    endpoint: { type: 'string' },
    table: { type: 'string' },
    checkpoint: { type: 'string' },
    rejects: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const usage = 'usage: npm run import -- --stage <stage> --kind orgs|members [--org <orgId>] [--concurrency 16] [--window 10000] <file>';
if (!values.stage || !['orgs', 'members'].includes(values.kind ?? '') || positionals.length !== 1) {
  console.error(usage);
  process.exit(2);
}
const file = resolve(positionals[0]);
const stage = values.stage;

// The stage's table, endpoint and PII key, as its functions see them.
Object.assign(process.env, stageEnv(stage, { endpoint: values.endpoint, table: values.table }));

const { runImport, writeUnits, timing } = await import('./lib/importer');
const { SheetError } = await import('../functions/src/lib/sheets');

const signal = { stopped: false };
process.on('SIGINT', () => {
  if (signal.stopped) process.exit(130);
  signal.stopped = true;
  process.stderr.write('\n正在停止：写完进行中的批次并保存进度（再按一次 Ctrl-C 立即退出）… stopping after the batches in flight\n');
});

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const clock = (s: number) => (Number.isFinite(s) ? new Date(Math.max(0, s) * 1000).toISOString().slice(11, 19) : '--:--:--');
let peakRss = 0;
let lastLine = 0;
const started = Date.now();
const tty = process.stderr.isTTY;
const draw = (p: Parameters<NonNullable<Parameters<typeof runImport>[0]['onProgress']>>[0]) => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  // A terminal gets a bar redrawn in place; a log (CI, a pipe) a line every 5 s.
  if (values.quiet || Date.now() - lastLine < (tty ? 200 : 5000)) return;
  lastLine = Date.now();
  const seconds = (Date.now() - p.startedAt) / 1000;
  const share = p.bytes ? Math.min(1, p.bytesRead / p.bytes) : 0;
  const rate = (p.rows - p.rowsBefore) / Math.max(seconds, 0.001);
  const eta = share > 0 ? (seconds * (1 - share)) / share : NaN;
  const bar = '█'.repeat(Math.round(share * 20)).padEnd(20, '░');
  const what = p.phase === 'counters' ? 'union counters…' : `${fmt(p.rows)} rows ${fmt(rate)}/s ETA ${clock(eta)} rejected ${fmt(p.rejected)}`;
  process.stderr.write(`${tty ? '\r\x1b[2K' : ''}${bar} ${(share * 100).toFixed(1).padStart(5)}% ${what}${tty ? '' : '\n'}`);
};

try {
  const result = await runImport({
    kind: values.kind as 'orgs' | 'members',
    file,
    orgId: values.org,
    concurrency: Math.max(1, Number(values.concurrency)),
    window: Math.max(25, Number(values.window)),
    checkpointPath: values.checkpoint ?? `${file}.checkpoint.json`,
    rejectsPath: values.rejects ?? `${file}.rejected.csv`,
    onProgress: draw,
    signal,
  });
  // The process's high-water mark (kB), not just what the samples saw.
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  const seconds = (Date.now() - started) / 1000;
  if (!values.quiet) process.stderr.write('\n');
  const summary = { ...result, stopped: signal.stopped, seconds: Math.round(seconds * 10) / 10, rowsPerSecond: Math.round(result.rowsThisRun / seconds), peakRssMB: Math.round(peakRss / 1024 / 1024), ...(writeUnits.total ? { writeUnits: Math.round(writeUnits.total) } : {}) };
  console.error(
    signal.stopped
      ? `已暂停：进度已保存，再次运行同一命令即可继续。paused at row ${fmt(result.rows)}; run the same command to resume`
      : `完成 done: ${fmt(result.rows)} rows — created ${fmt(result.created)}, updated ${fmt(result.updated)}, unchanged ${fmt(result.unchanged)}, rejected ${fmt(result.rejected)} (see ${values.rejects ?? `${file}.rejected.csv`})`,
  );
  if (process.env.IMPORT_TIMING) console.error(JSON.stringify(timing));
  console.log(JSON.stringify(summary));
  process.exit(signal.stopped ? 130 : 0);
} catch (error) {
  if (error instanceof SheetError) {
    console.error(`\n无法导入 ${file}：${error.message}`);
    process.exit(1);
  }
  throw error;
}
