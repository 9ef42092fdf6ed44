/**
 * The union tree in the cadres' hands, over HTTP: create, rename, close, every refusal, the audit
 * trail, and the races the conditions must win (same name twice, close against join / child creation).
 */
import { describe, expect, it } from 'vitest';
import { AuditPage } from '@union/shared/admin';
import { Org, OrgPage } from '@union/shared/orgs';
import { call, login } from './client';
import { hanTag, newCreditCode, newIdNumber, withWrongCheckChar } from './fixtures';

const cadre = async (name: string) => (await login(name)).token;

async function create(token: string, body: Record<string, unknown>) {
  return call('POST', '/v1/admin/orgs', { token, body });
}

/** A new union made by `token` (default 西安's cadre) under `parentId`, asserted created. */
async function made(parentId: string, level: string, token?: string, name = `${hanTag()}${level === 'basic' ? '公司工会' : '区总工会'}`) {
  const answer = await create(token ?? (await cadre('cadre-xian')), { parentId, name, level });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return Org.parse(answer.body);
}

const children = async (token: string, id: string) => OrgPage.parse((await call('GET', `/v1/orgs/${id}/children?limit=100`, { token })).body).items;
const search = async (token: string, q: string) => OrgPage.parse((await call('GET', `/v1/orgs?q=${encodeURIComponent(q)}&limit=100`, { token })).body).items;

