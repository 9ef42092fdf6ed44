/**
 * `npm start`: the whole product on this machine — DynamoDB Local (data kept in .data/), the table from
 * serverless.yml, the demo seed (once), the API on 127.0.0.1:3000 and the H5 app on 127.0.0.1:10086.
 * Ports: API_PORT, H5_PORT, DYNAMODB_PORT, LAMBDA_PORT; DATA_DIR moves .data/; NO_BUILD=1 serves the
 * last builds instead of building.
 *
 * It supervises its parts: if DynamoDB Local, the API or the H5 server stops by itself, it says which and
 * why (the part's last log lines), stops the rest and exits 1 — half a stack would only confuse. Ctrl-C
 * and SIGTERM stop every part's whole process group, also after one has died. A start refuses ports that
 * are taken (naming the process), and first stops what a killed earlier start left running.
 */
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { startDynamoLocal } from './lib/dynamodb-local';
import { ensureTable } from './lib/table';
import { startOffline } from './lib/offline';
import { serveStatic } from './lib/static-server';
import { buildMiniprogram, h5Output } from './lib/build';
import { describeExit, stopAll, type Part } from './lib/processes';
import { assertPortsFree } from './lib/ports';
import { recordStack, stopLeftovers } from './lib/leftovers';

const root = join(import.meta.dirname, '..');
// Lambda runs Node 22; the SDK's notice about this machine's Node 20 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const API_PORT = port('API_PORT', 3000);
const H5_PORT = port('H5_PORT', 10086);
const DYNAMODB_PORT = port('DYNAMODB_PORT', 8000);
const LAMBDA_PORT = port('LAMBDA_PORT', 3002);
const DATA_DIR = process.env.DATA_DIR ?? join(root, '.data');
const NO_BUILD = process.env.NO_BUILD === '1';
const STAGE = 'local';
const TABLE = `zhgh-${STAGE}`;

const started = Date.now();
const say = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${what}`);

let web: Server | undefined;
let record: { release(): void } | undefined;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\n正在停止… stopping');
  web?.close();
  await stopAll();
  record?.release();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

/** A part stopped by itself: say which and why, then stop the rest and exit 1. */
function failed(name: string, why: string, lastLines: string[]) {
  if (stopping) return;
  const lines = lastLines.slice(-15).map((l) => `    ${l}`).join('\n') || '    (it printed nothing)';
  console.error(`\n✖ ${name} stopped unexpectedly (${why}). Its last lines:\n${lines}\n  Stopping the rest. Run npm start again; the data in ${DATA_DIR} is kept.`);
  void stop(1);
}
const supervise = (part: Part) => void part.exited.then((exit) => failed(part.name, describeExit(exit), part.lastLines()));

async function main() {
  mkdirSync(DATA_DIR, { recursive: true });
  const stackFile = join(DATA_DIR, 'stack.json');
  await stopLeftovers(stackFile, say);
  await assertPortsFree([
    { port: DYNAMODB_PORT, part: 'DynamoDB Local', variable: 'DYNAMODB_PORT' },
    { port: API_PORT, part: 'the API', variable: 'API_PORT' },
    { port: LAMBDA_PORT, part: "the API's Lambda endpoint", variable: 'LAMBDA_PORT' },
    { port: H5_PORT, part: 'the H5 app', variable: 'H5_PORT' },
  ]);
  record = recordStack(stackFile);

  say(`DynamoDB Local on :${DYNAMODB_PORT} (data in ${join(DATA_DIR, 'dynamodb')})`);
  const dynamo = await startDynamoLocal({ port: DYNAMODB_PORT, dbPath: join(DATA_DIR, 'dynamodb') });
  supervise(dynamo.part);
  say(`table ${TABLE}: ${await ensureTable(dynamo.endpoint, TABLE)}`);

  Object.assign(process.env, { STAGE, TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: dynamo.endpoint, TOKEN_SECRET: 'seed-only-not-used-for-tokens-000000000', PII_KEY: 'bG9jYWwtcGlpLWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=' });
  const { seedDemo } = await import('./lib/seed');
  say(`demo seed: ${await seedDemo()}`);

  const api = `http://127.0.0.1:${API_PORT}`;
  say(NO_BUILD ? 'starting the API (serverless offline); NO_BUILD=1: serving the last H5 build' : 'starting the API (serverless offline) and building the H5 app…');
  const [offline] = await Promise.all([
    startOffline({
      stage: STAGE,
      httpPort: API_PORT,
      lambdaPort: LAMBDA_PORT,
      dynamoEndpoint: dynamo.endpoint,
      env: { CORS_ORIGINS: `http://127.0.0.1:${H5_PORT},http://localhost:${H5_PORT}` },
      log: (line) => {
        if (/error|warn/i.test(line)) console.log(`  api | ${line}`);
      },
    }),
    NO_BUILD ? undefined : buildMiniprogram('h5', { api, stage: STAGE }).then(() => say('H5 build done')),
  ]);
  supervise(offline.part);
  say(`API ready on ${api}`);
  const h5Dir = h5Output(STAGE);
  if (!existsSync(join(h5Dir, 'index.html'))) say(`no H5 build in ${h5Dir}: run npm start without NO_BUILD once`);
  web = await serveStatic(h5Dir, H5_PORT);
  web.once('error', (error) => failed('the H5 server', error.message, []));
  web.once('close', () => failed('the H5 server', 'closed', []));

  console.log(`
  ✅ 指尖上的工会 is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

     H5 app   http://127.0.0.1:${H5_PORT}    pick a demo identity, e.g. 张晓明 (dev:member-1)
     API      ${api}/v1             e.g. POST /v1/auth/wechat-login {"code":"dev:member-1"}
     DynamoDB ${dynamo.endpoint}         table ${TABLE}

  WeChat DevTools: ${NO_BUILD ? 'miniprogram/dist/weapp holds the last build' : 'building miniprogram/dist/weapp now'}; then import the repository root
  (project.config.json points at miniprogram/dist/weapp) and untick domain checks to reach ${api}.

  Ctrl-C stops everything; data stays in ${DATA_DIR} for the next start.
`);
  if (NO_BUILD) return;
  buildMiniprogram('weapp', { api, stage: STAGE })
    .then(() => say('weapp build done: miniprogram/dist/weapp'))
    .catch((e) => !stopping && say(`weapp build failed: ${e.message}`));
}

main().catch(async (error) => {
  if (stopping) return; // a part's failure was already reported; what follows from stopping is noise
  console.error(`\n启动失败 start failed: ${error instanceof Error ? error.message : error}`);
  await stop(1);
});
