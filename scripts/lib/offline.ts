/** serverless-offline (osls + serverless-esbuild) as a child process, for the local stack and the tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..');

export interface Offline {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Waits until the API answers (any HTTP status) or the process dies. */
async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serverless offline exited with code ${child.exitCode}`);
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
  // Spawn node with the script itself (not npx) so SIGINT reaches the real process. In-process mode runs
  // handlers inside offline's own process (no worker thread per request): a 300-request burst then
  // finishes instead of timing out, and module state persists like a warm Lambda.
  const child = spawn(
    process.execPath,
    [bin, 'offline', 'start', '--useInProcess', '--stage', opts.stage, '--httpPort', String(opts.httpPort), '--lambdaPort', String(opts.lambdaPort), '--host', '127.0.0.1'],
    {
      cwd: root,
      env: { ...process.env, ...opts.env, DYNAMODB_ENDPOINT: opts.dynamoEndpoint, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) opts.log?.(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const url = `http://127.0.0.1:${opts.httpPort}`;
  await waitForHttp(`${url}/v1/me`, child, 120_000);
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        // SIGINT, not SIGTERM: esbuild panics on SIGTERM.
        child.kill('SIGINT');
      }),
  };
}
