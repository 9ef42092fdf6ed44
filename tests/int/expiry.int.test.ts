/**
 * Points lots and the expiry job against DynamoDB Local, with a fixed clock. Every test works in years of
 * its own (2041…2049) so that a job run here never meets another test's lots (the job walks a whole
 * day's index, as it does in the cloud).
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { PointsRepository, ledgerPostingItems } from '../../functions/src/repositories/points';
import { UsersRepository, newProfile } from '../../functions/src/repositories/users';
import { LotsRepository } from '../../functions/src/repositories/lots';
import { transact } from '../../functions/src/lib/transact';
import { runExpiry, type ExpiryDeps, type JobOptions } from '../../functions/src/usecases/expiry';
import { expiryShard } from '../../functions/src/entities/lot';
import { expiryRule } from '../../functions/src/config';
import type { Posting } from '../../functions/src/entities/ledger';
import { RecordingSubscribeMessages } from '../../functions/src/adapters/subscribe-messages';
import { SentMessagesLog } from '../../functions/src/repositories/sent-messages';
import { MessagesRepository } from '../../functions/src/repositories/messages';
import { QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../../functions/src/lib/dynamo';
import { userKey } from '../../functions/src/entities/user';

const points = new PointsRepository();
const users = new UsersRepository();
const lots = new LotsRepository();
const inbox = new MessagesRepository();

async function newUser() {
  const id = randomUUID();
  await users.createForOpenid(newProfile(id, `exp-${id}`, undefined, new Date()));
  return id;
}

/** One posting through the real ledger (lots read, as the use cases do). */
async function post(userId: string, p: Omit<Posting, 'refType' | 'refId' | 'reason'> & Partial<Posting>) {
  const state = (await points.state(userId, { lots: true }))!;
  const built = ledgerPostingItems(state, { reason: 'test', refType: 'adjustment', refId: 't', ...p });
  expect(await transact(built.steps)).toBeUndefined();
  return built;
}

async function sums(userId: string) {
  const state = (await points.state(userId))!;
  const ledger = (await points.ledger(userId, 100)).items;
  const open = await points.lots(userId);
  return { balance: state.balance, ledger: ledger.reduce((s, e) => s + e.delta, 0), lots: open.reduce((s, l) => s + l.remaining, 0), open, entries: ledger };
}

const deps: ExpiryDeps = {
  points, lots, subscribe: new RecordingSubscribeMessages(new SentMessagesLog()), expiryTemplateId: 'test-points-expiry', noticeDays: 30,
};
const job = (today: string, userIds: string[], over: Partial<JobOptions> = {}): JobOptions => ({
  today, now: new Date(`${today}T00:00:30+08:00`), batch: 2, concurrency: 8, lookbackDays: 0, deadline: Number.POSITIVE_INFINITY,
  shards: [...new Set(userIds.map(expiryShard))], ...over,
});

describe('points lots', () => {
  it('a grant lands in the lot of the end of next year, in China time (23:59:59 +08:00 vs UTC)', async () => {
    const userId = await newUser();
    // 2041-12-31 23:59:59 in Beijing is still 2041 there (15:59:59 UTC)…
    await post(userId, { delta: 10, at: new Date('2041-12-31T23:59:59+08:00') });
    // …one second later it is 2042 in Beijing, while UTC still says 2041-12-31.
    await post(userId, { delta: 7, at: new Date('2042-01-01T00:00:00+08:00') });
    const { open } = await sums(userId);
    expect(open).toEqual([{ expiresOn: '2042-12-31', remaining: 10 }, { expiresOn: '2043-12-31', remaining: 7 }]);
    expect(expiryRule().unit).toBe('year');
  });

  it('spending takes the oldest lot first; a refund goes back to the lots it came from; balance = Σ ledger = Σ lots', async () => {
    const userId = await newUser();
    await post(userId, { delta: 30, at: new Date('2043-06-01T10:00:00+08:00') });
    await post(userId, { delta: 50, at: new Date('2044-03-01T10:00:00+08:00') });
    const spend = await post(userId, { delta: -45, at: new Date('2044-04-01T10:00:00+08:00') });
    expect(spend.lots).toEqual({ '2044-12-31': -30, '2045-12-31': -15 });
    let s = await sums(userId);
    expect(s.open).toEqual([{ expiresOn: '2045-12-31', remaining: 35 }]);
    expect([s.balance, s.ledger, s.lots]).toEqual([35, 35, 35]);

    // Refunded while both lots are open: each gets back what it gave.
    await post(userId, { delta: 45, at: new Date('2044-05-01T10:00:00+08:00'), returns: spend.lots });
    s = await sums(userId);
    expect(s.open).toEqual([{ expiresOn: '2044-12-31', remaining: 30 }, { expiresOn: '2045-12-31', remaining: 50 }]);
    expect([s.balance, s.ledger, s.lots]).toEqual([80, 80, 80]);
  });

  it('a refund of points whose lot has passed its day counts as earned on the refund day', async () => {
    const userId = await newUser();
    await post(userId, { delta: 20, at: new Date('2046-02-01T10:00:00+08:00') });
    const spend = await post(userId, { delta: -20, at: new Date('2046-03-01T10:00:00+08:00') });
    await post(userId, { delta: 20, at: new Date('2048-01-02T10:00:00+08:00'), returns: spend.lots });
    const s = await sums(userId);
    expect(s.open).toEqual([{ expiresOn: '2049-12-31', remaining: 20 }]);
  });
  it('a balance from before lots becomes a lot on its first spend, as if earned that day', async () => {
    const userId = await newUser();
    // As stored before issue 14: a balance (and its ledger), no lots.
    await dynamo().send(new UpdateItemCommand({ TableName: tableName(), Key: userKey(userId), UpdateExpression: 'SET balance = :b', ExpressionAttributeValues: marshall({ ':b': 50 }) }));
    await post(userId, { delta: -20, at: new Date('2048-06-01T10:00:00+08:00') });
    expect(await points.lots(userId)).toEqual([{ expiresOn: '2049-12-31', remaining: 30 }]);
  });
});

