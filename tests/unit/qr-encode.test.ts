/**
 * The app's own QR encoder (miniprogram/src/components/QrCode/encode.ts, which replaced qrcode-generator to
 * keep ≈17 KB out of the weapp main package): every symbol it draws is read back by an independent decoder
 * (qrcode-reader, a port of ZXing's), across versions 1–15 (version information from 7), ASCII and UTF-8.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error no types shipped
import QrReader from 'qrcode-reader';
import { encodeQr } from '../../miniprogram/src/components/QrCode/encode';

/** Paints the symbol (4 px a module, the 4-module quiet zone) and decodes it. */
function decode(modules: boolean[][]): Promise<string> {
  const scale = 4;
  const quiet = 4;
  const n = modules.length;
  const width = (n + quiet * 2) * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + quiet) * scale + dy) * width + (x + quiet) * scale + dx) * 4;
          data[at] = data[at + 1] = data[at + 2] = 0;
        }
      }
    }),
  );
  return new Promise((resolve, reject) => {
    const reader = new QrReader();
    reader.callback = (error: unknown, value?: { result: string }) => (error || !value ? reject(error) : resolve(value.result));
    reader.decode({ width, height: width, data });
  });
}

describe('encodeQr', () => {
  it.each([
    ['a member number', 'GH2025000123', 21],
    ['a check-in code', 'ci_9f3a2b7c1d0e4f5a', 25],
    ['Chinese text (UTF-8 bytes)', '会员码：张三 · 省总工会', 29],
    ['a link', 'https://example.com/join?org=cn-js-nj-001&from=poster', 33],
    ['100 bytes (version 6)', 'x'.repeat(100), 41],
    ['250 bytes (version 11, past the 8-bit count and with version information)', 'y'.repeat(250), 61],
    ['400 bytes (version 15, blocks of two lengths)', 'z'.repeat(400), 77],
  ])('%s reads back, in the smallest symbol that fits', async (_, text, size) => {
    const modules = encodeQr(text);
    expect(modules).toHaveLength(size);
    expect(await decode(modules)).toBe(text);
  });

  it('says so when the text does not fit any version', () => {
    expect(() => encodeQr('x'.repeat(3000))).toThrow('二维码内容过长');
  });
});
