/**
 * ROUTES is the one contract: serverless.yml's events, the functions' route tables and the idempotency
 * declarations must agree with it, or this fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { GATEWAY_ROUTE_KEYS, OPERATIONS, ROUTES, type RouteKey } from '@union/shared/routes';

const root = join(import.meta.dirname, '..', '..');
// CloudFormation tags (!Ref, !GetAtt…) are irrelevant here: read them as plain values.
const CFN_TAGS = ['Ref', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'If', 'Equals', 'ImportValue', 'FindInMap', 'GetAZs', 'Base64', 'Condition', 'Not', 'And', 'Or'].flatMap((tag) =>
  (['scalar', 'sequence', 'mapping'] as const).map((kind) => new yaml.Type(`!${tag}`, { kind, construct: (data: unknown) => data })),
);
const sls = yaml.load(readFileSync(join(root, 'serverless.yml'), 'utf8'), { schema: yaml.DEFAULT_SCHEMA.extend(CFN_TAGS) }) as {
  functions: Record<string, { handler: string; events?: { httpApi?: string }[] }>;
};
const eventsOf = (fn: string) => (sls.functions[fn].events ?? []).flatMap((e) => (e.httpApi ? [e.httpApi] : []));
const fnOfKey = (key: string) => ROUTES[key.replace(/^PUT /, 'PATCH ') as RouteKey]?.fn ?? ROUTES[key as RouteKey]?.fn;

describe('the contract (ROUTES)', () => {
  it('is what serverless.yml deploys: every function has exactly the events of its operations', () => {
    for (const [fn] of Object.entries(sls.functions)) {
      const expected = GATEWAY_ROUTE_KEYS.filter((k) => fnOfKey(k) === fn).sort();
      const events = eventsOf(fn).filter((e) => e !== '*').sort();
      expect(events, `serverless.yml functions.${fn}`).toEqual(expected);
    }
    const deployed = Object.keys(sls.functions).flatMap(eventsOf);
    expect(GATEWAY_ROUTE_KEYS.filter((k) => !deployed.includes(k))).toEqual([]);
    expect(deployed.filter((e) => e === '*')).toHaveLength(1);
  });

  it('is what each function serves: its route table has exactly its operations', async () => {
    for (const [fn, def] of Object.entries(sls.functions)) {
      if (fn === 'notFound') continue;
      // Scheduled functions (jobs) serve no HTTP route: they must not have any.
      if (eventsOf(fn).length === 0) {
        expect(GATEWAY_ROUTE_KEYS.filter((k) => fnOfKey(k) === fn), fn).toEqual([]);
        continue;
      }
      const file = join(root, def.handler.replace(/\.handler$/, '.ts'));
      const mod = (await import(file)) as { handler: { operations?: string[] } };
      expect(mod.handler.operations?.slice().sort(), `${def.handler}`).toEqual(GATEWAY_ROUTE_KEYS.filter((k) => fnOfKey(k) === fn).sort());
    }
  });

  it('declares idempotency on every POST that writes', () => {
    // Login creates nothing twice by itself (first logins race to one user); the webhook dedupes WeChat's
    // retried pushes by their MsgId; reveal answers personal data, which an idempotency record must not keep.
    const exempt = ['POST /v1/auth/wechat-login', 'POST /v1/wechat/official-account', 'POST /v1/admin/join-requests/{id}/reveal'];
    const missing = OPERATIONS.filter((o) => o.method === 'post' && !exempt.includes(o.key) && !o.idempotent).map((o) => o.key);
    expect(missing).toEqual([]);
    expect(ROUTES['POST /v1/redemptions'].idempotent).toBe('required');
  });
});
