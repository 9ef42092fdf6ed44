import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { idCheckChar } from '@union/shared/id-number';
import { JoinRequestPage, TransferRequestPage } from '@union/shared/membership';
import { MessagePage } from '@union/shared/messages';
import { localClient } from '../../scripts/lib/dynamodb-local';
import { OFFLINE_LOG, TEST_DYNAMO, TEST_TABLE } from '../setup/ports';
import { call, login } from './client';
import { withWrongCheckChar } from './fixtures';

/** A valid 身份证号 (GB 11643 check character) born on `birth`, unique per call. */
let seq = 100 + Math.floor(Math.random() * 800);
const usedIds: string[] = [];
const usedPhones: string[] = [];
function idNumber(birth = '19900307', area = '610113'): string {
  const first17 = `${area}${birth}${String(seq++ % 1000).padStart(3, '0')}`;
  const id = first17 + idCheckChar(first17);
  usedIds.push(id);
  return id;
}
function phone(): string {
  const p = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  usedPhones.push(p);
  return p;
}
const application = (overrides: Record<string, unknown> = {}) => ({
  name: '陈思远', idNumber: idNumber(), phone: phone(), orgId: 'xa-yt-qy', employer: '陕西秦云软件有限公司', ...overrides,
});

async function apply(overrides: Record<string, unknown> = {}) {
  const user = await login();
  const body = application(overrides);
  const answer = await call('POST', '/v1/join-requests', { token: user.token, body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return { user, body, id: answer.body.id as string };
}

async function cadre(name: string) {
  return (await login(name)).token;
}

async function scanTable() {
  const client = localClient(TEST_DYNAMO);
  const items: Record<string, unknown>[] = [];
  let start: Record<string, any> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: TEST_TABLE, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []).map((i) => unmarshall(i)));
    start = out.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return items;
}

describe('POST /v1/join-requests — validation', () => {
  const lowerX = (() => {
    for (let s = 0; s < 1000; s++) {
      const first17 = `61011319851120${String(s).padStart(3, '0')}`;
      if (idCheckChar(first17) === 'X') return `${first17}x`;
    }
    throw new Error('no X check digit found');
  })();
  const good = idNumber();
  const wrongCheck = withWrongCheckChar(good);

  it.each([
    ['wrong check digit', { idNumber: wrongCheck }, 'idNumber'],
    ['impossible date 1990-02-30', { idNumber: (() => { const f = '610113199002300' + '12'; return f + idCheckChar(f); })() }, 'idNumber'],
    ['birth date in the future', { idNumber: (() => { const f = '610113209901010' + '12'; return f + idCheckChar(f); })() }, 'idNumber'],
    ['17 characters', { idNumber: good.slice(0, 17) }, 'idNumber'],
    ['19 characters', { idNumber: `${good}1` }, 'idNumber'],
    ['letters inside', { idNumber: `61011319A0030712${good.slice(-2)}` }, 'idNumber'],
    ['phone with 10 digits', { phone: '1391234567' }, 'phone'],
    ['phone starting 12', { phone: '12912345678' }, 'phone'],
    ['phone with letters', { phone: '139abcd5678' }, 'phone'],
    ['empty name', { name: '' }, 'name'],
    ['name with digits', { name: '张三3' }, 'name'],
    ['missing employer', { employer: undefined }, 'employer'],
    ['a city union (not basic-level)', { orgId: 'xa' }, 'orgId'],
    ['a county union (not basic-level)', { orgId: 'xa-yt' }, 'orgId'],
  ])('%s → 400 naming the field, nothing written', async (_label, overrides, field) => {
    const user = await login();
    const answer = await call('POST', '/v1/join-requests', { token: user.token, body: application(overrides) });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(answer.body.error.details[0].message).toMatch(/[\u4e00-\u9fa5]/);
    const mine = JoinRequestPage.parse((await call('GET', '/v1/me/join-requests', { token: user.token })).body);
    expect(mine.items).toEqual([]);
    expect((await call('GET', '/v1/me', { token: user.token })).body.membership.status).toBe('none');
  });

  it('accepts a lower-case x check character and stores it as X', async () => {
    const { user } = await apply({ idNumber: lowerX });
    const mine = JoinRequestPage.parse((await call('GET', '/v1/me/join-requests', { token: user.token })).body);
    expect(mine.items[0].idNumber).toBe(lowerX.toUpperCase());
  });

  it('answers 404 for an unknown union', async () => {
    const user = await login();
    const answer = await call('POST', '/v1/join-requests', { token: user.token, body: application({ orgId: 'no-such-union' }) });
    expect(answer.status).toBe(404);
  });
});

