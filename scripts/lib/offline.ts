/** serverless-offline (osls + serverless-esbuild) as a child process, for the local stack and the tests. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describeExit, spawnPart, type Part } from './processes';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..');

export interface Offline {
  url: string;
  /** serverless offline (its own process group, esbuild included), with its last log lines. */
  part: Part;
  stop(): Promise<void>;
}

/** Waits until the API answers (any HTTP status) or the process dies. */
async function waitForHttp(url: string, part: Part, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: string | undefined;
  void part.exited.then((e) => (exit = describeExit(e)));
  while (Date.now() < deadline) {
    if (exit) throw new Error(`serverless offline stopped (${exit}) before it answered:\n${part.lastLines().slice(-10).join('\n')}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`serverless offline did not answer on ${url} within ${timeoutMs} ms`);
}

export async function startOffline(opts: {
  stage: string;
  httpPort: number;
  lambdaPort: number;
  dynamoEndpoint: string;
  log?: (line: string) => void;
  env?: Record<string, string>;
}): Promise<Offline> {
  const bin = join(dirname(require.resolve('serverless/package.json')), 'bin', 'serverless.js');
  // Spawn node with the script itself (not npx) so signals reach the real process. In-process mode runs
  // handlers inside offline's own process (no worker thread per request): a 300-request burst then
  // finishes instead of timing out, and module state persists like a warm Lambda.
  const part = spawnPart(
    'the API (serverless offline)',
    process.execPath,
    [bin, 'offline', 'start', '--useInProcess', '--stage', opts.stage, '--httpPort', String(opts.httpPort), '--lambdaPort', String(opts.lambdaPort), '--host', '127.0.0.1'],
    {
      cwd: root,
      env: {
        ...process.env,
        ...opts.env,
        DYNAMODB_ENDPOINT: opts.dynamoEndpoint,
        // Its own bundle folder (serverless.yml custom.esbuild.outputWorkFolder): see there.
        ESBUILD_WORK_FOLDER: join('.esbuild', `offline-${opts.httpPort}`),
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      log: opts.log,
      // SIGINT, not SIGTERM: esbuild panics on SIGTERM.
      stopSignal: 'SIGINT',
    },
  );
  const url = `http://127.0.0.1:${opts.httpPort}`;
  try {
    await waitForHttp(`${url}/v1/me`, part, 120_000);
  } catch (error) {
    await part.stop();
    throw error;
  }
  return { url, part, stop: () => part.stop() };
}