describe('the expiry job', () => {
  it('expires what is left after the last day, as a 积分过期 entry, once — even run twice at once — and says so 30 days before', async () => {
    const a = await newUser();
    const b = await newUser();
    await post(a, { delta: 40, at: new Date('2047-03-01T10:00:00+08:00') });
    await post(a, { delta: 15, at: new Date('2048-03-01T10:00:00+08:00') });
    await post(a, { delta: -10, at: new Date('2048-04-01T10:00:00+08:00') });
    await post(b, { delta: 12, at: new Date('2047-05-01T10:00:00+08:00') });
    await post(b, { delta: -12, at: new Date('2047-06-01T10:00:00+08:00') });

    // a accepted one expiry notice by subscribe message (WeChat's one-time consent).
    await lots.addConsent(a, `exp-${a}`, 'pointsExpiry');
    // 30 days before 2048-12-31: a notice for a (30 left), none for b (nothing left); twice → once.
    const notices = await Promise.all([runExpiry(deps, job('2048-12-01', [a, b])), runExpiry(deps, job('2048-12-01', [a, b]))]);
    expect(notices.reduce((n, r) => n + r.noticed, 0)).toBe(1);
    expect(notices.reduce((n, r) => n + r.subscribeSent, 0)).toBe(1);
    const sent = await dynamo().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: marshall({ ':pk': `SUBSCRIBEMSG#exp-${a}` }) }));
    expect(sent.Items?.map((i) => i.templateId.S)).toEqual(['test-points-expiry']);
    const messages = (await inbox.list(a, 10)).items;
    expect(messages[0]).toMatchObject({ kind: 'reminder', body: '您有 30 积分将于 2048-12-31 过期，请及时使用。' });
    expect((await inbox.list(b, 10)).items).toHaveLength(0);

    // The last day itself: nothing due yet.
    expect((await runExpiry(deps, job('2048-12-31', [a, b]))).expiredLots).toBe(0);

    // The first day after: two runs at once expire each lot once.
    const runs = await Promise.all([runExpiry(deps, job('2049-01-01', [a, b])), runExpiry(deps, job('2049-01-01', [a, b]))]);
    expect(runs.reduce((n, r) => n + r.expiredLots, 0)).toBe(1);
    expect(runs.reduce((n, r) => n + r.expiredPoints, 0)).toBe(30);
    expect(runs.reduce((n, r) => n + r.closedEmpty, 0)).toBe(1);
    const s = await sums(a);
    expect([s.balance, s.ledger, s.lots]).toEqual([15, 15, 15]);
    expect(s.entries[0]).toMatchObject({ delta: -30, reason: '积分过期', refType: 'expiry', refId: '2048-12-31', balanceAfter: 15 });
    expect(s.entries.filter((e) => e.refType === 'expiry')).toHaveLength(1);

    // Run again later (a missed day is looked back on): nothing more expires.
    const again = await runExpiry(deps, job('2049-01-02', [a, b], { lookbackDays: 3 }));
    expect(again.expiredLots + again.closedEmpty).toBe(0);
    expect((await sums(b)).balance).toBe(0);
  });

  it('stops at its deadline and the next run carries on', async () => {
    const ids = await Promise.all(Array.from({ length: 3 }, () => newUser()));
    for (const id of ids) await post(id, { delta: 5, at: new Date('2045-07-01T10:00:00+08:00') });
    const stopped = await runExpiry(deps, job('2047-01-01', ids, { deadline: Date.now() - 1 }));
    expect(stopped).toMatchObject({ done: false, expiredLots: 0 });
    const next = await runExpiry(deps, job('2047-01-01', ids));
    expect(next).toMatchObject({ done: true, expiredLots: 3, expiredPoints: 15 });
  });
});
