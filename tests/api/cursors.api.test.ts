/**
 * List cursors (issue 12 item 6): a crafted, tampered or borrowed `cursor` is 400 VALIDATION_FAILED on
 * every list route — never DynamoDB's ExclusiveStartKey error as a 500 — and a real one pages on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@union/shared/routes';
import { call, login } from './client';
import { newMember } from './fixtures';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Every list route whose query takes a cursor, with a path that exists. */
const LIST_ROUTES = Object.entries(ROUTES)
  .filter(([key, r]) => key.startsWith('GET ') && 'cursor' in (((r as { query?: { shape?: object } }).query?.shape) ?? {}))
  .map(([key]) => key.slice(4).replace('/v1/orgs/{id}/', '/v1/orgs/sx/').replace('/v1/admin/activities/{id}/', '/v1/admin/activities/demo-activity-1/'));

let member: Awaited<ReturnType<typeof newMember>>;
let cadre: string;
let borrowed: string;

beforeAll(async () => {
  member = await newMember(30);
  expect((await call('POST', '/v1/sign-ins', { token: member.token })).status).toBe(201);
  cadre = (await login('cadre-province')).token;
  // A genuine cursor of another list (the member's own ledger, two entries).
  const ledger = await call('GET', '/v1/points/ledger?limit=1', { token: member.token });
  borrowed = ledger.body.nextCursor;
  expect(borrowed).toBeTruthy();
});

describe('cursors', () => {
  it('finds the list routes', () => {
    expect(LIST_ROUTES.length).toBeGreaterThanOrEqual(12);
  });

  it('a crafted, tampered or borrowed cursor is 400 on every list route', { timeout: 120_000 }, async () => {
    const crafted = [
      b64({ PK: { S: 'USER#someone-else' }, SK: { S: 'LEDGER#0000000001' } }),
      b64({ PK: { S: 'x' } }),
      b64({ PK: { N: '1' }, SK: { S: 'x' } }),
      b64({ GSI1PK: { S: 'x' }, GSI1SK: { S: 'y' }, PK: { S: 'a' }, SK: { S: 'b' } }),
      b64([1, 2]),
      'not-base64-$$$',
      `${borrowed.slice(0, -2)}xx`,
    ];
    const failures: string[] = [];
    for (const path of LIST_ROUTES) {
      const token = path.startsWith('/v1/admin/') ? cadre : member.token;
      const sep = path.includes('?') ? '&' : '?';
      for (const cursor of [...crafted, ...(path === '/v1/points/ledger' ? [] : [borrowed])]) {
        const answer = await call('GET', `${path}${sep}cursor=${encodeURIComponent(cursor)}`, { token });
        if (answer.status !== 400 || answer.body?.error?.code !== 'VALIDATION_FAILED') failures.push(`${path} cursor=${cursor.slice(0, 20)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 120)}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('a genuine cursor pages on', async () => {
    const first = await call('GET', '/v1/points/ledger?limit=1', { token: member.token });
    const second = await call('GET', `/v1/points/ledger?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token: member.token });
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    // Another member cannot use it.
    const other = await newMember(0);
    expect((await call('GET', `/v1/points/ledger?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token: other.token })).status).toBe(400);
  });
});
