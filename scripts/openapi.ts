/**
 * Generates openapi.json from the zod schemas of shared/ (`npm run openapi`); `--check` fails when the
 * committed document is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { OPERATIONS, ErrorBody, type Operation } from '../shared/src/routes';
import { ERRORS, type ErrorCode } from '../shared/src/errors';

const file = join(import.meta.dirname, '..', 'openapi.json');
const schema = (s: z.ZodMiniType, io: 'input' | 'output') => z.toJSONSchema(s, { target: 'openapi-3.0', io, unrepresentable: 'any' });

function parameters(s: z.ZodMiniType | undefined, where: 'query' | 'path') {
  if (!s) return [];
  const json = schema(s, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: p }));
}

/**
 * The statuses every operation of a kind can answer besides its own (lib/http.ts): the edge's validation,
 * body limits and media types, authentication, rate limits, idempotency, contention and our own faults.
 */
function edgeErrors(r: Operation): ErrorCode[] {
  // UNAVAILABLE: every operation reads or writes the table, and a database that does not answer is 503.
  const codes: ErrorCode[] = ['VALIDATION_FAILED', 'INTERNAL', 'BUSY', 'UNAVAILABLE'];
  codes.push('PAYLOAD_TOO_LARGE');
  if (!r.rawBody) codes.push('UNSUPPORTED_MEDIA_TYPE');
  if (r.auth) codes.push('UNAUTHENTICATED');
  const writes = r.method !== 'get';
  if (r.rateLimit === 'login' || (r.auth && writes && r.rateLimit !== 'none')) codes.push('RATE_LIMITED');
  if (r.idempotent) codes.push('IDEMPOTENCY_KEY_REUSED');
  return codes;
}

/** `POST /v1/admin/join-requests/{id}/approve` → `postAdminJoinRequestsByIdApprove`. */
function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/v1\//, '')
    .split('/')
    .map((seg) => (seg.startsWith('{') ? `by-${seg.slice(1, -1)}` : seg))
    .join('-')
    .split(/[-_]/)
    .filter(Boolean);
  return method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

const IDEMPOTENCY_HEADER = (required: boolean) => ({
  name: 'Idempotency-Key',
  in: 'header',
  required,
  description: '客户端为一次用户操作生成的编号（UUID）：同一编号与同一请求重试时返回首次结果、不重复执行；同一编号用于不同请求时 409 IDEMPOTENCY_KEY_REUSED。',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' },
});

function operation(r: Operation, method: string) {
  const ok = r.produces === 'text/plain'
    ? { 'text/plain': { schema: { type: 'string' } }, ...(r.rawBody ? { 'application/xml': { schema: { type: 'string' } } } : {}) }
    : { 'application/json': { schema: schema(r.response, 'output') }, ...(r.produces === 'text/csv' ? { 'text/csv': { schema: { type: 'string' } } } : {}) };
  const responses: Record<string, { description: string; content: unknown; headers?: unknown }> = { [r.status]: { description: 'OK', content: ok } };
  const codes = [...new Set([...r.errors, ...edgeErrors(r)])];
  for (const code of codes) {
    const status = String(ERRORS[code].status);
    if (status === String(r.status)) continue;
    const existing = responses[status];
    responses[status] = {
      description: existing ? `${existing.description}, ${code}` : code,
      // 429 and 503 say when to try again; the mini-program's request() waits that long before retrying.
      ...(status === '429' || status === '503' ? { headers: { 'Retry-After': { description: '秒数：多久后可以重试', schema: { type: 'integer' } } } } : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
  }
  const alias = method !== r.method;
  return {
    operationId: operationId(method, r.path),
    summary: alias ? `${r.summary}（与 PATCH 相同；wx.request 不能发送 PATCH）` : r.summary,
    ...(r.auth ? { security: [{ bearer: [] }] } : { security: [] }),
    parameters: [
      ...parameters(r.params, 'path'),
      ...parameters(r.query, 'query'),
      ...(r.idempotent ? [IDEMPOTENCY_HEADER(r.idempotent === 'required')] : []),
    ],
    ...(r.body && !r.multipart ? { requestBody: { required: true, content: { 'application/json': { schema: schema(r.body, 'input') } } } } : {}),
    ...(r.body && r.multipart
      ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: { ...schema(r.body, 'input'), properties: { ...(schema(r.body, 'input') as { properties?: object }).properties, file: { type: 'string', format: 'binary', maxLength: r.multipart.maxBytes } }, required: ['file', 'orgId'] } } } } }
      : {}),
    ...(r.rawBody ? { requestBody: { required: true, content: { 'text/xml': { schema: { type: 'string' } }, 'application/xml': { schema: { type: 'string' } } } } } : {}),
    responses,
  };
}

export function buildDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of OPERATIONS) {
    paths[r.path] ??= {};
    paths[r.path][r.method] = operation(r, r.method);
    if (r.method === 'patch') paths[r.path].put = operation(r, 'put');
  }
  return {
    openapi: '3.0.3',
    info: {
      title: '指尖上的工会 API',
      version: '1.0.0',
      description:
        'Generated from shared/src/routes.ts by scripts/openapi.ts — do not edit. CORS: each stage allows its ' +
        'configured origins (serverless.yml params.corsOrigin), methods GET, POST, PATCH, PUT, DELETE, OPTIONS and ' +
        'headers Authorization, Content-Type, Idempotency-Key; preflight (OPTIONS) is answered by the function.',
    },
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
  console.log(`wrote ${file} (${OPERATIONS.length} operations)`);
}
