/** One cold start, measured the same way by bench:cold-start and bench:cold-start-variants. */
import { execFileSync } from 'node:child_process';

// The child prints the wall and CPU time of its dynamic import of the bundle (parse, compile, evaluate,
// the Node built-ins it loads), then exits: one process, one cold start.
const probe = `const c=process.cpuUsage();const t=performance.now();const m=await import(process.argv[1]);const w=performance.now()-t;const u=process.cpuUsage(c);if(typeof m.handler!=='function')throw new Error('no handler');process.stdout.write('\\ncold-start '+w+' '+(u.user+u.system)/1000);`;

/** `[wall ms, CPU ms]` of importing `url` in a fresh Node process. The last line is read: the function may
 * print on its own at init (Powertools' 1 % debug sampling says so). */
export const timedImport = (url: string, cwd: string, env: NodeJS.ProcessEnv): [number, number] =>
  execFileSync(process.execPath, ['--input-type=module', '-e', probe, url], { env, cwd, encoding: 'utf8' }).split('\n').at(-1)!.split(' ').slice(1).map(Number) as [number, number];

export const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