describe('applying, one open request at a time', () => {
  it('files a pending request the owner sees in full; a second application → 409 REQUEST_PENDING', async () => {
    const { user, body, id } = await apply();
    const me = (await call('GET', '/v1/me', { token: user.token })).body;
    expect(me.membership).toMatchObject({ status: 'pending', orgId: 'xa-yt-qy', orgName: '陕西秦云软件有限公司工会' });
    const mine = JoinRequestPage.parse((await call('GET', '/v1/me/join-requests', { token: user.token })).body);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id, status: 'pending', name: body.name, idNumber: body.idNumber, phone: body.phone });

    const again = await call('POST', '/v1/join-requests', { token: user.token, body: application() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REQUEST_PENDING');
  });

  it('ten applications at once by one user → exactly one 201', async () => {
    const user = await login();
    const answers = await Promise.all(Array.from({ length: 10 }, () => call('POST', '/v1/join-requests', { token: user.token, body: application() })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(9);
    expect(JoinRequestPage.parse((await call('GET', '/v1/me/join-requests', { token: user.token })).body).items).toHaveLength(1);
  });

  it('an active member cannot apply → 409 ALREADY_MEMBER', async () => {
    const member = await login('member-1');
    const answer = await call('POST', '/v1/join-requests', { token: member.token, body: application() });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('ALREADY_MEMBER');
  });
});

describe('review by cadres in scope', () => {
  it('scope matrix: member 403 FORBIDDEN; sibling-branch and lower cadres 403 OUT_OF_SCOPE; own and higher cadres may act', async () => {
    const { id } = await apply();
    const member = (await login('member-2')).token;
    const baoji = await cadre('cadre-baoji'); // beside 西安
    const beilin = await cadre('cadre-beilin'); // inside 西安, but not above 雁塔
    const xian = await cadre('cadre-xian');
    const province = await cadre('cadre-province');

    const routes = [
      ['GET', `/v1/admin/join-requests/${id}`, undefined],
      ['POST', `/v1/admin/join-requests/${id}/reveal`, { field: 'phone' }],
      ['POST', `/v1/admin/join-requests/${id}/reject`, { reason: '材料不全' }],
      ['POST', `/v1/admin/join-requests/${id}/approve`, undefined],
    ] as const;
    for (const [method, path, body] of routes) {
      const asMember = await call(method, path, { token: member, body });
      expect(asMember.status, `${method} ${path} as member`).toBe(403);
      expect(asMember.body.error.code).toBe('FORBIDDEN');
      for (const outsider of [baoji, beilin]) {
        const answer = await call(method, path, { token: outsider, body });
        expect(answer.status, `${method} ${path} out of scope`).toBe(403);
        expect(answer.body.error.code).toBe('OUT_OF_SCOPE');
      }
    }
    expect((await call('GET', '/v1/admin/join-requests', { token: member })).status).toBe(403);

    // The queues: 西安 and the province see it (oldest first), 宝鸡 and 碑林 do not.
    const inQueue = async (token: string) =>
      JoinRequestPage.parse((await call('GET', '/v1/admin/join-requests?status=pending&limit=100', { token })).body).items.some((r) => r.id === id);
    expect(await inQueue(xian)).toBe(true);
    expect(await inQueue(province)).toBe(true);
    expect(await inQueue(baoji)).toBe(false);
    expect(await inQueue(beilin)).toBe(false);
    expect((await call('GET', '/v1/admin/join-requests?orgId=bj', { token: xian })).body.error.code).toBe('OUT_OF_SCOPE');

    expect((await call('GET', `/v1/admin/join-requests/${id}`, { token: province })).status).toBe(200);
    const approved = await call('POST', `/v1/admin/join-requests/${id}/approve`, { token: xian });
    expect(approved.status).toBe(200);
  });

  it('lists pending requests masked, oldest first, with the waiting time', async () => {
    const first = await apply({ name: '欧阳娜娜' });
    const second = await apply();
    const xian = await cadre('cadre-xian');
    const page = JoinRequestPage.parse((await call('GET', '/v1/admin/join-requests?limit=100', { token: xian })).body);
    const ids = page.items.map((r) => r.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    const shown = page.items.find((r) => r.id === first.id)!;
    expect(shown.name).toBe('欧**娜');
    expect(shown.idNumber).toBe(`${first.body.idNumber.slice(0, 3)}***********${first.body.idNumber.slice(-4)}`);
    expect(shown.phone).toBe(`${first.body.phone.slice(0, 3)}****${first.body.phone.slice(-4)}`);
    expect(shown.waitingSeconds).toBeGreaterThanOrEqual(0);
  });

  it('reveals one field to a cadre in scope and audits the read', async () => {
    const { id, body } = await apply();
    const xian = await cadre('cadre-xian');
    const answer = await call('POST', `/v1/admin/join-requests/${id}/reveal`, { token: xian, body: { field: 'idNumber' } });
    expect(answer.body).toEqual({ field: 'idNumber', value: body.idNumber });
    const audits = (await scanTable()).filter((i) => i.entity === 'Audit' && i.objectId === id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'join_request.reveal', actorOrgId: 'xa', after: { field: 'idNumber' } });
    expect((await call('POST', `/v1/admin/join-requests/${id}/reveal`, { token: xian, body: { field: 'bankCard' } })).status).toBe(400);
  });

  it('approval makes an active member with a member number, tells them, and is audited', async () => {
    const { user, id } = await apply({ notifyConsent: true });
    const xian = await cadre('cadre-xian');
    const answer = await call('POST', `/v1/admin/join-requests/${id}/approve`, { token: xian });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id, status: 'approved', memberNo: expect.stringMatching(/^SX\d{8}$/) });
    const me = (await call('GET', '/v1/me', { token: user.token })).body;
    expect(me.membership).toEqual({ status: 'active', orgId: 'xa-yt-qy', orgName: '陕西秦云软件有限公司工会', memberNo: answer.body.memberNo });

    const inbox = MessagePage.parse((await call('GET', '/v1/me/messages', { token: user.token })).body);
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ kind: 'join_result', title: '入会申请已通过', read: false });
    expect(inbox.items[0].body).toContain(answer.body.memberNo);

    const items = await scanTable();
    expect(items.filter((i) => i.entity === 'Audit' && i.objectId === id && i.action === 'join_request.approve')).toHaveLength(1);
    // The applicant consented on apply: the (recording) subscribe-message adapter got exactly one.
    const subscribe = items.filter((i) => i.entity === 'SubscribeMessage' && i.openid === `dev-${user.name}`);
    expect(subscribe).toHaveLength(1);
    expect(subscribe[0]).toMatchObject({ templateId: 'test-review-result', page: '/packages/membership/requests/index' });

    // Decided requests leave the pending queue and show under approved.
    const pending = JoinRequestPage.parse((await call('GET', '/v1/admin/join-requests?limit=100', { token: xian })).body);
    expect(pending.items.some((r) => r.id === id)).toBe(false);
    const approved = JoinRequestPage.parse((await call('GET', '/v1/admin/join-requests?status=approved&limit=100', { token: xian })).body);
    expect(approved.items.some((r) => r.id === id)).toBe(true);
  });

  it('two cadres approving at once → one 200, one 409 INVALID_STATE, exactly one membership', async () => {
    const { user, id } = await apply();
    const [xian, province] = await Promise.all([cadre('cadre-xian'), cadre('cadre-province')]);
    const answers = await Promise.all([
      call('POST', `/v1/admin/join-requests/${id}/approve`, { token: xian }),
      call('POST', `/v1/admin/join-requests/${id}/approve`, { token: province }),
      call('POST', `/v1/admin/join-requests/${id}/reject`, { token: xian, body: { reason: '重复提交' } }),
    ]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe('INVALID_STATE');
    const me = (await call('GET', '/v1/me', { token: user.token })).body;
    const winner = answers.find((a) => a.status === 200)!;
    expect(me.membership.status).toBe(winner.body.status === 'approved' ? 'active' : 'none');
    const indexItems = (await scanTable()).filter((i) => i.entity === 'IdNumberIndex' && i.userId === user.me.id);
    expect(indexItems).toHaveLength(winner.body.status === 'approved' ? 1 : 0);
  });

  it('rejection with a reason: the applicant sees it and may apply again', async () => {
    const { user, id } = await apply(); // no consent given: no subscribe message
    const xian = await cadre('cadre-xian');
    expect((await call('POST', `/v1/admin/join-requests/${id}/reject`, { token: xian, body: { reason: '' } })).status).toBe(400);
    const answer = await call('POST', `/v1/admin/join-requests/${id}/reject`, { token: xian, body: { reason: '工作单位与所选工会不符' } });
    expect(answer.body).toEqual({ id, status: 'rejected' });
    const mine = JoinRequestPage.parse((await call('GET', '/v1/me/join-requests', { token: user.token })).body);
    expect(mine.items[0]).toMatchObject({ status: 'rejected', reason: '工作单位与所选工会不符' });
    expect((await call('GET', '/v1/me', { token: user.token })).body.membership.status).toBe('none');
    const inbox = MessagePage.parse((await call('GET', '/v1/me/messages', { token: user.token })).body);
    expect(inbox.items[0].body).toContain('工作单位与所选工会不符');
    const again = await call('POST', '/v1/join-requests', { token: user.token, body: application() });
    expect(again.status).toBe(201);
    expect((await scanTable()).filter((i) => i.entity === 'SubscribeMessage' && i.openid === `dev-${user.name}`)).toEqual([]);
  });

  it('the same 身份证号 cannot be an active member twice', async () => {
    const first = await apply();
    const xian = await cadre('cadre-xian');
    expect((await call('POST', `/v1/admin/join-requests/${first.id}/approve`, { token: xian })).status).toBe(200);
    const other = await login();
    const answer = await call('POST', '/v1/join-requests', { token: other.token, body: application({ idNumber: first.body.idNumber }) });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('ID_NUMBER_IN_USE');
  });
});

