/** Serves a built H5 app (a folder of static files) on loopback. */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg']);
/** The build names scripts and styles by content (`[name].[contenthash:8].js`, miniprogram/config). */
const HASHED = /\.[0-9a-f]{8}\.(js|css)$/;

export interface ServeOptions {
  /**
   * As a CDN in front of the production app would serve it: brotli or gzip as the browser accepts, the
   * content-hashed scripts and styles cacheable for a year (`immutable`), index.html revalidated on every
   * open (ETag). Without it (tests, `npm start`): uncompressed and `no-cache` (no validator: always fetched).
   */
  production?: boolean;
}

export function serveStatic(dir: string, port: number, host = '127.0.0.1', options: ServeOptions = {}): Promise<Server> {
  const compressed = new Map<string, Buffer>(); // `${encoding} ${file}` → body (the files do not change while served)
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, pathname));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    } catch {
      file = join(dir, 'index.html'); // single-page app: unknown paths get the app
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404).end('not found');
      return;
    }
    const ext = extname(file);
    const headers: Record<string, string> = { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
    if (options.production) {
      if (HASHED.test(file)) headers['cache-control'] = 'public, max-age=31536000, immutable';
      else {
        const etag = `"${body.length.toString(36)}-${(await stat(file)).mtimeMs.toString(36)}"`;
        headers.etag = etag;
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, headers).end();
          return;
        }
      }
      const accepts = String(req.headers['accept-encoding'] ?? '');
      const encoding = !COMPRESSIBLE.has(ext) ? undefined : /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : undefined;
      if (encoding) {
        const key = `${encoding} ${file}`;
        let packed = compressed.get(key);
        if (!packed) {
          packed = encoding === 'br' ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }) : gzipSync(body, { level: 9 });
          compressed.set(key, packed);
        }
        body = packed;
        headers['content-encoding'] = encoding;
        headers.vary = 'accept-encoding';
      }
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
