/**
 * `npm start` supervises its parts (scripts/start.ts, README "npm start"): its DynamoDB Local killed →
 * it names the part and its last lines, stops the rest and exits 1; SIGTERM → every process group it
 * started is gone and its ports are free; killed outright → the next start stops the leftovers first.
 * Runs scripts/start.ts on ports of its own, with a fresh data dir and NO_BUILD=1 (no Taro builds).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { START_PORTS } from '../setup/ports';
import { portIsFree } from '../../scripts/lib/ports';

const root = join(import.meta.dirname, '..', '..');
// DynamoDB Local keeps its data in SQLite: in memory-backed /dev/shm the seed is much faster.
const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const dirs: string[] = [];
const stacks: ChildProcess[] = [];

interface Stack {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  waitFor(text: string, timeoutMs?: number): Promise<void>;
}

/** Starts `npm start` (scripts/start.ts) in `dataDir`, collecting what it prints. */
function start(dataDir: string): Stack {
  const env: NodeJS.ProcessEnv = { ...process.env, API_PORT: String(START_PORTS.api), H5_PORT: String(START_PORTS.h5), LAMBDA_PORT: String(START_PORTS.lambda), DYNAMODB_PORT: String(START_PORTS.dynamo), DATA_DIR: dataDir, NO_BUILD: '1' };
  for (const name of ['STAGE', 'TABLE_NAME', 'DYNAMODB_ENDPOINT', 'TOKEN_SECRET', 'PII_KEY']) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  stacks.push(child);
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => text,
    exited,
    waitFor: async (wanted, timeoutMs = 150_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!text.includes(wanted)) {
        if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}) before "${wanted}":\n${text}`);
        if (Date.now() > deadline) throw new Error(`no "${wanted}" within ${timeoutMs} ms:\n${text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/** The process groups the stack recorded as its parts (DynamoDB Local, the API); [] when none. */
function recordedGroups(dataDir: string): { name: string; pid: number }[] {
  try {
    return JSON.parse(readFileSync(join(dataDir, 'stack.json'), 'utf8')).parts;
  } catch {
    return []; // not written yet, or being rewritten
  }
}

/** Waits until the stack has recorded `count` parts (the line before a spawn can arrive first). */
async function partsStarted(dataDir: string, count: number): Promise<{ name: string; pid: number }[]> {
  for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const groups = recordedGroups(dataDir);
    if (groups.length >= count) return groups;
  }
  throw new Error(`the stack did not record ${count} parts: ${JSON.stringify(recordedGroups(dataDir))}`);
}

/** Live (non-zombie) processes in any of these process groups. */
function liveIn(groups: number[]): string[] {
  const table = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([pid, pgid, stat]) => pid && groups.includes(Number(pgid)) && !stat.startsWith('Z'))
    .map((cols) => cols.join(' ').slice(0, 120));
}

async function portsFree(): Promise<Record<string, boolean>> {
  const entries = await Promise.all(Object.entries(START_PORTS).map(async ([name, port]) => [name, await portIsFree(port)] as const));
  return Object.fromEntries(entries);
}
const allFree = { dynamo: true, api: true, h5: true, lambda: true };

/** A fresh data directory, removed at the end. */
function dataDir(): string {
  const dir = mkdtempSync(join(scratch, 'zhgh-start-'));
  dirs.push(dir);
  return dir;
}

/** Whatever a test did or failed to do, nothing of its stacks outlives it (a failed test must not fail the next). */
afterEach(() => {
  const kill = (pid: number) => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  for (const dir of dirs) for (const g of recordedGroups(dir)) kill(g.pid);
  for (const child of stacks.splice(0)) if (child.pid) kill(child.pid);
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('npm start supervises its parts', () => {
  // One data dir for the first two tests: the second start then finds the table seeded, as a restart would.
  let shared: string | undefined;
  const keptData = () => (shared ??= dataDir());

  it('DynamoDB Local killed → names it with its last lines, stops the API, exits 1; nothing left, ports free', { timeout: 180_000 }, async () => {
    const dir = keptData();
    const stack = start(dir);
    await stack.waitFor('starting the API');
    const groups = await partsStarted(dir, 2);
    const dynamo = groups.find((g) => g.name === 'DynamoDB Local')!;
    expect(groups.map((g) => g.name)).toEqual(['DynamoDB Local', 'the API (serverless offline)']);

    const killedAt = Date.now();
    process.kill(dynamo.pid, 'SIGKILL');
    expect(await stack.exited).toBe(1);
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    const said = stack.output();
    expect(said).toContain('✖ DynamoDB Local stopped unexpectedly (killed by SIGKILL). Its last lines:');
    expect(said).toContain(`Port:\t${START_PORTS.dynamo}`); // DynamoDB Local's own banner
    expect(said).not.toContain('启动失败'); // one clear report, not a cascade of follow-on errors
    expect(liveIn([stack.child.pid!, ...groups.map((g) => g.pid)])).toEqual([]);
    expect(await portsFree()).toEqual(allFree);
    expect(existsSync(join(dir, 'stack.json'))).toBe(false);
  });

  it('killed outright, its leftovers are stopped by the next start; SIGTERM then stops everything', { timeout: 240_000 }, async () => {
    const dir = keptData();
    const first = start(dir);
    await first.waitFor('starting the API');
    const orphans = await partsStarted(dir, 2);
    process.kill(first.child.pid!, 'SIGKILL'); // no chance to clean up: its parts live on
    await first.exited;
    expect(liveIn(orphans.map((g) => g.pid)).length).toBeGreaterThan(0);

    const second = start(dir);
    await second.waitFor('demo seed: already-seeded');
    for (const o of orphans) expect(second.output()).toContain(`stopping ${o.name} (process group ${o.pid}) left running by an earlier npm start that was killed`);
    expect(liveIn(orphans.map((g) => g.pid))).toEqual([]);
    await second.waitFor('starting the API');
    const groups = await partsStarted(dir, 2);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(liveIn([second.child.pid!, ...groups.map((g) => g.pid)])).toEqual([]);
    expect(await portsFree()).toEqual(allFree);
  });

  it('a port held by someone else is named with its process, before anything starts', { timeout: 60_000 }, async () => {
    const holder = spawn(process.execPath, ['-e', `require('node:net').createServer().listen(${START_PORTS.api}, '127.0.0.1'); setTimeout(() => {}, 60000)`], { stdio: 'ignore' });
    try {
      while (await portIsFree(START_PORTS.api)) await new Promise((r) => setTimeout(r, 50));
      const stack = start(dataDir());
      expect(await stack.exited).toBe(1);
      expect(stack.output()).toMatch(new RegExp(`port ${START_PORTS.api} for the API is taken by pid ${holder.pid} \\(.*node -e .*\\) — stop it, or set API_PORT`));
      expect(stack.output()).not.toContain('DynamoDB Local on');
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
