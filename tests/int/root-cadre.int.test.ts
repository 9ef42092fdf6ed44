/**
 * The root union's first cadre comes from configuration: on a table of its own (a fresh province
 * with no cadre yet), a configured openid becomes cadre of the root at login; once the root has a
 * cadre, configuration grants nothing more.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../scripts/lib/table';
import { TEST_DYNAMO } from '../setup/ports';

const table = `zhgh-bootstrap-${randomUUID().slice(0, 8)}`;
process.env.TABLE_NAME = table; // before the functions' modules read their configuration

describe('root cadre from configuration', () => {
  it('a configured openid becomes the root\'s first cadre, and only the first', async () => {
    await ensureTable(TEST_DYNAMO, table);
    const { dynamo } = await import('../../functions/src/lib/dynamo');
    const { orgWriteRequests, OrgsRepository } = await import('../../functions/src/repositories/orgs');
    const { flattenTree } = await import('../../scripts/lib/seed');
    const { UsersRepository } = await import('../../functions/src/repositories/users');
    const { RolesRepository } = await import('../../functions/src/repositories/roles');
    const { DevWechatSessions } = await import('../../functions/src/adapters/wechat-session');
    const { loginWithWechat } = await import('../../functions/src/usecases/login');
    const requests = flattenTree().slice(0, 3).flatMap((o, i) => orgWriteRequests(o, i));
    for (let i = 0; i < requests.length; i += 25) await dynamo().send(new BatchWriteItemCommand({ RequestItems: { [table]: requests.slice(i, i + 25) } }));

    const deps = { sessions: new DevWechatSessions(), users: new UsersRepository(), orgs: new OrgsRepository(), roles: new RolesRepository(), rootCadreOpenids: ['dev-boss', 'dev-deputy'] };
    const stranger = await loginWithWechat(deps, { code: 'dev:stranger' }, new Date());
    expect(stranger.me.roles).toEqual([]);
    const boss = await loginWithWechat(deps, { code: 'dev:boss' }, new Date());
    expect(boss.me.roles).toEqual([{ role: 'cadre', orgId: 'sx', orgName: '陕西省总工会' }]);
    // Logging in again changes nothing; a second configured openid gets no role once the root has one.
    expect((await loginWithWechat(deps, { code: 'dev:boss' }, new Date())).me.roles).toHaveLength(1);
    expect((await loginWithWechat(deps, { code: 'dev:deputy' }, new Date())).me.roles).toEqual([]);
    expect((await deps.roles.cadresOf('sx')).map((c) => c.userId)).toEqual([boss.me.id]);
  });
});
