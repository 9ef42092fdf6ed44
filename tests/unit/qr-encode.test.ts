/**
 * The QR symbols the app draws (miniprogram/src/components/QrCode/modules.ts, qrcode-generator at level M)
 * are read back by an independent decoder (qrcode-reader, a port of ZXing's), across versions 1–15
 * (version information from 7), ASCII and UTF-8 — what a phone scanning a pickup or member code reads.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error no types shipped
import QrReader from 'qrcode-reader';
import { qrModules } from '../../miniprogram/src/components/QrCode/modules';

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

/** `n` bytes of mixed text (a deterministic sequence: the same symbols every run). */
const varied = (n: number) => Array.from({ length: n }, (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789-_/'[(i * 7 + (i >> 3)) % 39]).join('');

describe('qrModules', () => {
  it.each([
    ['a member number', 'GH2025000123', 21],
    ['a check-in code', 'ci_9f3a2b7c1d0e4f5a', 25],
    ['Chinese text (UTF-8 bytes)', '会员码：张三 · 省总工会', 29],
    ['a link', 'https://example.com/join?org=cn-js-nj-001&from=poster', 33],
    ['100 bytes (version 6)', varied(100), 41],
    ['250 bytes (version 11, past the 8-bit count and with version information)', varied(250), 61],
    ['400 bytes (version 15, blocks of two lengths)', varied(400), 77],
  ])('%s reads back, in the smallest symbol that fits', async (_, text, size) => {
    const modules = qrModules(text);
    expect(modules).toHaveLength(size);
    expect(await decode(modules)).toBe(text);
  });

});
