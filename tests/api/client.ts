/** A small HTTP client for route tests against serverless-offline. */
import { randomUUID } from 'node:crypto';
import { TEST_API } from '../setup/ports';
import { ROUTES, type RouteKey } from '@union/shared/routes';
import { undocumented } from './openapi-validator';

const ROUTE_PATTERNS = (Object.keys(ROUTES) as RouteKey[]).map((key) => {
  const [method, template] = key.split(' ');
  return { key, method, literal: template.split('{').length, pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`) };
});

/**
 * Problems of a success answer against the route's own response schema in ROUTES (the zod the app
 * parses with): what the server sends, the client must be able to read.
 */
export function unreadable(method: string, path: string, status: number, body: unknown): string[] {
  const bare = path.split('?')[0];
  const match = ROUTE_PATTERNS.filter((r) => r.method === method && r.pattern.test(bare)).sort((a, b) => a.literal - b.literal)[0];
  if (!match) return [];
  const spec = ROUTES[match.key];
  if (status !== spec.status || ('produces' in spec && spec.produces)) return [];
  const parsed = spec.response.safeParse(body);
  return parsed.success ? [] : [`${method} ${bare} → ${status}: fails ${match.key}'s response schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`];
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; /** Another API than the suite's (the fault test's own). */ base?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${opts.base ?? TEST_API}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  // Every answer must be what openapi.json documents (an independent validator, not our zod).
  const problems = method === 'OPTIONS' ? [] : [
    ...undocumented(method, path, response.status, response.headers.get('content-type'), parsed),
    ...(/json/.test(response.headers.get('content-type') ?? '') ? unreadable(method, path, response.status, parsed) : []),
  ];
  if (problems.length && process.env.COLLECT_UNDOCUMENTED) {
    const { appendFileSync } = await import('node:fs');
    appendFileSync(process.env.COLLECT_UNDOCUMENTED, problems.map((p) => `${p}\n`).join(''));
  } else if (problems.length) throw new Error(`undocumented answer: ${problems.join('; ')}`);
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** Logs in with a development code; `name` defaults to a fresh user nobody else uses. */
export async function login(name = `t-${randomUUID().slice(0, 12)}`) {
  const answer = await call('POST', '/v1/auth/wechat-login', { body: { code: `dev:${name}` } });
  if (answer.status !== 200) throw new Error(`login ${name} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { ...(answer.body as { token: string; expiresAt: string; me: any }), name };
}

/**
 * Every item of a paged list (api.md Conventions), `limit` a page, following `nextCursor` for at most
 * `maxPages` pages. A page that is not 200 or is longer than `limit` fails the test.
 */
export async function everyPage<T>(path: string, token: string, limit: number, parse: (body: unknown) => { items: T[]; nextCursor: string | null }, maxPages = 100): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < maxPages; n++) {
    const url = `${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const answer = await call('GET', url, { token });
    if (answer.status !== 200) throw new Error(`${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
    const page = parse(answer.body);
    if (page.items.length > limit) throw new Error(`${url}: ${page.items.length} items on a page of ${limit}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}
