/**
 * Roster import and 会员认证 over HTTP (serverless offline + DynamoDB Local), with files the tests make:
 * .xlsx packed with fflate, CSV in UTF-8 and GBK (iconv-lite). Imports here go to 西安北客站枢纽物业服务有限公司工会
 * (xa-wy-gt), which no other test file uses.
 */
import { describe, expect, it } from 'vitest';
import { idCheckChar } from '@union/shared/id-number';
import { call, login } from './client';
import { upload } from './roster-client';
import { csv, randomName, randomPhone, uniqueIdNumber, xlsx, zipBomb } from '../fixtures/roster-files';
import { RosterRepository } from '../../functions/src/repositories/roster';
import { idNumberIndex } from '../../functions/src/lib/pii';

const ORG = 'xa-wy-gt';
const HEADER = ['姓名', '身份证号', '手机号', '会员号', '入会日期', '基层工会'];
const roster = new RosterRepository();
const ID_AS_NUMBER = '身份证号被 Excel 存成了数字，后几位已经丢失：请把该列设置为“文本”格式，重新填写后再导出';

/** An 18-digit number with a wrong check character. */
const wrongCheck = (id: string) => id.slice(0, 17) + (idCheckChar(id.slice(0, 17)) === '1' ? '2' : '1');

/** Commits, again while the answer is `committing` (a big roster on a busy table), as the app does. */
async function commit(token: string, id: string) {
  for (;;) {
    const answer = await call('POST', `/v1/admin/imports/${id}/commit`, { token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    if (answer.body.status === 'committed') return answer.body;
    expect(answer.body).toMatchObject({ status: 'committing', remaining: expect.any(Number) });
  }
}

/** Uploads rows for `ORG` and commits them; returns the commit's answer. */
async function importRows(token: string, rows: (string | null)[][], orgId = ORG) {
  const up = await upload(token, xlsx([HEADER, ...rows]), { orgId });
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  return commit(token, up.body.id);
}

describe('roster upload: every row checked, exact errors, nothing written before commit', () => {
  it('reports each kind of bad row with its row and column; commits only the good ones', async () => {
    const cadre = await login('cadre-xian');
    const good = uniqueIdNumber();
    const ids = Array.from({ length: 8 }, uniqueIdNumber);
    const file = xlsx([
      HEADER,
      ['王小明', good, '13812345678', 'SX61990001', '2019-03-01', '西安北客站枢纽物业服务有限公司工会'],
      ['李四', wrongCheck(ids[0]), null, null, null, ORG],
      ['赵五', 610113199001011000, null, null, null, ORG],
      ['钱六', '6.10113E+17', null, null, null, ORG],
      ['孙七', good, null, null, null, ORG],
      ['周八', ids[1], '1234', null, null, ORG],
      ['吴九', ids[2], null, null, '2019-13-45', ORG],
      ['郑十', ids[3], null, null, null, '不存在的工会'],
      ['冯十一', ids[4], null, null, null, 'xa-wy'],
      [null, ids[5], null, null, null, ORG],
      [],
      ['陈十二', ids[6], 13912345678, 2023001, 44562, ORG],
    ]);
    const up = await upload(cadre.token, file, { orgId: 'xa-wy' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ orgId: 'xa-wy', status: 'validated', rows: 11, accepted: 2, rejected: 9 });
    expect(up.body.errors).toEqual([
      { row: 3, column: '身份证号', message: '身份证号校验位不正确，请核对' },
      { row: 4, column: '身份证号', message: ID_AS_NUMBER },
      { row: 5, column: '身份证号', message: ID_AS_NUMBER },
      { row: 6, column: '身份证号', message: '与第 2 行的身份证号重复' },
      { row: 7, column: '手机号', message: '手机号应为 11 位大陆手机号码' },
      { row: 8, column: '入会日期', message: '入会日期无效，应为 2019-03-01 这样的日期，且不晚于今天' },
      { row: 9, column: '基层工会', message: '找不到工会“不存在的工会”：请填写工会编号，或在本工会范围内的准确全称' },
      { row: 10, column: '基层工会', message: '“未央区总工会”不是基层工会，会员只能登记在基层工会' },
      { row: 11, column: '姓名', message: '姓名不能为空' },
    ]);
    // Nothing in the roster yet.
    expect(await roster.record(idNumberIndex(good))).toBeUndefined();

    const listed = await call('GET', '/v1/admin/imports?orgId=xa-wy', { token: cadre.token });
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(up.body.id);

    const errorsCsv = await fetch(`${(await import('../setup/ports')).TEST_API}/v1/admin/imports/${up.body.id}/errors?format=csv`, { headers: { authorization: `Bearer ${cadre.token}` } });
    expect(errorsCsv.status).toBe(200);
    expect(errorsCsv.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await errorsCsv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe([...HEADER, '原行号', '错误原因'].join(','));
    expect(lines).toHaveLength(10);
    expect(lines[1]).toContain('李四');
    expect(lines[1]).toContain(',3,身份证号：身份证号校验位不正确，请核对');

    expect(await commit(cadre.token, up.body.id)).toEqual({ status: 'committed', created: 2, updated: 0, unchanged: 0, skipped: 0 });
    const record = await roster.record(idNumberIndex(good));
    expect(record).toMatchObject({ orgId: ORG, memberNo: 'SX61990001', joinedOn: '2019-03-01', nameMasked: '王*明', phoneMasked: '138****5678' });
    // Numbers typed into cells are fine for phone, member number and (as an Excel date serial) the join date.
    expect(await roster.record(idNumberIndex(ids[6]))).toMatchObject({ memberNo: '2023001', joinedOn: '2022-01-01', phoneMasked: '139****5678' });
    // Personal data is stored only sealed.
    expect(JSON.stringify(record)).not.toContain(good);
    expect(JSON.stringify(record)).not.toContain('13812345678');

    const again = await call('GET', `/v1/admin/imports/${up.body.id}`, { token: cadre.token });
    expect(again.body).toMatchObject({ status: 'committed', result: { created: 2 } });
    // Committing again does nothing twice and answers the same.
    expect(await commit(cadre.token, up.body.id)).toEqual({ status: 'committed', created: 2, updated: 0, unchanged: 0, skipped: 0 });
  });

  it('the same file twice creates nothing twice; a changed phone updates', async () => {
    const cadre = await login('cadre-xian');
    const rows = Array.from({ length: 5 }, () => [randomName(), uniqueIdNumber(), randomPhone(), null, null, null]);
    expect(await importRows(cadre.token, rows)).toEqual({ status: 'committed', created: 5, updated: 0, unchanged: 0, skipped: 0 });
    expect(await importRows(cadre.token, rows)).toEqual({ status: 'committed', created: 0, updated: 0, unchanged: 5, skipped: 0 });
    rows[0][2] = '13700000000';
    expect(await importRows(cadre.token, rows)).toEqual({ status: 'committed', created: 0, updated: 1, unchanged: 4, skipped: 0 });
    expect(await roster.record(idNumberIndex(rows[0][1]!))).toMatchObject({ phoneMasked: '137****0000' });
  });

  it('reads CSV in GBK (Excel on Chinese Windows), UTF-8 and UTF-8 with BOM, and names the Excel number accident', async () => {
    const cadre = await login('cadre-xian');
    for (const encoding of ['gbk', 'utf8', 'utf8-bom'] as const) {
      const name = randomName();
      const id = uniqueIdNumber();
      const file = csv([['姓名', '身份证号', '手机号'], [name, id, ''], ['欧阳·娜娜', '610113199001011000', ''], ['王五', '6.10113E+17', '']], encoding);
      const up = await upload(cadre.token, file, { orgId: ORG, fileName: `roster-${encoding}.csv` });
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      expect(up.body.errors, encoding).toEqual([
        { row: 3, column: '身份证号', message: ID_AS_NUMBER },
        { row: 4, column: '身份证号', message: ID_AS_NUMBER },
      ]);
      expect(await commit(cadre.token, up.body.id)).toMatchObject({ created: 1 });
      // The name was decoded right: verification with it succeeds.
      const user = await login();
      const verified = await call('POST', '/v1/member-verifications', { token: user.token, body: { name, idNumber: id } });
      expect(verified.status, `${encoding} ${JSON.stringify(verified.body)}`).toBe(200);
    }
  });

  it('takes a 5,000-row roster over HTTP; uploading it again creates nothing', { timeout: 240_000 }, async () => {
    const cadre = await login('cadre-xian');
    const rows = Array.from({ length: 5000 }, () => [randomName(), uniqueIdNumber(), randomPhone()]);
    const file = csv([['姓名', '身份证号', '手机号'], ...rows], 'utf8-bom');
    const first = await upload(cadre.token, file, { orgId: ORG, fileName: 'big.csv' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ rows: 5000, accepted: 5000, rejected: 0 });
    expect(await commit(cadre.token, first.body.id)).toEqual({ status: 'committed', created: 5000, updated: 0, unchanged: 0, skipped: 0 });
    const second = await upload(cadre.token, file, { orgId: ORG, fileName: 'big.csv' });
    expect(await commit(cadre.token, second.body.id)).toEqual({ status: 'committed', created: 0, updated: 0, unchanged: 5000, skipped: 0 });
  });
});

describe('hostile and wrong files: a clear 4xx, nothing written', () => {
  // Made while collecting, before any request: seconds of CPU between two requests would let the
  // server's keep-alive close the connection the next request reuses.
  const bomb = zipBomb(70);
  const cases: [string, () => Buffer, number, string, RegExp][] = [
    ['not a spreadsheet (PNG bytes)', () => Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), 400, 'BAD_FILE', /无法识别/],
    ['an empty file', () => Buffer.alloc(0), 400, 'BAD_FILE', /空/],
    ['only a header', () => xlsx([HEADER]), 400, 'BAD_FILE', /没有会员数据/],
    ['unknown headers', () => csv([['名字啊', '证件', '部门'], ['王五', uniqueIdNumber(), '财务']]), 400, 'BAD_FILE', /无法识别的表头：名字啊、证件、部门/],
    ['a formula in a cell', () => xlsx([HEADER, ['王五', { formula: 'CONCATENATE("6101","02199001011234")', result: '610102199001011234' }]]), 400, 'BAD_FILE', /公式/],
    ['an old .xls workbook', () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]), 400, 'BAD_FILE', /\.xls/],
    ['a zip bomb (a sheet that inflates past the limit, its directory lying about the size)', () => bomb, 413, 'PAYLOAD_TOO_LARGE', /压缩炸弹/],
    ['a huge shared-string table', () => xlsx([HEADER], { 'xl/sharedStrings.xml': `<sst>${Array.from({ length: 200_000 }, () => `<si><t>${Math.random().toString(36).slice(2, 10)}</t></si>`).join('')}</sst>` }), 413, 'PAYLOAD_TOO_LARGE', /文字内容过多/],
    ['a 5 MB file (over the 4 MB an upload may carry)', () => csv([['姓名', '身份证号'], ...Array.from({ length: 200_000 }, () => ['王小明', '610102199001011234'])]), 413, 'PAYLOAD_TOO_LARGE', /文件过大/],
  ];
  for (const [what, make, status, code, message] of cases) {
    it(what, { timeout: 60_000 }, async () => {
      // Made first: a slow fixture must not leave the HTTP connection idle past the server's keep-alive.
      const file = make();
      const cadre = await login('cadre-xian');
      const before = (await call('GET', `/v1/admin/imports?orgId=${ORG}&limit=100`, { token: cadre.token })).body.items.length;
      const answer = await upload(cadre.token, file, { orgId: ORG, fileName: `hostile-${what}` });
      expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(status);
      expect(answer.body.error.code).toBe(code);
      expect(answer.body.error.message).toMatch(message);
      const after = (await call('GET', `/v1/admin/imports?orgId=${ORG}&limit=100`, { token: cadre.token })).body.items.length;
      expect(after).toBe(before);
    });
  }

  it('a 50 MB file is refused before it reaches the function (10 MB gateway limit, as in API Gateway)', { timeout: 60_000 }, async () => {
    const file = Buffer.alloc(50 * 1024 * 1024, 0x41);
    const cadre = await login('cadre-xian');
    expect((await upload(cadre.token, file, { orgId: ORG })).status).toBe(413);
  });

  it('a JSON body, a missing file and a missing orgId are refused', async () => {
    const cadre = await login('cadre-xian');
    expect((await call('POST', '/v1/admin/imports', { token: cadre.token, body: { orgId: ORG } })).status).toBe(415);
    const noFile = await fetch(`${(await import('../setup/ports')).TEST_API}/v1/admin/imports`, { method: 'POST', headers: { authorization: `Bearer ${cadre.token}` }, body: (() => { const f = new FormData(); f.set('orgId', ORG); return f; })() });
    expect(noFile.status).toBe(400);
    const noOrg = await upload(cadre.token, xlsx([HEADER, ['王五', uniqueIdNumber()]]));
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.error.code).toBe('VALIDATION_FAILED');
    expect((await upload((await login()).token, xlsx([HEADER]), { orgId: ORG })).status).toBe(403);
  });
});

