/** Runs a Taro build of the mini-program for a target, pointed at an API. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/**
 * Where the H5 build of a stage is written — one folder per stage (Taro's outputRoot in
 * miniprogram/config/index.ts), so `npm test`'s build for the test API never replaces the app that
 * `npm start` serves for the local API. (The weapp build stays in dist/weapp for WeChat DevTools.)
 */
export function h5Output(stage: 'local' | 'test' | 'prod'): string {
  return join(root, 'miniprogram', 'dist', `h5-${stage}`);
}

export function buildMiniprogram(
  target: 'h5' | 'weapp',
  env: { api: string; stage: 'local' | 'test' | 'prod' },
  log: (line: string) => void = () => {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', target], {
      cwd: join(root, 'miniprogram'),
      env: { ...process.env, TARO_APP_API: env.api, TARO_APP_STAGE: env.stage, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line.trim()) log(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`taro build --type ${target} failed (${code}):\n${output.slice(-4000)}`))));
  });
}
