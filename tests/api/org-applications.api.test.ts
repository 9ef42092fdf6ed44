/**
 * 建会 over HTTP: an enterprise's contact applies, the parent's cadres approve (the union and its first
 * cadre in one transaction) or reject; scope, self-approval, bad codes and ten approvals at once.
 */
import { describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { AuditPage, CadreList } from '@union/shared/admin';
import { MessagePage } from '@union/shared/messages';
import { OrgApplication, OrgApplicationPage } from '@union/shared/org-applications';
import { OrgPage } from '@union/shared/orgs';
import { localClient } from '../../scripts/lib/dynamodb-local';
import { TEST_DYNAMO, TEST_TABLE } from '../setup/ports';
import { call, login } from './client';
import { hanTag, newCreditCode, withWrongCheckChar } from './fixtures';

const cadre = async (name: string) => (await login(name)).token;

const application = (overrides: Record<string, unknown> = {}) => {
  const tag = hanTag();
  return {
    name: `${tag}科技有限公司工会`, parentId: 'xa-yt', employer: `西安${tag}科技有限公司`, creditCode: newCreditCode(),
    contactName: '刘建华', contactPhone: `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, workforce: 86, ...overrides,
  };
};

async function apply(overrides: Record<string, unknown> = {}, token?: string) {
  const user = token ? { token } : await login();
  const body = application(overrides);
  const answer = await call('POST', '/v1/org-applications', { token: user.token, body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  expect(answer.body).toEqual({ id: expect.any(String), status: 'pending' });
  return { token: user.token, body, id: answer.body.id as string };
}

describe('POST /v1/org-applications — apply', () => {
  it('files an application: the applicant sees it in full, the cadre masked; the phone is never stored in clear', async () => {
    const { token, body, id } = await apply();
    const mine = OrgApplicationPage.parse((await call('GET', '/v1/me/org-applications', { token })).body);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id, status: 'pending', name: body.name, parentId: 'xa-yt', parentName: '雁塔区总工会', creditCode: body.creditCode, contactName: '刘建华', contactPhone: body.contactPhone, workforce: 86 });

    const queue = OrgApplicationPage.parse((await call('GET', '/v1/admin/org-applications?limit=100', { token: await cadre('cadre-xian') })).body);
    const seen = queue.items.find((a) => a.id === id)!;
    expect(seen).toMatchObject({ contactName: '刘*华', contactPhone: `${body.contactPhone.slice(0, 3)}****${body.contactPhone.slice(-4)}` });
    const one = OrgApplication.parse((await call('GET', `/v1/admin/org-applications/${id}`, { token: await cadre('cadre-xian') })).body);
    expect(one.contactPhone).toBe(seen.contactPhone);

    const client = localClient(TEST_DYNAMO);
    const out = await client.send(new ScanCommand({ TableName: TEST_TABLE, FilterExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': { S: `ORGAPP#${id}` } } }));
    client.destroy();
    const stored = JSON.stringify(out.Items!.map((i) => unmarshall(i)));
    expect(stored).not.toContain(body.contactPhone);
    expect(stored).not.toContain('刘建华');
  });

  it.each([
    ['a wrong check character', { creditCode: withWrongCheckChar(newCreditCode()) }, 'creditCode'],
    // A valid code whose check character is 0 (the case that once made "put a 0 there" a valid code).
    ['a wrong check character where the right one is 0', { creditCode: withWrongCheckChar('916101131000001390') }, 'creditCode'],
    ['a 15-character code', { creditCode: '610113123456789' }, 'creditCode'],
    ['an I in the code', { creditCode: '9161011312345678I9' }, 'creditCode'],
    ['a bad 组织机构代码 check', { creditCode: '916101137084611460' }, 'creditCode'],
    ['a city as parent', { parentId: 'xa' }, 'parentId'],
    ['a basic union as parent', { parentId: 'xa-yt-qy' }, 'parentId'],
    ['no workforce', { workforce: 0 }, 'workforce'],
    ['a fractional workforce', { workforce: 2.5 }, 'workforce'],
    ['a bad contact phone', { contactPhone: '1234' }, 'contactPhone'],
    ['a contact name with digits', { contactName: '刘3' }, 'contactName'],
    ['no employer', { employer: '' }, 'employer'],
  ])('refuses %s → 400 naming the field, nothing filed', async (_label, overrides, field) => {
    const user = await login();
    const answer = await call('POST', '/v1/org-applications', { token: user.token, body: application(overrides) });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(answer.body.error.details[0].message).toMatch(/[\u4e00-\u9fa5]/);
    expect(OrgApplicationPage.parse((await call('GET', '/v1/me/org-applications', { token: user.token })).body).items).toEqual([]);
  });

  it('refuses an unknown parent (404), a taken name (NAME_TAKEN), a second open application of one enterprise', async () => {
    const user = await login();
    expect((await call('POST', '/v1/org-applications', { token: user.token, body: application({ parentId: 'nowhere' }) })).status).toBe(404);
    const taken = await call('POST', '/v1/org-applications', { token: user.token, body: application({ name: '陕西秦云软件有限公司工会' }) });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('NAME_TAKEN');
    const first = await apply();
    const twice = await call('POST', '/v1/org-applications', { token: user.token, body: application({ creditCode: first.body.creditCode }) });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('REQUEST_PENDING');
    expect((await call('POST', '/v1/org-applications', { body: application() })).status).toBe(401);
  });
});

