/**
 * `npm run rotate-pii-key` against the test stack while the API serves (the test stage runs with keyring
 * `2:…,1:…`): items sealed under version 1 — join requests, roster records, 建会 applications, upload chunks —
 * are rotated to version 2 while members file and read join requests, cadres reveal and approve, members
 * pass 会员认证, file and get transfers approved, and a cadre re-imports changed phones (writes to the very
 * items being rotated). The run is SIGKILLed midway and resumed. Then: every ciphertext in the table is v2
 * and opens, every seeded item still holds what was sealed (or what the API wrote since), and every API
 * answer during the rotation was right.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ScanCommand, PutItemCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { maskIdNumber, maskName, maskPhone } from '@union/shared/id-number';
import { chinaIso } from '@union/shared/china-day';
import { PiiKeyring, piiKeyring, sealedVersion } from '../../functions/src/lib/pii';
import { dynamo, tableName } from '../../functions/src/lib/dynamo';
import { MembershipRepository } from '../../functions/src/repositories/membership';
import { RolesRepository } from '../../functions/src/repositories/roles';
import { RosterRepository, batchWrite, recordItem, rosterKey, type RosterRecord } from '../../functions/src/repositories/roster';
import { orgApplicationItem } from '../../functions/src/entities/org-application';
import { CIPHERTEXT, rotate } from '../../scripts/lib/pii-rotation';
import { call, login } from '../api/client';
import { upload } from '../api/roster-client';
import { csv, randomName, randomPhone, uniqueIdNumber } from '../fixtures/roster-files';
import { newCreditCode } from '../api/fixtures';
import { ownSubtree } from './roster-fixtures';
import { runScript } from './cli';

const dir = mkdtempSync(join(tmpdir(), 'rotate-pii-'));
const checkpoint = join(dir, 'rotation.checkpoint.json');

// The test stage's keyring is `2:<k2>,1:<k1>`: seed with version 1 alone, as data written before the rotation.
const { LITERALS } = createRequire(import.meta.url)('../../scripts/stage-guard.cjs') as { LITERALS: { test: { piiKey: string } } };
const v1 = new PiiKeyring(LITERALS.test.piiKey.split(',').find((e) => e.startsWith('1:'))!);

const rotation = (extra: string[]) => runScript('rotate-pii-key.ts', ['--stage', 'test', '--quiet', ...extra]);

async function scanAll(): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await dynamo().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

const FILLER = 1500;

describe('npm run rotate-pii-key', () => {
  it('rotates every ciphertext to the current key online, killed and resumed, while the API serves', { timeout: 600_000 }, async () => {
    const { county, basic } = await ownSubtree(3);
    const cadre = await login(`rot-cadre-${randomUUID().slice(0, 8)}`);
    await new RolesRepository().appoint(cadre.me.id, { role: 'cadre', orgId: county.id, orgName: county.name, orgPath: county.path });
    const now = new Date();

    // ── version-1 data, as it was before the rotation ──────────────────────────────────────────────
    const membership = new MembershipRepository();
    const joins = await Promise.all(Array.from({ length: 24 }, async () => {
      const user = await login();
      const person = { name: randomName(), idNumber: uniqueIdNumber(), phone: randomPhone() };
      const id = randomUUID();
      await membership.fileJoinRequest({
        id, userId: user.me.id, status: 'pending', orgId: basic[0].id, orgName: basic[0].name, orgPath: basic[0].path,
        nameEnc: v1.seal(person.name), idNumberEnc: v1.seal(person.idNumber), phoneEnc: v1.seal(person.phone), idHash: v1.index(person.idNumber),
        nameMasked: maskName(person.name), idNumberMasked: maskIdNumber(person.idNumber), phoneMasked: maskPhone(person.phone),
        employer: '轮换测试单位', notifyConsent: false, createdAt: chinaIso(now),
      });
      return { user, person, id };
    }));
    const record = (org: typeof basic[number], person: { name: string; idNumber: string; phone: string }): RosterRecord => ({
      idHash: v1.index(person.idNumber), orgId: org.id, orgName: org.name, orgPath: org.path,
      nameEnc: v1.seal(person.name), idNumberEnc: v1.seal(person.idNumber), phoneEnc: v1.seal(person.phone),
      nameMasked: maskName(person.name), idNumberMasked: maskIdNumber(person.idNumber), phoneMasked: maskPhone(person.phone),
      digest: v1.digest([person.name, person.idNumber, person.phone, undefined, undefined, org.id]), createdAt: chinaIso(now), updatedAt: chinaIso(now),
    });
    const claimants = Array.from({ length: 16 }, () => ({ name: randomName(), idNumber: uniqueIdNumber(), phone: randomPhone() }));
    const filler = Array.from({ length: FILLER }, () => ({ name: randomName(), idNumber: uniqueIdNumber(), phone: randomPhone() }));
    await batchWrite([...claimants.map((p) => record(basic[1], p)), ...filler.map((p) => record(basic[2], p))].map((r) => ({ PutRequest: { Item: recordItem(r) } })));
    const applicants = await Promise.all(Array.from({ length: 6 }, async () => {
      const user = await login();
      const contact = { name: randomName(), phone: randomPhone() };
      const id = randomUUID();
      await dynamo().send(new PutItemCommand({ TableName: tableName(), Item: orgApplicationItem({
        id, userId: user.me.id, status: 'pending', name: `轮换测试公司工会${id.slice(0, 6)}`, parentId: county.id, parentName: county.name, parentPath: county.path,
        employer: `轮换测试公司${id.slice(0, 6)}`, creditCode: newCreditCode(), contactNameEnc: v1.seal(contact.name), contactPhoneEnc: v1.seal(contact.phone),
        contactNameMasked: maskName(contact.name), contactPhoneMasked: maskPhone(contact.phone), workforce: 30, notifyConsent: false, createdAt: chinaIso(now),
      }) }));
      return { user, contact, id };
    }));
    const chunkId = randomUUID();
    const chunkRows = [[2, '王明', filler[0].idNumber, null, null, null, basic[2].id]];
    await dynamo().send(new PutItemCommand({ TableName: tableName(), Item: marshall({ PK: `IMPORT#${chunkId}`, SK: 'ROWS#00000', entity: 'ImportChunk', version: 1, sealed: v1.seal(JSON.stringify(chunkRows)), expiresAt: Math.floor(Date.now() / 1000) + 86_400 }) }));
    const seeded = joins.length * 3 + (claimants.length + FILLER) * 3 + applicants.length * 2 + 1;

    // ── the dry run counts exactly the seeded items, and writes nothing ─────────────────────────────
    const dry = await rotation(['--dry-run', ...(process.env.WRITE_FIGURES ? ['--write-figures'] : [])]).done;
    expect(dry.code, dry.err).toBe(0);
    expect(dry.summary).toMatchObject({ mode: 'dry-run', stale: joins.length + claimants.length + FILLER + applicants.length + 1, rewritten: 0, unreadable: 0 });
    expect(dry.summary.byEntity).toMatchObject({ JoinRequest: { items: joins.length }, RosterRecord: { items: claimants.length + FILLER }, OrgApplication: { items: applicants.length }, ImportChunk: { items: 1 } });
    expect(dry.summary.province).toMatchObject({ cipherItems: expect.any(Number), usd: expect.any(Number), hoursAtPace: expect.any(Number) });
    expect((await new RosterRepository().record(v1.index(filler[1].idNumber)))!.nameEnc.startsWith('v1.')).toBe(true);

    // ── API traffic for as long as the rotation runs ────────────────────────────────────────────────
    const wrong: string[] = [];
    const expectAnswer = (what: string, answer: { status: number; body: any }, status: number, check?: (body: any) => boolean) => {
      if (answer.status !== status || (check && !check(answer.body))) wrong.push(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    };
    const stop = { now: false };
    const changedPhones = new Map<string, string>();
    const newJoins: { token: string; person: { name: string; idNumber: string; phone: string } }[] = [];
    let rounds = 0;
    async function traffic() {
      let j = 0;
      let v = 0;
      while (!stop.now) {
        rounds++;
        const join = joins[j % joins.length];
        // The owner reads their own request in full; a cadre reveals one field of a pending one, then decides.
        const mine = await call('GET', '/v1/me/join-requests', { token: join.user.token });
        expectAnswer('owner reads', mine, 200, (b) => b.items.some((r: any) => r.id === join.id && r.name === join.person.name && r.idNumber === join.person.idNumber && r.phone === join.person.phone));
        if (j < joins.length) {
          const reveal = await call('POST', `/v1/admin/join-requests/${join.id}/reveal`, { token: cadre.token, body: { field: 'idNumber' } });
          expectAnswer('reveal', reveal, 200, (b) => b.value === join.person.idNumber);
          if (j % 2 === 0) {
            expectAnswer('approve', await call('POST', `/v1/admin/join-requests/${join.id}/approve`, { token: cadre.token }), 200);
            // The new member moves to the next union, and the cadre approves it.
            const transfer = await call('POST', '/v1/transfer-requests', { token: join.user.token, body: { toOrgId: basic[1].id, reason: '工作调动到兄弟单位' } });
            expectAnswer('transfer', transfer, 201);
            if (transfer.status === 201) expectAnswer('approve transfer', await call('POST', `/v1/admin/transfer-requests/${transfer.body.id}/approve`, { token: cadre.token }), 200);
          }
        }
        j++;
        // 会员认证 against a version-1 (or just rotated) roster record.
        if (v < claimants.length) {
          const person = claimants[v++];
          const user = await login();
          expectAnswer('会员认证', await call('POST', '/v1/member-verifications', { token: user.token, body: person }), 200, (b) => b.status === 'bound' && b.orgId === basic[1].id);
        }
        // A new applicant: sealed under version 2 by the API, read back.
        if (newJoins.length < 12) {
          const user = await login();
          const person = { name: randomName(), idNumber: uniqueIdNumber(), phone: randomPhone() };
          const filed = await call('POST', '/v1/join-requests', { token: user.token, body: { ...person, orgId: basic[0].id, employer: '轮换测试单位' } });
          expectAnswer('new join', filed, 201);
          newJoins.push({ token: user.token, person });
        }
        // 建会 applicants read their contact in full.
        const app = applicants[rounds % applicants.length];
        const apps = await call('GET', '/v1/me/org-applications', { token: app.user.token });
        expectAnswer('org application', apps, 200, (b) => b.items.some((a: any) => a.id === app.id && a.contactName === app.contact.name && a.contactPhone === app.contact.phone));
        // A cadre re-imports 20 filler members with new phones: writes to items the rotation is rewriting.
        if (rounds % 3 === 1 && changedPhones.size < 100) {
          const rows = filler.slice(100 + changedPhones.size, 120 + changedPhones.size).map((p) => {
            const phone = randomPhone();
            changedPhones.set(p.idNumber, phone);
            return [p.name, p.idNumber, phone, null, null, basic[2].id];
          });
          const up = await upload(cadre.token, csv([['姓名', '身份证号', '手机号', '会员号', '入会日期', '基层工会'], ...rows]), { orgId: county.id, fileName: 'phones.csv' });
          expectAnswer('upload', up, 201);
          for (let k = 0; up.status === 201 && k < 20; k++) {
            const committed = await call('POST', `/v1/admin/imports/${up.body.id}/commit`, { token: cadre.token });
            expectAnswer('commit', committed, 200, (b) => b.status === 'committing' || (b.status === 'committed' && b.updated + b.unchanged === 20));
            if (committed.body?.status !== 'committing') break;
          }
        }
      }
    }

    // ── first run: killed without warning midway ────────────────────────────────────────────────────
    const pace = ['--checkpoint', checkpoint, '--segments', '4', '--page-size', '25', '--units-per-second', '300'];
    const load = traffic();
    const first = rotation(pace);
    for (let i = 0; i < 1200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      if (existsSync(checkpoint) && JSON.parse(readFileSync(checkpoint, 'utf8')).counts.rewritten >= 600) break;
    }
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal, killed.err).toBe('SIGKILL');
    const at = JSON.parse(readFileSync(checkpoint, 'utf8'));
    expect(at.counts.rewritten).toBeGreaterThanOrEqual(600);
    expect(at.segments.some((s: { done: boolean }) => !s.done)).toBe(true);

    // ── resumed: goes on from the checkpoint to the end ─────────────────────────────────────────────
    const resumed = await rotation(pace).done;
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.summary).toMatchObject({ mode: 'rotate', finished: true, unreadable: 0 });
    // Nothing was done twice: the rewrites of both runs add up to at most the seeded items (fewer when the
    // API rewrote some first), and the conflicts the re-import caused were all settled.
    expect(resumed.summary.rewritten + resumed.summary.resolvedByOthers).toBeGreaterThanOrEqual(resumed.summary.stale);
    expect(resumed.summary.rewritten).toBeLessThanOrEqual(joins.length + claimants.length + FILLER + applicants.length + 1);
    // A finished rotation run again does nothing.
    const again = await rotation(pace).done;
    expect(again.code, again.err).toBe(0);
    expect(again.summary).toMatchObject({ finished: true, rewritten: resumed.summary.rewritten });
    console.log(JSON.stringify({ killedAt: at.counts, resumed: resumed.summary, rounds }));

    stop.now = true;
    await load;
    expect(wrong, wrong.join('\n')).toEqual([]);
    expect(rounds).toBeGreaterThan(3);

    // ── the table: every ciphertext v2 and readable, nothing lost ───────────────────────────────────
    const verified = await rotation(['--verify']).done;
    expect(verified.code, verified.err).toBe(0);
    expect(verified.summary).toMatchObject({ mode: 'verify', stale: 0, unreadable: 0 });
    const ring = piiKeyring();
    const old: string[] = [];
    let ciphertexts = 0;
    for (const item of await scanAll()) {
      for (const [name, value] of Object.entries(item)) {
        if (!value.S || !CIPHERTEXT.test(value.S)) continue;
        ciphertexts++;
        if (sealedVersion(value.S) !== 2) old.push(`${item.PK.S} ${name}`);
        ring.open(value.S);
      }
    }
    expect(old).toEqual([]);
    expect(ciphertexts).toBeGreaterThanOrEqual(seeded);
    const roster = new RosterRepository();
    for (const p of [...claimants, ...filler]) {
      const r = (await roster.record(v1.index(p.idNumber)))!;
      expect([ring.open(r.nameEnc), ring.open(r.idNumberEnc), ring.open(r.phoneEnc!)]).toEqual([p.name, p.idNumber, changedPhones.get(p.idNumber) ?? p.phone]);
    }
    for (const join of joins) {
      const r = (await membership.joinRequest(join.id))!;
      expect([ring.open(r.nameEnc), ring.open(r.idNumberEnc), ring.open(r.phoneEnc)]).toEqual([join.person.name, join.person.idNumber, join.person.phone]);
    }
    for (const n of newJoins) {
      const mine = await call('GET', '/v1/me/join-requests', { token: n.token });
      expect(mine.body.items[0]).toMatchObject(n.person);
    }
    expect(changedPhones.size).toBeGreaterThan(0);
  });

  it('a write that lands between the rotation reading an item and writing it is kept: the item is read again and only what is still old is resealed', async () => {
    const { basic } = await ownSubtree(1);
    const people = Array.from({ length: 2 }, () => ({ name: randomName(), idNumber: uniqueIdNumber(), phone: randomPhone() }));
    await batchWrite(people.map((p) => ({ PutRequest: { Item: recordItem({
      idHash: v1.index(p.idNumber), orgId: basic[0].id, orgName: basic[0].name, orgPath: basic[0].path,
      nameEnc: v1.seal(p.name), idNumberEnc: v1.seal(p.idNumber), phoneEnc: v1.seal(p.phone),
      nameMasked: maskName(p.name), idNumberMasked: maskIdNumber(p.idNumber), phoneMasked: maskPhone(p.phone),
      digest: v1.digest([p.name, p.idNumber, p.phone]), createdAt: chinaIso(new Date()), updatedAt: chinaIso(new Date()),
    }) } })));
    const ring = piiKeyring();
    const newPhone = randomPhone();
    const raced = new Set<string>();
    // Just before the rotation's first write to each record, "the API" writes it: a new phone (a ciphertext
    // the rotation was about to replace) on one, a plain field on the other.
    const client = {
      send: async (command: any) => {
        const pk = command.input?.Key?.PK?.S as string | undefined;
        const who = people.findIndex((p) => pk === `ROSTER#${v1.index(p.idNumber)}`);
        if (command instanceof UpdateItemCommand && who >= 0 && !raced.has(pk!)) {
          raced.add(pk!);
          await dynamo().send(new UpdateItemCommand({
            TableName: tableName(), Key: rosterKey(v1.index(people[who].idNumber)),
            UpdateExpression: who === 0 ? 'SET phoneEnc = :p, phoneMasked = :m' : 'SET memberNo = :n',
            ExpressionAttributeValues: marshall(who === 0 ? { ':p': ring.seal(newPhone), ':m': maskPhone(newPhone) } : { ':n': 'SX61000001' }),
          }));
        }
        return dynamo().send(command);
      },
    } as unknown as DynamoDBClient;
    const cp = await rotate({ client, table: tableName(), ring, segments: 2, pageSize: 500, unitsPerSecond: 100_000, dryRun: false });
    expect(raced.size).toBe(2);
    expect(cp.counts.conflicts).toBeGreaterThanOrEqual(1);
    const roster = new RosterRepository();
    const [first, second] = await Promise.all(people.map((p) => roster.record(v1.index(p.idNumber))));
    // The API's new phone survived; the name and number the API did not touch were resealed.
    expect([first!.nameEnc, first!.idNumberEnc, first!.phoneEnc!].map(sealedVersion)).toEqual([2, 2, 2]);
    expect([ring.open(first!.nameEnc), ring.open(first!.idNumberEnc), ring.open(first!.phoneEnc!)]).toEqual([people[0].name, people[0].idNumber, newPhone]);
    expect(first!.phoneMasked).toBe(maskPhone(newPhone));
    // A write to other fields does not disturb the rotation, nor the other way round.
    expect(second!.memberNo).toBe('SX61000001');
    expect([ring.open(second!.nameEnc), ring.open(second!.phoneEnc!)]).toEqual([people[1].name, people[1].phone]);
    expect(sealedVersion(second!.phoneEnc!)).toBe(2);
  });
});