describe('scope', () => {
  it('a 西安 cadre cannot import into 宝鸡, neither directly nor by naming a 宝鸡 union in a row', async () => {
    const xian = await login('cadre-xian');
    const id = uniqueIdNumber();
    const direct = await upload(xian.token, xlsx([HEADER, ['王五', id]]), { orgId: 'bj-wb-ql' });
    expect(direct.status).toBe(403);
    expect(direct.body.error.code).toBe('OUT_OF_SCOPE');
    const byRow = await upload(xian.token, xlsx([HEADER, ['王五', uniqueIdNumber(), null, null, null, 'xa-yt-qy'], ['赵六', id, null, null, null, '宝鸡秦岭机床有限公司工会']]), { orgId: 'xa' });
    expect(byRow.status).toBe(403);
    expect(byRow.body.error).toMatchObject({ code: 'OUT_OF_SCOPE', details: [{ path: 'row 3 基层工会', message: '“宝鸡秦岭机床有限公司工会”不在西安市总工会范围内' }] });
    expect(await roster.record(idNumberIndex(id))).toBeUndefined();

    // A 宝鸡 cadre cannot read or commit a 西安 import.
    const mine = await upload(xian.token, xlsx([HEADER, ['王五', uniqueIdNumber()]]), { orgId: ORG });
    const baoji = await login('cadre-baoji');
    expect((await call('GET', `/v1/admin/imports/${mine.body.id}`, { token: baoji.token })).status).toBe(403);
    expect((await call('POST', `/v1/admin/imports/${mine.body.id}/commit`, { token: baoji.token })).status).toBe(403);
    expect((await call('GET', `/v1/admin/imports/${mine.body.id}/errors?format=csv`, { token: baoji.token })).status).toBe(403);
  });
});

