/**
 * Loopback ports the local stack needs: whether each is free, and if not, which process holds it — so
 * `npm start` refuses with a name and a pid instead of failing half-way with EADDRINUSE.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';

/** True when nothing listens on `port` (probing 127.0.0.1 also catches 0.0.0.0 and :: listeners). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

const run = (command: string, args: string[]) => {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
  } catch (error) {
    // lsof exits 1 when it finds nothing but may still have printed; a missing tool is just unknown.
    return (error as { stdout?: string }).stdout ?? '';
  }
};

/** The pids listening on `port` (lsof on Linux and macOS, else ss); empty when unknown. */
export function listenersOf(port: number): number[] {
  const fromLsof = run('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-t']).split('\n').filter(Boolean).map(Number);
  if (fromLsof.length) return [...new Set(fromLsof)];
  const fromSs = [...run('ss', ['-Hltnp', `sport = :${port}`]).matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
  return [...new Set(fromSs)];
}

/** A process's command line, shortened for a message; undefined when it is gone. */
export function commandOf(pid: number): string | undefined {
  const line = run('ps', ['-o', 'args=', '-p', String(pid)]).trim();
  if (!line) return undefined;
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

/** Throws one message naming every taken port, what it was wanted for and who holds it. */
export async function assertPortsFree(wanted: { port: number; part: string; variable: string }[]): Promise<void> {
  const taken: string[] = [];
  for (const w of wanted) {
    if (await portIsFree(w.port)) continue;
    const holders = listenersOf(w.port).map((pid) => `pid ${pid} (${commandOf(pid) ?? 'gone'})`);
    taken.push(`  port ${w.port} for ${w.part} is taken by ${holders.length ? holders.join(', ') : 'another process (not ours to see)'} — stop it, or set ${w.variable}`);
  }
  if (taken.length) throw new Error(`ports in use:\n${taken.join('\n')}`);
}