describe('POST /v1/admin/orgs — create a union in my scope', () => {
  it('creates a county union under 西安 and a basic union under it, with id-based paths, listed and searchable', async () => {
    const xian = await cadre('cadre-xian');
    const tag = hanTag();
    const county = await create(xian, { parentId: 'xa', name: `${tag}区总工会`, level: 'county' });
    expect(county.status).toBe(201);
    expect(county.body).toMatchObject({ name: `${tag}区总工会`, parentId: 'xa', level: 'county', status: 'open' });
    expect(county.body.path).toBe(`/sx/xa/${county.body.id}/`);

    const code = newCreditCode();
    const basic = await create(xian, { parentId: county.body.id, name: `${tag}科技有限公司工会`, level: 'basic', creditCode: code.toLowerCase() });
    expect(basic.status, JSON.stringify(basic.body)).toBe(201);
    expect(basic.body.path).toBe(`/sx/xa/${county.body.id}/${basic.body.id}/`);
    expect(basic.body.creditCode).toBe(code);

    expect((await call('GET', `/v1/orgs/${basic.body.id}`, { token: xian })).body).toMatchObject({ name: `${tag}科技有限公司工会`, level: 'basic' });
    expect((await children(xian, 'xa')).map((o) => o.id)).toContain(county.body.id);
    expect((await children(xian, county.body.id)).map((o) => o.id)).toEqual([basic.body.id]);
    expect((await search(xian, tag)).map((o) => o.id).sort()).toEqual([county.body.id, basic.body.id].sort());
  });

  it.each([
    ['a city under a city', 'xa', 'city'],
    ['an industry union under a city (same rank)', 'xa', 'industry'],
    ['a province under a city', 'xa', 'province'],
    ['a county under a county', 'xa-yt', 'county'],
    ['anything under a basic union', 'xa-yt-qy', 'basic'],
  ])('refuses %s → 400 naming level, nothing written', async (_label, parentId, level) => {
    const xian = await cadre('cadre-xian');
    const name = `${hanTag()}工会`;
    const answer = await create(xian, { parentId, name, level });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error.details[0]).toMatchObject({ path: 'level' });
    expect(answer.body.error.details[0].message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await search(xian, name.slice(0, 4))).toEqual([]);
  });

  it.each([
    // Any check character but the right one (a fixed '0' is right for 1 code in 31).
    ['a bad check character', { creditCode: withWrongCheckChar(newCreditCode()) }, 'creditCode'],
    ['17 characters', { creditCode: newCreditCode().slice(0, 17) }, 'creditCode'],
    ['a forbidden letter', { creditCode: `91610113${'O'.repeat(10)}` }, 'creditCode'],
    ['a one-character name', { name: '工' }, 'name'],
    ['a name with symbols', { name: '工会<script>' }, 'name'],
    ['an unknown level', { level: 'village' }, 'level'],
    ['a bad parent id', { parentId: 'XA!' }, 'parentId'],
  ])('refuses %s → 400 naming the field', async (_label, overrides, field) => {
    const xian = await cadre('cadre-xian');
    const answer = await create(xian, { parentId: 'xa-yt', name: `${hanTag()}公司工会`, level: 'basic', ...overrides });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it('keeps a 西安 cadre out of 宝鸡 and a member out of the tree, and says 404 for an unknown parent', async () => {
    const name = `${hanTag()}区总工会`;
    const xianAnswer = await create(await cadre('cadre-xian'), { parentId: 'bj', name, level: 'county' });
    expect(xianAnswer.status).toBe(403);
    expect(xianAnswer.body.error.code).toBe('OUT_OF_SCOPE');
    const beilin = await create(await cadre('cadre-beilin'), { parentId: 'xa', name, level: 'county' });
    expect(beilin.body.error.code).toBe('OUT_OF_SCOPE'); // above my own union
    const member = await create((await login('member-1')).token, { parentId: 'xa-yt', name, level: 'basic' });
    expect(member.status).toBe(403);
    expect(member.body.error.code).toBe('FORBIDDEN');
    expect((await create(await cadre('cadre-province'), { parentId: 'nowhere', name, level: 'basic' })).status).toBe(404);
    expect((await children(await cadre('cadre-baoji'), 'bj')).some((o) => o.name === name)).toBe(false);
    // The 宝鸡 cadre may.
    await made('bj', 'county', await cadre('cadre-baoji'), name);
  });

  it('keeps names unique among siblings (NFKC, spacing), not across parents; seeded names count too', async () => {
    const xian = await cadre('cadre-xian');
    const name = `${hanTag()}有限公司工会（一）`;
    await made('xa-yt', 'basic', xian, name);
    const again = await create(xian, { parentId: 'xa-yt', name: name.replace('（一）', '(一)'), level: 'basic' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('NAME_TAKEN');
    expect(again.body.error.details[0].path).toBe('name');
    await made('xa-bl', 'basic', xian, name); // another parent: fine
    const seeded = await create(xian, { parentId: 'xa', name: '雁塔区总工会', level: 'county' });
    expect(seeded.body.error.code).toBe('NAME_TAKEN');
  });

  it('20 concurrent creations of one name under one parent → exactly one union', async () => {
    const xian = await cadre('cadre-xian');
    const name = `${hanTag(5)}公司工会`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => create(xian, { parentId: 'xa-wy', name, level: 'basic' })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'NAME_TAKEN')).toBe(true);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
    expect((await children(xian, 'xa-wy')).filter((o) => o.name === name)).toHaveLength(1);
    expect(await search(xian, name.slice(0, 5))).toHaveLength(1);
  });
});

describe('PATCH /v1/admin/orgs/{id} — rename', () => {
  it('renames: the search index follows, paths stay, the old name is free again; PUT works for wx.request', async () => {
    const xian = await cadre('cadre-xian');
    const county = await made('xa', 'county', xian);
    const basic = await made(county.id, 'basic', xian);
    const tag = hanTag();
    const renamed = await call('PATCH', `/v1/admin/orgs/${county.id}`, { token: xian, body: { name: `${tag}新区总工会` } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ id: county.id, name: `${tag}新区总工会`, path: county.path });
    expect((await call('GET', `/v1/orgs/${county.id}`, { token: xian })).body.name).toBe(`${tag}新区总工会`);
    expect((await call('GET', `/v1/orgs/${basic.id}`, { token: xian })).body.path).toBe(`/sx/xa/${county.id}/${basic.id}/`);
    expect((await search(xian, tag)).map((o) => o.id)).toEqual([county.id]);
    expect(await search(xian, county.name.slice(0, 4))).toEqual([]);
    // The renamed union's cadre scope is by path: a child can still be made under it.
    await made(county.id, 'basic', xian);
    // Its old name can be taken again by a sibling.
    await made('xa', 'county', xian, county.name);

    const put = await call('PUT', `/v1/admin/orgs/${basic.id}`, { token: xian, body: { name: `${hanTag()}公司工会` } });
    expect(put.status).toBe(200);
  });

  it('members and cadres of a renamed union see its new name at once', async () => {
    const xian = await cadre('cadre-xian');
    const basic = await made('xa-yt', 'basic', xian);
    const user = await login();
    const filed = await call('POST', '/v1/join-requests', { token: user.token, body: { name: '郑一鸣', idNumber: newIdNumber(), phone: '13700004444', orgId: basic.id, employer: '测试单位' } });
    expect((await call('POST', `/v1/admin/join-requests/${filed.body.id}/approve`, { token: xian })).status).toBe(200);
    const name = `${hanTag()}公司工会`;
    expect((await call('PATCH', `/v1/admin/orgs/${basic.id}`, { token: xian, body: { name } })).status).toBe(200);
    const me = (await call('GET', '/v1/me', { token: user.token })).body;
    expect(me.membership).toMatchObject({ status: 'active', orgId: basic.id, orgName: name });
    const again = await call('POST', '/v1/auth/wechat-login', { body: { code: `dev:${user.name}` } });
    expect(again.body.me.membership.orgName).toBe(name);
  });

  it('refuses a sibling\'s name, my own union, another city\'s union, bad names', async () => {
    const xian = await cadre('cadre-xian');
    const a = await made('xa-yt', 'basic', xian);
    const b = await made('xa-yt', 'basic', xian);
    const clash = await call('PATCH', `/v1/admin/orgs/${b.id}`, { token: xian, body: { name: a.name } });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('NAME_TAKEN');
    expect((await call('GET', `/v1/orgs/${b.id}`, { token: xian })).body.name).toBe(b.name);
    expect((await call('PATCH', '/v1/admin/orgs/xa', { token: xian, body: { name: `${hanTag()}市总工会` } })).body.error.code).toBe('OUT_OF_SCOPE');
    expect((await call('PATCH', '/v1/admin/orgs/bj-wb', { token: xian, body: { name: `${hanTag()}区总工会` } })).body.error.code).toBe('OUT_OF_SCOPE');
    const bad = await call('PATCH', `/v1/admin/orgs/${b.id}`, { token: xian, body: { name: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('name');
    expect((await call('PATCH', '/v1/admin/orgs/nowhere', { token: xian, body: { name: '某某工会' } })).status).toBe(404);
  });
});

describe('POST /v1/admin/orgs/{id}/close', () => {
  it('refuses a union with open children or active members (NOT_EMPTY), then closes it once they are gone', async () => {
    const xian = await cadre('cadre-xian');
    const county = await made('xa', 'county', xian);
    const basic = await made(county.id, 'basic', xian);
    const notEmpty = await call('POST', `/v1/admin/orgs/${county.id}/close`, { token: xian });
    expect(notEmpty.status).toBe(409);
    expect(notEmpty.body.error.code).toBe('NOT_EMPTY');

    // A member joins the basic union: it cannot be closed either.
    const user = await login();
    const filed = await call('POST', '/v1/join-requests', { token: user.token, body: { name: '孙立新', idNumber: newIdNumber(), phone: '13700001111', orgId: basic.id, employer: '测试单位' } });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect((await call('POST', `/v1/admin/join-requests/${filed.body.id}/approve`, { token: xian })).status).toBe(200);
    expect((await call('POST', `/v1/admin/orgs/${basic.id}/close`, { token: xian })).body.error.code).toBe('NOT_EMPTY');

    // The member transfers away: now the basic union is empty and closes, then its parent.
    const transfer = await call('POST', '/v1/transfer-requests', { token: user.token, body: { toOrgId: 'xa-yt-qy', reason: '工作调动' } });
    expect(transfer.status).toBe(201);
    expect((await call('POST', `/v1/admin/transfer-requests/${transfer.body.id}/approve`, { token: xian })).status).toBe(200);
    const closed = await call('POST', `/v1/admin/orgs/${basic.id}/close`, { token: xian });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ id: basic.id, status: 'closed' });
    expect((await call('POST', `/v1/admin/orgs/${county.id}/close`, { token: xian })).status).toBe(200);

    // Closed: readable by id, gone from lists and search, takes nothing new.
    expect((await call('GET', `/v1/orgs/${basic.id}`, { token: xian })).body.status).toBe('closed');
    expect((await children(xian, 'xa')).map((o) => o.id)).not.toContain(county.id);
    expect(await search(xian, county.name.slice(0, 4))).toEqual([]);
    expect((await call('POST', `/v1/admin/orgs/${county.id}/close`, { token: xian })).body.error.code).toBe('INVALID_STATE');
    expect((await create(xian, { parentId: county.id, name: `${hanTag()}公司工会`, level: 'basic' })).body.error.code).toBe('INVALID_STATE');
    expect((await call('PATCH', `/v1/admin/orgs/${county.id}`, { token: xian, body: { name: `${hanTag()}区总工会` } })).body.error.code).toBe('INVALID_STATE');
    const join = await call('POST', '/v1/join-requests', { token: (await login()).token, body: { name: '周文', idNumber: newIdNumber(), phone: '13700002222', orgId: basic.id, employer: '测试单位' } });
    expect(join.status).toBe(409);
    expect(join.body.error.code).toBe('INVALID_STATE');
    // Its name is free again among its former siblings.
    await made('xa', 'county', xian, county.name);
  });

  it('refuses my own union, the province, and 宝鸡 for a 西安 cadre', async () => {
    expect((await call('POST', '/v1/admin/orgs/xa/close', { token: await cadre('cadre-xian') })).body.error.code).toBe('OUT_OF_SCOPE');
    expect((await call('POST', '/v1/admin/orgs/sx/close', { token: await cadre('cadre-province') })).body.error.code).toBe('OUT_OF_SCOPE');
    expect((await call('POST', '/v1/admin/orgs/bj-jt/close', { token: await cadre('cadre-xian') })).body.error.code).toBe('OUT_OF_SCOPE');
    expect((await call('POST', '/v1/admin/orgs/nowhere/close', { token: await cadre('cadre-xian') })).status).toBe(404);
  });

  it('a close racing a join approval: exactly one wins, and the state agrees with it', async () => {
    const xian = await cadre('cadre-xian');
    const beilin = await cadre('cadre-beilin');
    for (let round = 0; round < 4; round++) {
      const basic = await made('xa-bl', 'basic', xian);
      const user = await login();
      const filed = await call('POST', '/v1/join-requests', { token: user.token, body: { name: '吴静', idNumber: newIdNumber(), phone: '13700003333', orgId: basic.id, employer: '测试单位' } });
      expect(filed.status).toBe(201);
      const [close, approve] = await Promise.all([
        call('POST', `/v1/admin/orgs/${basic.id}/close`, { token: xian }),
        call('POST', `/v1/admin/join-requests/${filed.body.id}/approve`, { token: beilin }),
      ]);
      expect([close.status, approve.status].sort()).toEqual([200, 409]);
      const me = (await call('GET', '/v1/me', { token: user.token })).body;
      const org = (await call('GET', `/v1/orgs/${basic.id}`, { token: xian })).body;
      if (close.status === 200) {
        expect(approve.body.error.code).toBe('INVALID_STATE');
        expect(me.membership.status).toBe('pending');
        expect(org.status).toBe('closed');
      } else {
        expect(close.body.error.code).toBe('NOT_EMPTY');
        expect(me.membership).toMatchObject({ status: 'active', orgId: basic.id });
        expect(org.status).toBe('open');
      }
    }
  });

  it('a close racing a child creation: exactly one wins', async () => {
    const xian = await cadre('cadre-xian');
    const province = await cadre('cadre-province');
    for (let round = 0; round < 4; round++) {
      const county = await made('xa', 'county', xian);
      const [close, child] = await Promise.all([
        call('POST', `/v1/admin/orgs/${county.id}/close`, { token: province }),
        create(xian, { parentId: county.id, name: `${hanTag()}公司工会`, level: 'basic' }),
      ]);
      expect(Number(close.status === 200) + Number(child.status === 201), JSON.stringify([close.body, child.body])).toBe(1);
      expect(close.status === 200 ? child.status : close.status).toBe(409);
      const org = (await call('GET', `/v1/orgs/${county.id}`, { token: xian })).body;
      if (close.status === 200) {
        expect(child.body.error.code).toBe('INVALID_STATE');
        expect(org.status).toBe('closed');
      } else {
        expect(close.body.error.code).toBe('NOT_EMPTY');
        expect((await children(xian, county.id)).map((o) => o.id)).toEqual([child.body.id]);
      }
    }
  });
});

describe('audit', () => {
  it('records every create, rename and close with who, before and after, visible up the tree only', async () => {
    const xian = await cadre('cadre-xian');
    const org = await made('xa-yt', 'basic', xian);
    const name = `${hanTag()}公司工会`;
    expect((await call('PATCH', `/v1/admin/orgs/${org.id}`, { token: xian, body: { name } })).status).toBe(200);
    expect((await call('POST', `/v1/admin/orgs/${org.id}/close`, { token: xian })).status).toBe(200);
    // The union's own audit partition holds exactly what happened to it (and below it).
    const log = AuditPage.parse((await call('GET', `/v1/admin/audit-log?orgId=${org.id}&limit=100`, { token: await cadre('cadre-province') })).body);
    const mine = log.items.filter((e) => e.objectId === org.id);
    expect(mine.map((e) => e.action).sort()).toEqual(['org.close', 'org.create', 'org.rename']);
    expect(mine.every((e) => e.actorUserId === 'u-cadre-xian' && e.objectType === 'org' && e.orgPath === org.path)).toBe(true);
    expect(mine.find((e) => e.action === 'org.rename')).toMatchObject({ before: { name: org.name }, after: { name } });
    expect(mine.find((e) => e.action === 'org.create')?.after).toMatchObject({ name: org.name, level: 'basic', parentId: 'xa-yt' });
    expect((await call('GET', `/v1/admin/audit-log?orgId=${org.id}`, { token: await cadre('cadre-baoji') })).body.error.code).toBe('OUT_OF_SCOPE');
  });

  it('filtered by action, finds an entry behind many newer ones of other actions, and pages through every match once', async () => {
    // CI saw it: the 管理 tab filtered by 调整积分 showed nothing once a busy scope had written newer entries —
    // DynamoDB applies Limit before the filter, so one read of `limit` entries held no match.
    const xian = await cadre('cadre-xian');
    const county = await made('xa', 'county', xian);
    const renamed = `${hanTag()}区总工会`;
    expect((await call('PATCH', `/v1/admin/orgs/${county.id}`, { token: xian, body: { name: renamed } })).status).toBe(200);
    const created = [];
    for (let i = 0; i < 30; i++) created.push((await made(county.id, 'basic', xian)).id);

    const renames = AuditPage.parse((await call('GET', `/v1/admin/audit-log?orgId=${county.id}&action=org.rename&limit=5`, { token: xian })).body);
    expect(renames.items.map((e) => e.after)).toEqual([{ name: renamed }]);
    expect(renames.nextCursor).toBeNull();

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = AuditPage.parse((await call('GET', `/v1/admin/audit-log?orgId=${county.id}&action=org.create&limit=7${cursor ? `&cursor=${cursor}` : ''}`, { token: xian })).body);
      expect(page.items.length).toBeLessThanOrEqual(7);
      if (page.nextCursor) expect(page.items.length).toBe(7);
      seen.push(...page.items.map((e) => e.objectId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...created.reverse(), county.id]);
  });
});
