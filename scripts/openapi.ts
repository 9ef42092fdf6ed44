/**
 * Generates openapi.json from the zod schemas of shared/ (`npm run openapi`); `--check` fails when the
 * committed document is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { ROUTES, ErrorBody, EVERY_ROUTE_ERRORS } from '../shared/src/routes';
import { ERRORS } from '../shared/src/errors';

const file = join(import.meta.dirname, '..', 'openapi.json');
const schema = (s: z.ZodMiniType, io: 'input' | 'output') => z.toJSONSchema(s, { target: 'openapi-3.0', io, unrepresentable: 'any' });

function parameters(s: z.ZodMiniType | undefined, where: 'query' | 'path') {
  if (!s) return [];
  const json = schema(s, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: p }));
}

export function buildDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const responses: Record<string, unknown> = { [r.status]: { description: 'OK', content: { 'application/json': { schema: schema(r.response, 'output') } } } };
    for (const code of new Set([...r.errors, ...EVERY_ROUTE_ERRORS])) {
      const status = String(ERRORS[code].status);
      const existing = responses[status] as { description: string } | undefined;
      responses[status] = {
        description: existing ? `${existing.description}, ${code}` : code,
        // 429 and 503 say when to try again; the mini-program's request() waits that long before retrying.
        ...(status === '429' || status === '503' ? { headers: { 'Retry-After': { description: '秒数：多久后可以重试', schema: { type: 'integer' } } } } : {}),
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
      };
    }
    paths[r.path] ??= {};
    paths[r.path][r.method] = {
      summary: r.summary,
      ...(r.auth ? { security: [{ bearer: [] }] } : { security: [] }),
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(r.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: '指尖上的工会 API', version: '1.0.0', description: 'Generated from shared/src by scripts/openapi.ts — do not edit.' },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'local stack' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ErrorBody: schema(ErrorBody, 'output') },
    },
    paths,
  };
}

const text = `${JSON.stringify(buildDocument(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error('openapi.json is stale: run `npm run openapi` and commit it.');
    process.exit(1);
  }
  console.log('openapi.json is current');
} else {
  writeFileSync(file, text);
  console.log(`wrote ${file} (${ROUTES.length} routes)`);
}
