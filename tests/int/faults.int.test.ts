/**
 * When the database goes away: a DynamoDB Local and an API (serverless offline) of this test's own —
 * the shared ones are not touched — with a TCP proxy between them that can stall.
 * - A stalled database: the API answers 503 UNAVAILABLE once the configured request timeout has run out
 *   (the cloud's 3 s, set through DYNAMODB_REQUEST_TIMEOUT_MS), well before the function's 29 s.
 * - A killed database: five members redeem, cancel, sign in, sign up and log in over HTTP while DynamoDB
 *   Local is SIGKILLed; every answer during the outage is 503 UNAVAILABLE with the contract's error body
 *   and Retry-After (no 500, nothing logged as a bug); after a restart the traffic recovers, the redemptions
 *   answered 503 are retried with the same Idempotency-Key, and the invariants hold: balance = Σ ledger,
 *   stock + live orders = initial stock, confirmed ≤ capacity, one sign-in a day, one order per key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaIso } from '@union/shared/china-day';
import { startDynamoLocal, type DynamoLocal } from '../../scripts/lib/dynamodb-local';
import { ensureTable } from '../../scripts/lib/table';
import { startOffline, type Offline } from '../../scripts/lib/offline';
import { FAULT_PORTS, TEST_TABLE } from '../setup/ports';
import { call as callApi, type Answer } from '../api/client';

const API = `http://127.0.0.1:${FAULT_PORTS.api}`;
const DIRECT = `http://127.0.0.1:${FAULT_PORTS.dynamo}`;
/** The cloud's numbers (serverless.yml), not the test stage's roomier 8 s. */
const REQUEST_TIMEOUT_MS = 3000;
const MAX_ATTEMPTS = 3;
const INITIAL_STOCK = 400;
const CAPACITY = 2;

const call = (method: string, path: string, opts: Parameters<typeof callApi>[2] = {}) => callApi(method, path, { ...opts, base: API });

/** A TCP proxy in front of DynamoDB Local that forwards, or stalls (accepts and never answers). */
function startProxy(port: number, target: number): Promise<{ server: Server; stall(on: boolean): void; close(): void }> {
  let stalled = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
    }
    client.on('data', (d) => !stalled && upstream.write(d));
    upstream.on('data', (d) => !stalled && client.write(d));
    // The database is gone: the API sees its connection reset, as it would with a dead host.
    upstream.on('error', () => client.resetAndDestroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve({
        server,
        stall: (on) => (stalled = on),
        close: () => {
          for (const s of sockets) s.destroy();
          server.close();
        },
      }),
    ),
  );
}

let dbPath: string;
let dynamo: DynamoLocal;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let offline: Offline;
const apiLog: string[] = [];
const endpointBefore = process.env.DYNAMODB_ENDPOINT;

beforeAll(async () => {
  dbPath = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'zhgh-faults-'));
  // Keeps its data on disk (not -inMemory), so a killed and restarted database still has it.
  dynamo = await startDynamoLocal({ port: FAULT_PORTS.dynamo, dbPath, quiet: true });
  proxy = await startProxy(FAULT_PORTS.proxy, FAULT_PORTS.dynamo);
  await ensureTable(DIRECT, TEST_TABLE);
  process.env.DYNAMODB_ENDPOINT = DIRECT; // this file's own imports of the functions' code (seed, repositories)
  const { seedDemo } = await import('../../scripts/lib/seed');
  await seedDemo();
  offline = await startOffline({
    stage: 'test',
    httpPort: FAULT_PORTS.api,
    lambdaPort: FAULT_PORTS.lambda,
    dynamoEndpoint: `http://127.0.0.1:${FAULT_PORTS.proxy}`,
    env: { DYNAMODB_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), DYNAMODB_CONNECT_TIMEOUT_MS: '1000' },
    log: (line) => apiLog.push(line),
  });
});

