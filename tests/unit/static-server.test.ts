/**
 * The H5 app served as production would be (what bench:first-screen measures): compressed, the
 * content-hashed files cached for good, index.html revalidated; and as tests and npm start serve it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, type Server } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { serveStatic } from '../../scripts/lib/static-server';

const PORT = Number(process.env.TEST_PORT_BASE ?? 3300) + 40;
const dir = mkdtempSync(join(tmpdir(), 'zhgh-static-'));
const script = 'console.log("首页");'.repeat(50);
let production: Server;
let plain: Server;

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
    }).on('error', reject).end();
  });
}

beforeAll(async () => {
  mkdirSync(join(dir, 'js'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div>');
  writeFileSync(join(dir, 'js', 'app.0123abcd.js'), script);
  production = await serveStatic(dir, PORT, '127.0.0.1', { production: true });
  plain = await serveStatic(dir, PORT + 1);
});
afterAll(() => {
  production.close();
  plain.close();
});

describe('serveStatic', () => {
  it('production: hashed scripts brotli-compressed and immutable', async () => {
    const res = await get(PORT, '/js/app.0123abcd.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(script) / 5);
  });

  it('production: index.html revalidated by its ETag (304 when unchanged)', async () => {
    const first = await get(PORT, '/', { 'accept-encoding': 'gzip' });
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers['content-encoding']).toBe('gzip');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    expect((await get(PORT, '/', { 'if-none-match': etag })).status).toBe(304);
  });

  it('without the option: as before, uncompressed and never cached', async () => {
    const res = await get(PORT + 1, '/js/app.0123abcd.js', { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body.toString()).toBe(script);
  });
});
