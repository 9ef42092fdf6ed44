/**
 * 注销 that dies between closing the account and erasing its data: the scheduled sweep (jobs `erase`)
 * finishes the erase, after a grace period, idempotently (two sweeps at once), on DynamoDB Local.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { deps } from '../../functions/src/handlers/account';
import { AccountsRepository } from '../../functions/src/repositories/accounts';
import { PointsRepository } from '../../functions/src/repositories/points';
import { UsersRepository, newProfile } from '../../functions/src/repositories/users';
import { dynamo, tableName } from '../../functions/src/lib/dynamo';
import { signInRule } from '../../functions/src/config';
import { signInToday } from '../../functions/src/usecases/sign-in';
import { ERASE_GRACE_MS, deleteMyAccount, sweepErasures } from '../../functions/src/usecases/account';

/** A request that dies (Lambda timeout, crash) right after the account closed. */
class DyingAccounts extends AccountsRepository {
  override async erase(): Promise<void> {
    throw new Error('the function died before the erase');
  }
}

async function partition(userId: string) {
  const out = await dynamo().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: marshall({ ':pk': `USER#${userId}` }), ConsistentRead: true }));
  return (out.Items ?? []).map((i) => unmarshall(i));
}

describe('注销 erase sweep', () => {
  it('finishes an erase a dead request left: not within the grace period, then once, even with two sweeps at once', async () => {
    const id = randomUUID();
    const closedAt = new Date();
    await new UsersRepository().createForOpenid(newProfile(id, `erase-${id}`, undefined, closedAt));
    await signInToday({ points: new PointsRepository(), rule: signInRule() }, id, closedAt);

    await expect(deleteMyAccount({ ...deps, accounts: new DyingAccounts() }, id, closedAt)).rejects.toThrow('died');
    // Closed (no profile, points lapsed), but the sign-in and its points lot are still there, and the plan waits.
    let items = await partition(id);
    expect(items.find((i) => i.SK === 'PROFILE')).toBeUndefined();
    expect(items.filter((i) => !i.SK.startsWith('LEDGER#') && i.SK !== 'CLOSED').length).toBeGreaterThan(0);
    expect(items.find((i) => i.SK === 'CLOSED')?.pendingErase).toMatchObject({ openid: `erase-${id}` });

    const sweep = (minutes: number) => sweepErasures({ accounts: new AccountsRepository() }, { now: new Date(closedAt.getTime() + minutes * 60_000), graceMs: ERASE_GRACE_MS, batch: 25, deadline: Date.now() + 60_000 });
    await sweep(1);
    expect((await partition(id)).length).toBe(items.length);

    await Promise.all([sweep(16), sweep(16)]);
    items = await partition(id);
    // What stays is the union's books: the ledger (Σ = 0 after the lapse) and the closed marker, without the plan.
    expect(items.every((i) => i.SK.startsWith('LEDGER#') || i.SK === 'CLOSED')).toBe(true);
    expect(items.filter((i) => i.SK.startsWith('LEDGER#')).reduce((s, e) => s + e.delta, 0)).toBe(0);
    const closed = items.find((i) => i.SK === 'CLOSED')!;
    expect(closed.pendingErase).toBeUndefined();
    expect(closed.GSI1PK).toBeUndefined();
    expect(JSON.stringify(items)).not.toContain(`erase-${id}`);
    expect((await new AccountsRepository().pendingErasures(new Date(closedAt.getTime() + 3600_000).toISOString(), 100)).map((p) => p.userId)).not.toContain(id);
  });
});