describe('transfer (转会)', () => {
  it('an active member moves to another basic union when a cadre of the destination approves; points and number stay', async () => {
    const { user, id } = await apply();
    const xian = await cadre('cadre-xian');
    const memberNo = (await call('POST', `/v1/admin/join-requests/${id}/approve`, { token: xian })).body.memberNo;
    await call('POST', '/v1/sign-ins', { token: user.token });
    const before = (await call('GET', '/v1/me', { token: user.token })).body;

    expect((await call('POST', '/v1/transfer-requests', { token: user.token, body: { toOrgId: 'xa-yt-qy', reason: '调岗' } })).status).toBe(400);
    expect((await call('POST', '/v1/transfer-requests', { token: user.token, body: { toOrgId: 'bj', reason: '调岗' } })).status).toBe(400);
    const filed = await call('POST', '/v1/transfer-requests', { token: user.token, body: { toOrgId: 'bj-wb-ql', reason: '工作调动到宝鸡' } });
    expect(filed.status).toBe(201);
    const again = await call('POST', '/v1/transfer-requests', { token: user.token, body: { toOrgId: 'bj-wb-tj', reason: '再来一次' } });
    expect(again.body.error.code).toBe('REQUEST_PENDING');

    // The destination decides: 西安 (the origin) is out of scope, 宝鸡 approves.
    const outOfScope = await call('POST', `/v1/admin/transfer-requests/${filed.body.id}/approve`, { token: xian });
    expect(outOfScope.body.error.code).toBe('OUT_OF_SCOPE');
    const baoji = await cadre('cadre-baoji');
    const queue = TransferRequestPage.parse((await call('GET', '/v1/admin/transfer-requests', { token: baoji })).body);
    expect(queue.items.map((r) => r.id)).toContain(filed.body.id);
    const [a, b] = await Promise.all([
      call('POST', `/v1/admin/transfer-requests/${filed.body.id}/approve`, { token: baoji }),
      call('POST', `/v1/admin/transfer-requests/${filed.body.id}/approve`, { token: baoji }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);

    const after = (await call('GET', '/v1/me', { token: user.token })).body;
    expect(after.membership).toEqual({ status: 'active', orgId: 'bj-wb-ql', orgName: '宝鸡秦岭机床有限公司工会', memberNo });
    expect(after.points.balance).toBe(before.points.balance);
    const mine = TransferRequestPage.parse((await call('GET', '/v1/me/transfer-requests', { token: user.token })).body);
    expect(mine.items[0]).toMatchObject({ status: 'approved', fromOrgId: 'xa-yt-qy', toOrgId: 'bj-wb-ql' });
  });

  it('a non-member cannot ask to transfer → 403 NOT_A_MEMBER', async () => {
    const user = await login();
    const answer = await call('POST', '/v1/transfer-requests', { token: user.token, body: { toOrgId: 'bj-wb-ql', reason: '调动' } });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('NOT_A_MEMBER');
  });
});

describe('personal data protection', () => {
  it('no plaintext 身份证号, phone or real name anywhere in the table', async () => {
    await apply({ name: '司马相如' });
    const dump = JSON.stringify(await scanTable());
    expect(usedIds.length).toBeGreaterThan(10);
    for (const id of usedIds) expect(dump).not.toContain(id);
    for (const p of usedPhones) expect(dump).not.toContain(p);
    expect(dump).not.toContain('司马相如');
  });

  it('none of it in the functions\' logs either', () => {
    const log = readFileSync(OFFLINE_LOG, 'utf8');
    expect(log.length).toBeGreaterThan(0);
    for (const id of usedIds) expect(log).not.toContain(id);
    for (const p of usedPhones) expect(log).not.toContain(p);
  });
});