afterAll(async () => {
  await offline?.stop();
  proxy?.close();
  await dynamo?.stop();
  if (dbPath) rmSync(dbPath, { recursive: true, force: true });
  process.env.DYNAMODB_ENDPOINT = endpointBefore;
});

async function login(name: string): Promise<{ token: string; id: string }> {
  const answer = await call('POST', '/v1/auth/wechat-login', { body: { code: `dev:${name}` } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return { token: answer.body.token, id: answer.body.me.id };
}

/** Every item of a list route, following `nextCursor`. */
async function allPages<T>(path: string, token: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Answer = await call('GET', `${path}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(page.status, `${path} ${JSON.stringify(page.body)}`).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** The 503 of the contract: UNAVAILABLE (or BUSY), a Chinese message, Retry-After. */
function expectUnavailable(a: Answer, codes = ['UNAVAILABLE']) {
  expect(a.status, JSON.stringify(a.body)).toBe(503);
  expect(codes).toContain(a.body.error.code);
  expect(a.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('a stalled database', () => {
  it('answers 503 UNAVAILABLE within the configured timeouts, then recovers', { timeout: 60_000 }, async () => {
    const member = await login('member-1');
    proxy.stall(true);
    const started = Date.now();
    const answers = await Promise.all([
      call('GET', '/v1/me', { token: member.token }).then((a) => ({ a, ms: Date.now() - started })),
      call('POST', '/v1/auth/wechat-login', { body: { code: 'dev:member-2' } }).then((a) => ({ a, ms: Date.now() - started })),
    ]);
    proxy.stall(false);
    for (const { a, ms } of answers) {
      expectUnavailable(a);
      // It waited for the timeout (not a quick refusal), and gave up within attempts × timeout + backoff.
      expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
      expect(ms).toBeLessThan(MAX_ATTEMPTS * REQUEST_TIMEOUT_MS + 2500);
    }
    let me: Answer | undefined;
    for (let i = 0; i < 20 && me?.status !== 200; i++) me = await call('GET', '/v1/me', { token: member.token });
    expect(me?.status).toBe(200);
  });
});

interface Sent {
  op: string;
  who: string;
  started: number;
  ended: number;
  status: number;
  body: any;
  retryAfter: string | null;
  key?: string;
  problem?: string;
}

describe('a killed database', () => {
  it('answers 503 during the outage, loses nothing, and holds every invariant after a restart', { timeout: 120_000 }, async () => {
    // Prepare: five members with points, goods for the whole province, an activity of capacity 2.
    const province = await login('cadre-province');
    const names = ['member-1', 'member-2', 'member-3', 'member-bj', 'cadre-xian'];
    const members = await Promise.all(names.map(async (name) => ({ name, ...(await login(name)) })));
    for (const m of members) {
      const adjusted = await call('POST', '/v1/admin/points-adjustments', { token: province.token, body: { userId: m.id, delta: 5000, reason: '故障演练' } });
      expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(201);
    }
    const goods = await call('POST', '/v1/admin/goods', {
      token: province.token,
      body: { name: '故障演练商品', description: '断库测试', pointsPrice: 10, stock: INITIAL_STOCK, perMemberLimit: 100, orgId: 'sx', fulfilment: 'pickup' },
    });
    expect(goods.status, JSON.stringify(goods.body)).toBe(201);
    const hours = (h: number) => chinaIso(new Date(Date.now() + h * 3600_000));
    const activity = await call('POST', '/v1/admin/activities', {
      token: province.token,
      body: { title: '故障演练活动', description: '断库测试', location: '职工之家', orgId: 'sx', startsAt: hours(2), endsAt: hours(3), signupOpensAt: hours(-1), signupClosesAt: hours(1), capacity: CAPACITY, waitlist: true, pointsReward: 0 },
    });
    expect(activity.status, JSON.stringify(activity.body)).toBe(201);
    const goodsId = goods.body.id as string;
    const activityId = activity.body.id as string;

    // Act: loops of every kind of write, and reads, for each member.
    const sent: Sent[] = [];
    let running = false;
    const send = async (who: string, op: string, method: string, path: string, opts: Parameters<typeof call>[2] & { key?: string } = {}) => {
      const started = Date.now();
      const headers = opts.key ? { ...opts.headers, 'idempotency-key': opts.key } : opts.headers;
      try {
        const a = await call(method, path, { ...opts, headers });
        const s: Sent = { op, who, started, ended: Date.now(), status: a.status, body: a.body, retryAfter: a.headers.get('retry-after'), key: opts.key };
        sent.push(s);
        return s;
      } catch (error) {
        // The client throws on an answer openapi.json does not document (e.g. offline's own timeout body).
        const s: Sent = { op, who, started, ended: Date.now(), status: -1, body: undefined, retryAfter: null, key: opts.key, problem: String(error) };
        sent.push(s);
        return s;
      }
    };
    const loop = async (m: (typeof members)[number]) => {
      const orders: string[] = [];
      for (let i = 0; running; i++) {
        const token = m.token;
        const r = await send(m.name, 'redeem', 'POST', '/v1/redemptions', { token, body: { goodsId, quantity: 1 }, key: randomUUID() });
        if (r.status === 201) orders.push(r.body.id);
        if (orders.length && i % 2 === 1) {
          const id = orders.shift()!;
          const c = await send(m.name, 'cancel', 'POST', `/v1/redemptions/${id}/cancel`, { token });
          if (c.status === 503) orders.unshift(id);
        }
        await send(m.name, 'sign-in', 'POST', '/v1/sign-ins', { token });
        await send(m.name, i % 2 ? 'leave' : 'signup', i % 2 ? 'DELETE' : 'POST', `/v1/activities/${activityId}/signups${i % 2 ? '/me' : ''}`, { token });
        if (i % 3 === 0) await send(m.name, 'login', 'POST', '/v1/auth/wechat-login', { body: { code: `dev:${m.name}` } });
        await send(m.name, 'me', 'GET', '/v1/me', { token });
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const traffic = () => {
      running = true;
      const loops = Promise.all(members.map(loop));
      return async () => {
        running = false;
        await loops;
      };
    };
    let stopTraffic = traffic();

    const until = async (ok: () => boolean, ms: number) => {
      for (const end = Date.now() + ms; !ok() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100));
    };
    await until(() => sent.filter((s) => s.op === 'redeem' && s.status === 201).length >= 10, 20_000);
    process.kill(dynamo.part.pid, 'SIGKILL');
    await dynamo.part.exited;
    const killedAt = Date.now();
    await until(() => false, 4000);
    // Four seconds of outage traffic are enough; a restart under load can take far longer.
    await stopTraffic();
    const restartAt = Date.now();
    dynamo = await startDynamoLocal({ port: FAULT_PORTS.dynamo, dbPath, quiet: true });
    const upAt = Date.now();
    // Traffic recovers: every kind of request gets a real answer again.
    stopTraffic = traffic();
    await until(() => ['redeem', 'sign-in', 'signup', 'me'].every((op) => sent.some((s) => s.op === op && s.started > upAt && s.status !== 503)), 30_000);
    await stopTraffic();

    // The redemptions answered 503 are retried with the same key (as the mini-program does), 8 at a time.
    const unresolved = [...new Map(sent.filter((s) => s.op === 'redeem').map((s) => [s.key!, s])).values()].filter((s) => s.status === 503);
    const retry = async (last: Sent) => {
      const m = members.find((x) => x.name === last.who)!;
      for (let i = 0; i < 5; i++) {
        const again = await send(m.name, 'redeem-retry', 'POST', '/v1/redemptions', { token: m.token, body: { goodsId, quantity: 1 }, key: last.key });
        if (again.status !== 503) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    const queue = [...unresolved];
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await retry(next);
    }));

    // Assess the answers: no 500, nothing undocumented; during the outage nothing but 503 UNAVAILABLE.
    expect(sent.filter((s) => s.problem).map((s) => s.problem)).toEqual([]);
    expect(sent.filter((s) => s.status >= 500 && s.status !== 503).map((s) => `${s.op} ${s.status} ${JSON.stringify(s.body)}`)).toEqual([]);
    for (const s of sent.filter((x) => x.status === 503)) {
      expect(['UNAVAILABLE', 'BUSY']).toContain(s.body.error.code);
      expect(s.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(Number(s.retryAfter)).toBeGreaterThan(0);
    }
    const duringOutage = sent.filter((s) => s.started >= killedAt && s.ended <= restartAt);
    expect(duringOutage.length).toBeGreaterThan(10);
    expect(new Set(duringOutage.map((s) => s.op))).toEqual(new Set(['redeem', 'cancel', 'sign-in', 'signup', 'leave', 'login', 'me']));
    expect(duringOutage.filter((s) => s.status !== 503 || s.body.error.code !== 'UNAVAILABLE').map((s) => `${s.op} ${s.status}`)).toEqual([]);
    expect(sent.some((s) => s.started > upAt && s.status < 300)).toBe(true);
    // An outage is not a bug: the API logged no 500 (the only thing logged with a stack).
    expect(apiLog.filter((l) => l.includes('"code":"INTERNAL"') || l.includes('"stack"'))).toEqual([]);
    expect(apiLog.some((l) => l.includes('"code":"UNAVAILABLE"'))).toBe(true);

    // Assess the data, over HTTP and in the table.
    const { MallRepository } = await import('../../functions/src/repositories/mall');
    const mall = new MallRepository();
    let live = 0;
    const statuses: string[] = [];
    for (const m of members) {
      const ledger = await allPages<{ delta: number; refType: string; createdAt: string }>('/v1/points/ledger', m.token);
      const me = await call('GET', '/v1/me', { token: m.token });
      expect(me.body.points.balance, m.name).toBe(ledger.reduce((s, e) => s + e.delta, 0));
      const signIns = ledger.filter((e) => e.refType === 'sign_in').map((e) => e.createdAt.slice(0, 10));
      expect(new Set(signIns).size, `${m.name}: one sign-in a day`).toBe(signIns.length);

      const orders = await allPages<{ id: string; goodsId: string; quantity: number; status: string }>('/v1/me/redemptions', m.token);
      const ofGoods = orders.filter((o) => o.goodsId === goodsId);
      live += ofGoods.filter((o) => o.status !== 'cancelled').reduce((s, o) => s + o.quantity, 0);
      // One order per Idempotency-Key, and every order made by exactly one key: retries wrote once.
      const keys = [...new Set(sent.filter((s) => s.who === m.name && s.op.startsWith('redeem')).map((s) => s.key!))];
      const byKey = new Map<string, string>();
      for (const key of keys) {
        const made = await mall.idempotentResult(m.id, key);
        if (made) byKey.set(key, made.orderId);
      }
      for (const s of sent.filter((x) => x.who === m.name && x.status === 201 && x.op.startsWith('redeem'))) expect(byKey.get(s.key!)).toBe(s.body.id);
      expect([...byKey.values()].sort(), `${m.name}: orders = keys that made one`).toEqual(ofGoods.map((o) => o.id).sort());

      const detail = await call('GET', `/v1/activities/${activityId}`, { token: m.token });
      if (detail.body.mySignup) statuses.push(detail.body.mySignup.status);
    }
    expect((await call('GET', `/v1/goods/${goodsId}`, { token: members[0].token })).body.stock + live).toBe(INITIAL_STOCK);
    const detail = (await call('GET', `/v1/activities/${activityId}`, { token: province.token })).body;
    expect(detail.confirmedCount).toBeLessThanOrEqual(CAPACITY);
    expect(detail.confirmedCount).toBe(statuses.filter((s) => s === 'confirmed').length);
    expect(detail.waitlistCount).toBe(statuses.filter((s) => s === 'waitlisted').length);
  });
});
