/** Runs a Taro build of the mini-program for a target, pointed at an API. */
import { join } from 'node:path';
import { spawnPart } from './processes';

const root = join(import.meta.dirname, '..', '..');

/**
 * Where the H5 build of a stage is written — one folder per stage (Taro's outputRoot in
 * miniprogram/config/index.ts), so `npm test`'s build for the test API never replaces the app that
 * `npm start` serves for the local API. (The weapp build stays in dist/weapp for WeChat DevTools.)
 */
export function h5Output(stage: 'local' | 'test' | 'prod'): string {
  return join(root, 'miniprogram', 'dist', `h5-${stage}`);
}

export async function buildMiniprogram(
  target: 'h5' | 'weapp',
  env: { api: string; stage: 'local' | 'test' | 'prod' },
  log: (line: string) => void = () => {},
): Promise<void> {
  // A part like the servers (own process group): stopping the stack mid-build stops webpack's workers too.
  const part = spawnPart(`the ${target} build`, process.execPath, [join(root, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', target], {
    cwd: join(root, 'miniprogram'),
    env: { ...process.env, TARO_APP_API: env.api, TARO_APP_STAGE: env.stage, NODE_ENV: 'production' },
    log,
    keepLines: 200, // a compile error can be long
  });
  const exit = await part.exited;
  await part.stop(); // nothing left of the group
  if (exit.code !== 0) throw new Error(`taro build --type ${target} failed (${exit.error ?? exit.signal ?? exit.code}):\n${part.lastLines().join('\n').slice(-4000)}`);
}
