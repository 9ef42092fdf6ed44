/**
 * Import commit racing 会员认证 on the same records: whichever wins, one member with one number, and
 * the record, its binding and the member agree. A re-import that adds a 会员号 while someone verifies
 * either lands first (the member gets the roster number) or finds the record bound and leaves it.
 */
import { describe, expect, it } from 'vitest';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { deps as rosterRoot } from '../../functions/src/handlers/imports';
import { commitImport, uploadRoster } from '../../functions/src/usecases/imports';
import { verifyMember } from '../../functions/src/usecases/verification';
import { RosterRepository } from '../../functions/src/repositories/roster';
import { UsersRepository } from '../../functions/src/repositories/users';
import { idNumberIndex } from '../../functions/src/lib/pii';
import { dynamo, tableName } from '../../functions/src/lib/dynamo';
import { randomName, uniqueIdNumber, xlsx } from '../fixtures/roster-files';
import { newUser, ownSubtree } from './roster-fixtures';

const deps = rosterRoot;
const roster = new RosterRepository();
const users = new UsersRepository();

describe('a commit that runs out of time', () => {
  it('answers committing with what is left; committing again finishes with the totals of every chunk', { timeout: 120_000 }, async () => {
    const { basic } = await ownSubtree(1);
    const rows = Array.from({ length: 400 }, () => [randomName(), uniqueIdNumber()]);
    const up = await uploadRoster(deps, 'u-cadre-province', { file: xlsx([['姓名', '身份证号'], ...rows]), fileName: 'slow.xlsx', orgId: basic[0].id }, new Date());
    const first = await commitImport(deps, 'u-cadre-province', up.id, new Date(), 0);
    expect(first.status).toBe('committing');
    expect(first.remaining).toBeGreaterThan(0);
    // Each worker took one chunk before it saw the time was up.
    expect(first.created).toBeGreaterThan(0);
    expect(first.created).toBeLessThan(400);
    const done = await commitImport(deps, 'u-cadre-province', up.id, new Date());
    expect(done).toEqual({ status: 'committed', created: 400, updated: 0, unchanged: 0, skipped: 0 });
    expect(await roster.countInUnion(basic[0].id)).toBe(400);
  });
});

describe('import commit vs 会员认证', () => {
  it('race on 12 records: one member, one number, record/binding/member consistent', { timeout: 120_000 }, async () => {
    const { basic } = await ownSubtree(1);
    const org = basic[0];
    const people = Array.from({ length: 12 }, (_, i) => ({ name: randomName(), id: uniqueIdNumber(), no: `RACE${Date.now() % 1e6}${String(i).padStart(2, '0')}` }));
    const first = await uploadRoster(deps, 'u-cadre-province', { file: xlsx([['姓名', '身份证号'], ...people.map((p) => [p.name, p.id])]), fileName: 'a.xlsx', orgId: org.id }, new Date());
    await commitImport(deps, 'u-cadre-province', first.id, new Date());
    // The second upload gives everyone their national 会员号; it is committed while they verify.
    const second = await uploadRoster(deps, 'u-cadre-province', { file: xlsx([['姓名', '身份证号', '会员号'], ...people.map((p) => [p.name, p.id, p.no])]), fileName: 'b.xlsx', orgId: org.id }, new Date());
    const userIds = await Promise.all(people.map(() => newUser()));
    const [commit, ...verified] = await Promise.all([
      commitImport(deps, 'u-cadre-province', second.id, new Date()),
      ...people.map((p, i) => verifyMember(deps, userIds[i], { name: p.name, idNumber: p.id }, new Date())),
    ]);
    expect(commit.created).toBe(0);
    expect(commit.updated + commit.skipped).toBe(12);
    for (const [i, p] of people.entries()) {
      const record = (await roster.record(idNumberIndex(p.id)))!;
      const binding = (await roster.binding(idNumberIndex(p.id)))!;
      const member = (await users.profile(userIds[i]))!.membership;
      expect(binding.userId).toBe(userIds[i]);
      expect(member).toMatchObject({ status: 'active', orgId: org.id, memberNo: binding.memberNo });
      expect(verified[i].memberNo).toBe(binding.memberNo);
      // Either the 会员号 landed before the binding (the member has it) or the bound record kept its state.
      if (record.memberNo) expect(record.memberNo).toBe(binding.memberNo);
      else expect(binding.memberNo).toMatch(/^SX7/);
      const numberItem = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: { PK: { S: `MEMBERNO#${binding.memberNo}` }, SK: { S: 'MEMBERNO' } } }));
      expect(numberItem.Item?.userId.S).toBe(userIds[i]);
    }
  });
});
