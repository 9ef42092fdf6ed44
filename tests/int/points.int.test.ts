import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PointsRepository } from '../../functions/src/repositories/points';
import { UsersRepository, newProfile } from '../../functions/src/repositories/users';
import { signInCalendar, signInToday } from '../../functions/src/usecases/sign-in';
import { setTransactionSender, MAX_TRANSACTION_ATTEMPTS } from '../../functions/src/lib/transact';
import { signInRule } from '../../functions/src/config';

const points = new PointsRepository();
const users = new UsersRepository();
const rule = signInRule();

async function newUser() {
  const id = randomUUID();
  await users.createForOpenid(newProfile(id, `int-${id}`, undefined, new Date()));
  return id;
}

async function fullLedger(userId: string) {
  const page = await points.ledger(userId, 100);
  return page.items;
}

afterEach(() => setTransactionSender());

describe('sign-in against DynamoDB Local (fixed clock)', () => {
  it('a week of sign-ins: streak, cap, reset, calendar, ledger = balance', async () => {
    const userId = await newUser();
    const at = (day: string) => new Date(`${day}T23:30:00Z`); // 07:30 the next China day
    const results = [];
    for (const day of ['2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-08']) {
      results.push(await signInToday({ points, rule }, userId, at(day)));
    }
    expect(results.map((r) => r.date)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-09']);
    expect(results.map((r) => r.points)).toEqual([5, 6, 7, 8, 9, 10, 10, 5]);
    expect(results.map((r) => r.streak)).toEqual([1, 2, 3, 4, 5, 6, 7, 1]);

    const ledger = await fullLedger(userId);
    const state = await points.state(userId);
    expect(state?.balance).toBe(60);
    expect(ledger.reduce((s, e) => s + e.delta, 0)).toBe(60);
    expect(ledger[0]).toMatchObject({ balanceAfter: 60, refId: '2026-11-09' });

    const calendar = await signInCalendar(points, userId, '2026-11', new Date('2026-11-09T04:00:00Z'));
    expect(calendar.days).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-09']);
    expect(calendar.streak).toBe(1);
  });

  it('contention (TransactionConflict) is retried a bounded number of times, then 503 BUSY with nothing written', async () => {
    const userId = await newUser();
    let attempts = 0;
    setTransactionSender(async () => {
      attempts++;
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }, { Code: 'None' }],
      });
    });
    await expect(signInToday({ points, rule }, userId, new Date())).rejects.toMatchObject({ code: 'BUSY', statusCode: 503 });
    expect(attempts).toBe(MAX_TRANSACTION_ATTEMPTS);
    setTransactionSender();
    expect(await fullLedger(userId)).toEqual([]);
    expect((await points.state(userId))?.balance).toBe(0);
  });

  it('throttling (not a cancellation) is retried the same way, then 503 BUSY', async () => {
    const userId = await newUser();
    let attempts = 0;
    setTransactionSender(async () => {
      attempts++;
      const error = new Error('Rate of requests exceeds the allowed throughput');
      error.name = 'ThrottlingException';
      throw error;
    });
    await expect(signInToday({ points, rule }, userId, new Date())).rejects.toMatchObject({ code: 'BUSY', statusCode: 503 });
    expect(attempts).toBe(MAX_TRANSACTION_ATTEMPTS);
    setTransactionSender();
    expect(await fullLedger(userId)).toEqual([]);
  });

  it('a conflict that clears on retry still signs in exactly once', async () => {
    const userId = await newUser();
    const { TransactWriteItemsCommand } = await import('@aws-sdk/client-dynamodb');
    const { dynamo } = await import('../../functions/src/lib/dynamo');
    let attempts = 0;
    setTransactionSender(async (items) => {
      if (attempts++ === 0) {
        throw new TransactionCanceledException({ message: 'x', $metadata: {}, CancellationReasons: [{ Code: 'TransactionConflict' }] });
      }
      await dynamo().send(new TransactWriteItemsCommand({ TransactItems: items }));
    });
    const result = await signInToday({ points, rule }, userId, new Date());
    expect(result.points).toBe(5);
    expect(await fullLedger(userId)).toHaveLength(1);
  });

  it('a conflict on the member\'s balance (another posting in flight) is a ledger race: retried past the shared attempts, signs in once', async () => {
    const userId = await newUser();
    const { TransactWriteItemsCommand } = await import('@aws-sdk/client-dynamodb');
    const { dynamo } = await import('../../functions/src/lib/dynamo');
    const conflicts = MAX_TRANSACTION_ATTEMPTS + 3;
    let attempts = 0;
    setTransactionSender(async (items) => {
      // Items: the sign-in, then the balance (ledgerSeq guard): the conflict is on the balance.
      if (attempts++ < conflicts) {
        throw new TransactionCanceledException({ message: 'x', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] });
      }
      await dynamo().send(new TransactWriteItemsCommand({ TransactItems: items }));
    });
    const result = await signInToday({ points, rule }, userId, new Date());
    expect(attempts).toBe(conflicts + 1);
    expect(result.balance).toBe(5);
    expect(await fullLedger(userId)).toHaveLength(1);
  });

  it('a deduction below zero fails its condition and writes nothing', async () => {
    const userId = await newUser();
    await signInToday({ points, rule }, userId, new Date());
    const { ledgerPostingItems } = await import('../../functions/src/repositories/points');
    const { transact } = await import('../../functions/src/lib/transact');
    const state = (await points.state(userId, { lots: true }))!;
    // A read that believes 6 are there (the lots alone would refuse before writing): the database decides.
    const believed = { ...state, lots: state.lots!.map((l) => ({ ...l, remaining: 6 })) };
    const { steps } = ledgerPostingItems(believed, { delta: -6, reason: 'test', refType: 'adjustment', refId: 'x', at: new Date() });
    // The named step answers, with the profile as it was (ALL_OLD): no re-read needed to tell why.
    await expect(transact(steps)).resolves.toMatchObject({ step: 'balance', old: { balance: 5, ledgerSeq: 1 } });
    expect((await points.state(userId))?.balance).toBe(5);
    expect(await fullLedger(userId)).toHaveLength(1);
  });
});
