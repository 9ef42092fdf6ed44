import { createRequire } from 'node:module';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';

const fontScale = createRequire(import.meta.url)('../../miniprogram/config/postcss-font-scale.cjs');
const run = async (css: string) => (await postcss([fontScale()]).process(css, { from: undefined })).css;

describe('font sizes follow the reader (config/postcss-font-scale.cjs)', () => {
  it('scales lengths and NutUI variables, with the 长辈模式 floor', async () => {
    expect(await run('a{font-size:0.7rem}')).toBe('a{font-size:max(0.7rem * var(--app-font-scale, 1), var(--app-font-min, 0px))}');
    expect(await run('a{font-size:28rpx}')).toContain('max(28rpx * var(--app-font-scale, 1)');
    expect(await run('a{font-size:var(--nutui-font-size-base, 14px)}')).toContain('max(var(--nutui-font-size-base, 14px) * var(--app-font-scale, 1)');
  });

  it('leaves hidden text, keywords and relative sizes alone', async () => {
    for (const css of ['a{font-size:0px}', 'a{font-size:0}', 'a{font-size:inherit}', 'a{font-size:120%}', 'a{font-size:1.2em}']) expect(await run(css)).toBe(css);
  });
});