describe('会员认证', () => {
  it('a match makes the user an active member at once, with the roster number', async () => {
    const cadre = await login('cadre-xian');
    const [name, id, phone] = [randomName(), uniqueIdNumber(), randomPhone()];
    await importRows(cadre.token, [[name, id, phone, 'SX61990777', '2018-05-01', null]]);
    const user = await login();
    const verified = await call('POST', '/v1/member-verifications', { token: user.token, body: { name, idNumber: id, phone } });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toEqual({ status: 'bound', orgId: ORG, orgName: '西安北客站枢纽物业服务有限公司工会', memberNo: 'SX61990777' });
    const me = await call('GET', '/v1/me', { token: user.token });
    expect(me.body.membership).toMatchObject({ status: 'active', orgId: ORG, memberNo: 'SX61990777' });
    // The same member state as an approved join: the cadre finds them by member number.
    const found = await call('GET', '/v1/admin/members?memberNo=SX61990777', { token: cadre.token });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    // Verifying again: already a member.
    expect((await call('POST', '/v1/member-verifications', { token: user.token, body: { name, idNumber: id, phone } })).body.error.code).toBe('ALREADY_MEMBER');
  });

  it('one answer for every mismatch; five failures a day, then 429 even with the right data; failures audited', async () => {
    const cadre = await login('cadre-xian');
    const [name, id, phone] = [randomName(), uniqueIdNumber(), randomPhone()];
    await importRows(cadre.token, [[name, id, phone, null, null, null]]);
    const user = await login();
    const attempts = [
      { name: '不对的', idNumber: id, phone },
      { name, idNumber: id, phone: '13000000000' },
      { name, idNumber: id },
      { name, idNumber: uniqueIdNumber(), phone },
      { name: '别人', idNumber: uniqueIdNumber() },
    ];
    const answers = [];
    for (const body of attempts) answers.push(await call('POST', '/v1/member-verifications', { token: user.token, body }));
    expect(answers.map((a) => a.status)).toEqual([409, 409, 409, 409, 409]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers[0].body.error.code).toBe('VERIFICATION_FAILED');
    const sixth = await call('POST', '/v1/member-verifications', { token: user.token, body: { name, idNumber: id, phone } });
    expect(sixth.status).toBe(429);
    const audit = await call('GET', `/v1/admin/audit-log?orgId=${ORG}&action=member_verification.failed&actorUserId=${user.me.id}`, { token: cadre.token });
    expect(audit.body.items.length).toBe(3); // the three attempts against this union's record
  });

  it('20 users verifying one record at once: exactly one is bound', async () => {
    const cadre = await login('cadre-xian');
    const [name, id] = [randomName(), uniqueIdNumber()];
    await importRows(cadre.token, [[name, id, null, null, null, null]]);
    const users = await Promise.all(Array.from({ length: 20 }, () => login()));
    const answers = await Promise.all(users.map((u) => call('POST', '/v1/member-verifications', { token: u.token, body: { name, idNumber: id } })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.body.error.code === 'ALREADY_BOUND')).toHaveLength(19);
    const binding = await roster.binding(idNumberIndex(id));
    const winner = users[answers.findIndex((a) => a.status === 200)];
    expect(binding?.userId).toBe(winner.me.id);
    const members = await Promise.all(users.map(async (u) => (await call('GET', '/v1/me', { token: u.token })).body.membership.status));
    expect(members.filter((s) => s === 'active')).toHaveLength(1);
  });

  it('a join request from someone in the roster points to 会员认证', async () => {
    const cadre = await login('cadre-xian');
    const [name, id] = [randomName(), uniqueIdNumber()];
    await importRows(cadre.token, [[name, id, null, null, null, null]]);
    const user = await login();
    const filed = await call('POST', '/v1/join-requests', { token: user.token, body: { name, idNumber: id, phone: randomPhone(), orgId: ORG, employer: '北客站物业' } });
    expect(filed.status).toBe(409);
    expect(filed.body.error.code).toBe('IN_ROSTER');
    expect(filed.body.error.message).toContain('会员认证');
  });

  it('a bound record cannot be claimed by another WeChat until a cadre in scope unbinds it (audited); the number stays', async () => {
    const cadre = await login('cadre-xian');
    const [name, id] = [randomName(), uniqueIdNumber()];
    await importRows(cadre.token, [[name, id, null, null, null, null]]);
    const first = await login();
    const bound = await call('POST', '/v1/member-verifications', { token: first.token, body: { name, idNumber: id } });
    expect(bound.status).toBe(200);
    const second = await login();
    expect((await call('POST', '/v1/member-verifications', { token: second.token, body: { name, idNumber: id } })).body.error.code).toBe('ALREADY_BOUND');

    const baoji = await login('cadre-baoji');
    expect((await call('POST', `/v1/admin/members/${first.me.id}/unbind`, { token: baoji.token, body: { reason: '换了手机号' } })).status).toBe(403);
    expect((await call('POST', `/v1/admin/members/${cadre.me.id}/unbind`, { token: cadre.token, body: { reason: '自己解绑自己' } })).body.error.code).toBe('SELF_ACTION');
    expect((await call('POST', `/v1/admin/members/${first.me.id}/unbind`, { token: cadre.token, body: {} })).status).toBe(400);
    const unbound = await call('POST', `/v1/admin/members/${first.me.id}/unbind`, { token: cadre.token, body: { reason: '会员更换了微信号' } });
    expect(unbound.status, JSON.stringify(unbound.body)).toBe(200);
    expect((await call('GET', '/v1/me', { token: first.token })).body.membership.status).toBe('none');
    const audit = await call('GET', `/v1/admin/audit-log?orgId=${ORG}&action=member.unbind`, { token: cadre.token });
    expect(audit.body.items.find((e: { objectId: string }) => e.objectId === first.me.id)).toMatchObject({ after: { reason: '会员更换了微信号' } });

    const again = await call('POST', '/v1/member-verifications', { token: second.token, body: { name, idNumber: id } });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.memberNo).toBe(bound.body.memberNo);
    expect((await call('POST', `/v1/admin/members/${first.me.id}/unbind`, { token: cadre.token, body: { reason: '再解绑一次' } })).status).toBe(409);
  });
});
