/**
 * Each stage's H5 build has its own output (issue 12 item 17): `npm test` builds the test stage's app
 * (pointed at the test API) without overwriting the one `npm start` serves (pointed at the local API).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { h5Output } from '../../scripts/lib/build';

const root = join(import.meta.dirname, '..', '..');
const source = (p: string) => readFileSync(join(root, p), 'utf8');

describe('H5 build outputs', () => {
  it('differ per stage, under miniprogram/dist', () => {
    const dirs = (['local', 'test', 'prod'] as const).map(h5Output);
    expect(new Set(dirs).size).toBe(3);
    for (const d of dirs) expect(d.startsWith(join(root, 'miniprogram', 'dist'))).toBe(true);
  });

  it('are where Taro writes them and where npm start and the test stack serve them from', () => {
    expect(source('miniprogram/config/index.ts')).toContain('`dist/h5-${stage}`');
    expect(source('scripts/start.ts')).toMatch(/h5Output\(STAGE\)/);
    expect(source('tests/setup/global.ts')).toMatch(/h5Output\('test'\)/);
  });
});
