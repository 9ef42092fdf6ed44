/**
 * The child processes of the local stack and of the tests ("parts": DynamoDB Local, serverless offline,
 * Taro builds). Each is spawned detached — the leader of its own process group — so stopping a part
 * signals the whole group: whatever it started (esbuild, webpack workers) goes with it, also when the
 * leader has already died. The last lines each part printed are kept, to say why it stopped.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when it could not be started at all (e.g. `java` not installed). */
  error?: string;
}

export interface Part {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Resolves when the leader has exited. */
  exited: Promise<Exit>;
  /** The last lines it printed, stdout and stderr together. */
  lastLines(): string[];
  /** Signals the group, waits up to `graceMs` for the leader, then SIGKILLs the group. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

const KEEP_LINES = 40;
const running = new Set<Part>();
let closing = false;
const listeners: (() => void)[] = [];
const changed = () => listeners.forEach((fn) => fn());

/** Calls `fn` whenever a part starts or stops (the local stack records its parts in a file). */
export function onPartsChange(fn: () => void): void {
  listeners.push(fn);
}

/** Signals a whole process group; a group already gone is fine. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  if (pid <= 0) return; // -0 would be our own group
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Whether any process of group `pid` is still alive. */
export function groupAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Whatever way this process ends (an uncaught error, process.exit), no part outlives it.
process.once('exit', () => {
  for (const part of running) signalGroup(part.pid, 'SIGKILL');
});
// Detached parts do not get the terminal's Ctrl-C (or the hang-up of a closed terminal): a program that
// does not stop its parts itself on that signal (build-cli, the benches) takes them along, then dies by
// the signal as it would have. scripts/start.ts has its own handlers and stops its parts gracefully.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  const takeAlong = () => {
    if (process.listenerCount(signal) > 1) return;
    for (const part of running) signalGroup(part.pid, 'SIGKILL');
    process.removeListener(signal, takeAlong);
    process.kill(process.pid, signal);
  };
  process.on(signal, takeAlong);
}

/** Describes an exit for a person: "exit code 1" or "killed by SIGKILL". */
export const describeExit = ({ code, signal, error }: Exit) => error ?? (signal ? `killed by ${signal}` : `exit code ${code}`);

/**
 * Starts a part. `log` gets each line it prints; `stopSignal` is what asks it to stop (serverless
 * offline wants SIGINT: esbuild panics on SIGTERM).
 */
export function spawnPart(
  name: string,
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; log?: (line: string) => void; stopSignal?: NodeJS.Signals; keepLines?: number },
): Part {
  if (closing) throw new Error(`not starting ${name}: stopping`);
  const spawnOptions: SpawnOptions = { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true };
  const child = spawn(command, args, spawnOptions);
  // pid is missing only when spawning failed ('error' follows); 0 never names a group we could hurt.
  const pid = child.pid ?? 0;
  const lines: string[] = [];
  const collect = () => {
    let partial = '';
    return (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const complete = text.split('\n');
      partial = complete.pop() ?? '';
      for (const line of complete) {
        if (!line.trim()) continue;
        lines.push(line);
        if (lines.length > (opts.keepLines ?? KEEP_LINES)) lines.shift();
        opts.log?.(line);
      }
    };
  };
  child.stdout?.on('data', collect());
  child.stderr?.on('data', collect());
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error: `could not run ${command}: ${error.message}` }));
  });
  const part: Part = {
    name,
    child,
    pid,
    exited,
    lastLines: () => [...lines],
    stop: async (signal = opts.stopSignal ?? 'SIGTERM', graceMs = 5000) => {
      if (pid && child.exitCode === null && child.signalCode === null) {
        signalGroup(pid, signal);
        const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      // The leader is gone; anything it left behind in its group goes too.
      signalGroup(pid, 'SIGKILL');
      if (running.delete(part)) changed();
    },
  };
  if (pid) {
    running.add(part);
    changed();
  }
  return part;
}

/** The parts started and not yet stopped, oldest first. */
export const runningParts = () => [...running];

/** Stops every part, newest first, and refuses to start new ones. */
export async function stopAll(): Promise<void> {
  closing = true;
  for (const part of [...running].reverse()) await part.stop();
}
