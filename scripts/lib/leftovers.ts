/**
 * A record, in the stack's data directory, of the running `npm start` and the process groups it
 * started. If that `npm start` was killed outright (SIGKILL, a closed terminal) its parts outlive it;
 * the next start finds them here and stops them before it checks its ports. Processes are matched by
 * pid *and* start time, so a reused pid is never mistaken for a leftover.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { groupAlive, onPartsChange, runningParts, signalGroup } from './processes';

interface Entry {
  name: string;
  pid: number;
  started: string;
}
interface StackRecord {
  supervisor: Entry;
  parts: Entry[];
}

/** When process `pid` started, as ps prints it; '' when it does not exist. */
function startedAt(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** Keeps `file` up to date with this process and its running parts, until `release()`. */
export function recordStack(file: string): { release(): void } {
  const supervisor = { name: 'npm start', pid: process.pid, started: startedAt(process.pid) };
  const known = new Map<number, string>();
  const write = () => {
    const parts = runningParts().map((p) => {
      if (!known.has(p.pid)) known.set(p.pid, startedAt(p.pid));
      return { name: p.name, pid: p.pid, started: known.get(p.pid)! };
    });
    writeFileSync(file, `${JSON.stringify({ supervisor, parts } satisfies StackRecord, null, 2)}\n`);
  };
  write();
  onPartsChange(write);
  return { release: () => rmSync(file, { force: true }) };
}

/**
 * Before starting: refuses if the recorded `npm start` is still running; stops the parts a killed one
 * left behind (SIGTERM, then SIGKILL) and says which.
 */
export async function stopLeftovers(file: string, say: (line: string) => void): Promise<void> {
  let record: StackRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as StackRecord;
  } catch {
    return; // none recorded: the last start ended cleanly
  }
  const { supervisor } = record;
  if (supervisor.pid !== process.pid && supervisor.started && startedAt(supervisor.pid) === supervisor.started) {
    throw new Error(`another npm start is running with this data (pid ${supervisor.pid}): stop it first (Ctrl-C there, or kill ${supervisor.pid})`);
  }
  for (const part of record.parts) {
    const now = startedAt(part.pid);
    // Leader alive with the recorded start time, or leader gone but its group still has members.
    const ours = now ? now === part.started : groupAlive(part.pid);
    if (!ours || !groupAlive(part.pid)) continue;
    say(`stopping ${part.name} (process group ${part.pid}) left running by an earlier npm start that was killed`);
    signalGroup(part.pid, 'SIGTERM');
    for (let i = 0; i < 30 && groupAlive(part.pid); i++) await new Promise((r) => setTimeout(r, 100));
    signalGroup(part.pid, 'SIGKILL');
    for (let i = 0; i < 20 && groupAlive(part.pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  rmSync(file, { force: true });
}