describe('deciding 建会', () => {
  it('approval founds the basic union with its credit code and makes the applicant its first cadre, told in the inbox', async () => {
    const { token, body, id } = await apply({ parentId: 'jy' }); // an industry union may take one too
    const province = await cadre('cadre-province');
    const approved = await call('POST', `/v1/admin/org-applications/${id}/approve`, { token: province });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toEqual({ id, status: 'approved', orgId: expect.any(String) });
    const orgId = approved.body.orgId as string;

    const org = (await call('GET', `/v1/orgs/${orgId}`, { token })).body;
    expect(org).toMatchObject({ id: orgId, name: body.name, parentId: 'jy', level: 'basic', path: `/sx/jy/${orgId}/`, creditCode: body.creditCode, status: 'open' });
    const me = (await call('GET', '/v1/me', { token })).body;
    expect(me.roles).toEqual([{ role: 'cadre', orgId, orgName: body.name }]);
    // As its cadre the applicant can read their union's admin tools at once.
    expect((await call('GET', '/v1/admin/overview', { token })).status).toBe(200);
    const cadres = CadreList.parse((await call('GET', `/v1/admin/roles?orgId=${orgId}`, { token: province })).body);
    expect(cadres.items.map((c) => c.userId)).toEqual([me.id]);

    const mine = OrgApplicationPage.parse((await call('GET', '/v1/me/org-applications', { token })).body).items[0];
    expect(mine).toMatchObject({ status: 'approved', orgId, decidedAt: expect.any(String) });
    const inbox = MessagePage.parse((await call('GET', '/v1/me/messages', { token })).body);
    expect(inbox.items[0]).toMatchObject({ kind: 'org_application_result', title: '建会申请已批准', link: '/packages/org-apply/mine/index' });

    const again = await call('POST', `/v1/admin/org-applications/${id}/approve`, { token: province });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    const pending = OrgApplicationPage.parse((await call('GET', '/v1/admin/org-applications?limit=100', { token: province })).body);
    expect(pending.items.some((a) => a.id === id)).toBe(false);
    const decided = OrgApplicationPage.parse((await call('GET', '/v1/admin/org-applications?status=approved&limit=100', { token: province })).body);
    expect(decided.items.some((a) => a.id === id)).toBe(true);

    const log = AuditPage.parse((await call('GET', `/v1/admin/audit-log?orgId=${orgId}`, { token: province })).body);
    expect(log.items.find((e) => e.action === 'org_application.approve')).toMatchObject({ objectId: id, actorUserId: 'u-cadre-province', after: { orgId, firstCadre: me.id } });
    // The enterprise's credit code is free for a later application once decided.
    await apply({ creditCode: body.creditCode });
  });

  it('rejection needs a reason, tells the applicant, and lets them apply again', async () => {
    const { token, body, id } = await apply();
    const xian = await cadre('cadre-xian');
    const noReason = await call('POST', `/v1/admin/org-applications/${id}/reject`, { token: xian, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('reason');
    const rejected = await call('POST', `/v1/admin/org-applications/${id}/reject`, { token: xian, body: { reason: '职工人数材料不全' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toEqual({ id, status: 'rejected' });
    const mine = OrgApplicationPage.parse((await call('GET', '/v1/me/org-applications', { token })).body).items[0];
    expect(mine).toMatchObject({ status: 'rejected', reason: '职工人数材料不全' });
    const inbox = MessagePage.parse((await call('GET', '/v1/me/messages', { token })).body);
    expect(inbox.items[0]).toMatchObject({ kind: 'org_application_result', title: '建会申请未获批准' });
    expect(inbox.items[0].body).toContain('职工人数材料不全');
    expect((await call('POST', `/v1/admin/org-applications/${id}/approve`, { token: xian })).body.error.code).toBe('INVALID_STATE');
    await apply({ creditCode: body.creditCode, name: body.name }, token);
  });

  it('a 西安 cadre can neither see nor decide 宝鸡\'s 建会; 宝鸡\'s cadre can; members and strangers cannot', async () => {
    const { id } = await apply({ parentId: 'bj-wb' });
    const xian = await cadre('cadre-xian');
    for (const path of [`/v1/admin/org-applications/${id}/approve`, `/v1/admin/org-applications/${id}/reject`]) {
      const answer = await call('POST', path, { token: xian, body: { reason: '不在本市' } });
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('OUT_OF_SCOPE');
    }
    expect((await call('GET', `/v1/admin/org-applications/${id}`, { token: xian })).body.error.code).toBe('OUT_OF_SCOPE');
    expect((await call('GET', '/v1/admin/org-applications?orgId=bj', { token: xian })).body.error.code).toBe('OUT_OF_SCOPE');
    const xianQueue = OrgApplicationPage.parse((await call('GET', '/v1/admin/org-applications?limit=100', { token: xian })).body);
    expect(xianQueue.items.some((a) => a.id === id)).toBe(false);
    expect((await call('POST', `/v1/admin/org-applications/${id}/approve`, { token: (await login('member-1')).token })).body.error.code).toBe('FORBIDDEN');

    const baoji = await cadre('cadre-baoji');
    expect(OrgApplicationPage.parse((await call('GET', '/v1/admin/org-applications?limit=100', { token: baoji })).body).items.some((a) => a.id === id)).toBe(true);
    expect((await call('POST', `/v1/admin/org-applications/${id}/approve`, { token: baoji })).status).toBe(200);
  });

  it('a cadre cannot decide their own application (SELF_ACTION); a cadre above them can', async () => {
    const beilin = await cadre('cadre-beilin');
    const { id } = await apply({ parentId: 'xa-bl' }, beilin);
    for (const [path, body] of [[`/v1/admin/org-applications/${id}/approve`, undefined], [`/v1/admin/org-applications/${id}/reject`, { reason: '撤回申请' }]] as const) {
      const answer = await call('POST', path, { token: beilin, body });
      expect(answer.status).toBe(403);
      expect(answer.body.error).toMatchObject({ code: 'SELF_ACTION', message: '不能对本人的账户、订单或申请进行此操作，请由其他干部办理' });
    }
    expect((await call('POST', `/v1/admin/org-applications/${id}/reject`, { token: await cadre('cadre-xian'), body: { reason: '请由企业经办人申请' } })).status).toBe(200);
  });

  it('approval refuses a name taken meanwhile under the parent (NAME_TAKEN) and leaves the application pending', async () => {
    const { body, id } = await apply({ parentId: 'xa-wy' });
    const xian = await cadre('cadre-xian');
    expect((await call('POST', '/v1/admin/orgs', { token: xian, body: { parentId: 'xa-wy', name: body.name, level: 'basic' } })).status).toBe(201);
    const approve = await call('POST', `/v1/admin/org-applications/${id}/approve`, { token: xian });
    expect(approve.status).toBe(409);
    expect(approve.body.error.code).toBe('NAME_TAKEN');
    const one = OrgApplication.parse((await call('GET', `/v1/admin/org-applications/${id}`, { token: xian })).body);
    expect(one.status).toBe('pending');
  });

  it('10 concurrent approvals → one union, one cadre, nine INVALID_STATE', async () => {
    const { token, body, id } = await apply({ parentId: 'xa-bl' });
    const tokens = [await cadre('cadre-xian'), await cadre('cadre-province'), await cadre('cadre-beilin')];
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => call('POST', `/v1/admin/org-applications/${id}/approve`, { token: tokens[i % 3] })));
    const won = answers.filter((a) => a.status === 200);
    expect(won, JSON.stringify(answers.map((a) => a.body))).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.body.error.code === 'INVALID_STATE')).toHaveLength(9);
    const kids = OrgPage.parse((await call('GET', '/v1/orgs/xa-bl/children?limit=100', { token })).body).items.filter((o) => o.name === body.name);
    expect(kids.map((o) => o.id)).toEqual([won[0].body.orgId]);
    const me = (await call('GET', '/v1/me', { token })).body;
    expect(me.roles).toEqual([{ role: 'cadre', orgId: won[0].body.orgId, orgName: body.name }]);
    const cadres = CadreList.parse((await call('GET', `/v1/admin/roles?orgId=${won[0].body.orgId}`, { token: tokens[0] })).body);
    expect(cadres.items).toHaveLength(1);
  });
});
