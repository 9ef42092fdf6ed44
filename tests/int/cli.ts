/** One of the repository's command-line scripts run as `npm run …` runs it, in a child process of its own. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export interface ScriptRun {
  code: number | null;
  signal: string | null;
  /** The JSON object the script printed as its last line (its summary), when it got that far. */
  summary?: any;
  err: string;
}

/** Runs `scripts/<script>` with `args` (and `nodeArgs` for Node itself); `child` can be killed mid-run. */
export function runScript(script: string, args: string[], nodeArgs: string[] = []): { child: ChildProcess; done: Promise<ScriptRun> } {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(root, 'scripts', script), ...args], {
    cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const done = new Promise<ScriptRun>((resolve) => {
    child.on('exit', (code, signal) => {
      const last = out.trim().split('\n').at(-1);
      resolve({ code, signal, summary: last?.startsWith('{') ? JSON.parse(last) : undefined, err });
    });
  });
  return { child, done };
}
