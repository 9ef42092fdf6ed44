/** `npm run jobs` against the test stage's table: the same use cases as the scheduled function, on a given day. */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { PointsRepository, ledgerPostingItems } from '../../functions/src/repositories/points';
import { UsersRepository, newProfile } from '../../functions/src/repositories/users';
import { RemindersRepository } from '../../functions/src/repositories/reminders';
import { LotsRepository } from '../../functions/src/repositories/lots';
import { transact } from '../../functions/src/lib/transact';
import { dynamo, tableName } from '../../functions/src/lib/dynamo';
import { acceptSubscriptions } from '../../functions/src/usecases/reminders';
import { signInToday } from '../../functions/src/usecases/sign-in';
import { signInRule } from '../../functions/src/config';
import { runScript } from './cli';

const points = new PointsRepository();
const users = new UsersRepository();

async function jobs(...args: string[]): Promise<{ code: number | null; report: any }> {
  const run = await runScript('jobs.ts', [...args, '--stage', 'test']).done;
  return { code: run.code, report: run.summary ?? {} };
}

describe('npm run jobs', () => {
  it('expire --today: expires the due lots once, however often it runs', { timeout: 120_000 }, async () => {
    const id = randomUUID();
    await users.createForOpenid(newProfile(id, `cli-${id}`, undefined, new Date()));
    // Earned in 2036 (its own year among the tests): due on 2038-01-01.
    await transact(ledgerPostingItems({ id, balance: 0, ledgerSeq: 0, signInStreak: 0 }, { delta: 25, reason: 'test', refType: 'adjustment', refId: 'cli', at: new Date('2036-05-01T10:00:00+08:00') }).steps);
    const first = await jobs('expire', '--today', '2038-01-01');
    expect(first.code).toBe(0);
    expect(first.report).toMatchObject({ job: 'expire', today: '2038-01-01', done: true });
    expect(first.report.expiredLots).toBeGreaterThanOrEqual(1);
    const again = await jobs('expire', '--today', '2038-01-01');
    expect(again.report.expiredLots).toBe(0);
    expect((await points.state(id))!.balance).toBe(0);
    expect((await points.ledger(id, 10)).items.filter((e) => e.reason === '积分过期')).toEqual([expect.objectContaining({ delta: -25, refId: '2037-12-31' })]);
  });

  it('remind --today: sends each asked-for reminder once, through the subscribe-message adapter', { timeout: 120_000 }, async () => {
    const id = randomUUID();
    const openid = `cli-${id}`;
    await users.createForOpenid(newProfile(id, openid, undefined, new Date()));
    const deps = { users, reminders: new RemindersRepository(), lots: new LotsRepository() };
    const { remindOn } = await acceptSubscriptions(deps, id, ['signInReminder'], new Date('2036-08-07T21:00:00+08:00'));
    expect(remindOn).toBe('2036-08-08');
    // Another member asked too, but signed in at 07:00, before the reminders go out: not reminded.
    const early = randomUUID();
    await users.createForOpenid(newProfile(early, `cli-${early}`, undefined, new Date()));
    await acceptSubscriptions(deps, early, ['signInReminder'], new Date('2036-08-07T21:00:00+08:00'));
    await signInToday({ points, rule: signInRule() }, early, new Date('2036-08-08T07:00:00+08:00'));
    const runs = await Promise.all([jobs('remind', '--today', '2036-08-08'), jobs('remind', '--today', '2036-08-08')]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const sent = await dynamo().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: marshall({ ':pk': `SUBSCRIBEMSG#${openid}` }) }));
    expect(sent.Items).toHaveLength(1);
    expect(sent.Items![0].templateId.S).toBe('local-signin-reminder');
    const notSent = await dynamo().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: marshall({ ':pk': `SUBSCRIBEMSG#cli-${early}` }) }));
    expect(notSent.Items).toHaveLength(0);
  });
});
