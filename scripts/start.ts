/**
 * `npm start`: the whole product on this machine — DynamoDB Local (data kept in .data/), the table from
 * serverless.yml, the demo seed (once), the API on 127.0.0.1:3000 and the H5 app on 127.0.0.1:10086.
 * Ctrl-C stops all of it. Ports: API_PORT, H5_PORT, DYNAMODB_PORT, LAMBDA_PORT.
 */
import { join } from 'node:path';
import type { Server } from 'node:http';
import { startDynamoLocal, type DynamoLocal } from './lib/dynamodb-local';
import { ensureTable } from './lib/table';
import { startOffline, type Offline } from './lib/offline';
import { serveStatic } from './lib/static-server';
import { buildMiniprogram } from './lib/build';

const root = join(import.meta.dirname, '..');
// Lambda runs Node 22; the SDK's notice about this machine's Node 20 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const API_PORT = port('API_PORT', 3000);
const H5_PORT = port('H5_PORT', 10086);
const DYNAMODB_PORT = port('DYNAMODB_PORT', 8000);
const LAMBDA_PORT = port('LAMBDA_PORT', 3002);
const STAGE = 'local';
const TABLE = `zhgh-${STAGE}`;

const started = Date.now();
const say = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${what}`);

let dynamo: DynamoLocal | undefined;
let offline: Offline | undefined;
let web: Server | undefined;
let stopping = false;

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\n正在停止… stopping');
  web?.close();
  await offline?.stop();
  await dynamo?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

async function main() {
  say(`DynamoDB Local on :${DYNAMODB_PORT} (data in .data/dynamodb)`);
  dynamo = await startDynamoLocal({ port: DYNAMODB_PORT, dbPath: join(root, '.data', 'dynamodb') });
  say(`table ${TABLE}: ${await ensureTable(dynamo.endpoint, TABLE)}`);

  Object.assign(process.env, { STAGE, TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: dynamo.endpoint, TOKEN_SECRET: 'seed-only-not-used-for-tokens-000000000', PII_KEY: 'bG9jYWwtcGlpLWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=' });
  const { seedDemo } = await import('./lib/seed');
  say(`demo seed: ${await seedDemo()}`);

  const api = `http://127.0.0.1:${API_PORT}`;
  say('starting the API (serverless offline) and building the H5 app…');
  const [off] = await Promise.all([
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
    buildMiniprogram('h5', { api, stage: STAGE }).then(() => say('H5 build done')),
  ]);
  offline = off;
  say(`API ready on ${api}`);
  web = await serveStatic(join(root, 'miniprogram', 'dist', 'h5'), H5_PORT);

  console.log(`
  ✅ 指尖上的工会 is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

     H5 app   http://127.0.0.1:${H5_PORT}    pick a demo identity, e.g. 张晓明 (dev:member-1)
     API      ${api}/v1             e.g. POST /v1/auth/wechat-login {"code":"dev:member-1"}
     DynamoDB ${dynamo.endpoint}         table ${TABLE}

  WeChat DevTools: building miniprogram/dist/weapp now; then import the repository root
  (project.config.json points at miniprogram/dist/weapp) and untick domain checks to reach ${api}.

  Ctrl-C stops everything; data stays in .data/ for the next start.
`);
  buildMiniprogram('weapp', { api, stage: STAGE })
    .then(() => say('weapp build done: miniprogram/dist/weapp'))
    .catch((e) => say(`weapp build failed: ${e.message}`));
}

main().catch(async (error) => {
  console.error(`\n启动失败 start failed: ${error instanceof Error ? error.message : error}`);
  await stop(1);
});
