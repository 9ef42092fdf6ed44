/** A small HTTP client for route tests against serverless-offline. */
import { randomUUID } from 'node:crypto';
import { TEST_API } from '../setup/ports';
import { undocumented } from './openapi-validator';

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
  const problems = method === 'OPTIONS' ? [] : undocumented(method, path, response.status, response.headers.get('content-type'), parsed);
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
