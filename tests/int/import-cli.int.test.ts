/**
 * The import command (`npm run import`), as a cadre's workstation runs it, against the test stack's
 * DynamoDB Local: its own union subtree comes in with `--kind orgs`, then a roster of 12,004 rows with
 * `--kind members` — SIGKILLed mid-run, and run again. Every row must be there exactly once, counted
 * once (created, rejected, the union counters), the rejected rows listed once, and memory flat.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idCheckChar } from '@union/shared/id-number';
import { RosterRepository } from '../../functions/src/repositories/roster';
import { rosterCount } from '../../functions/src/repositories/stats';
import { OrgsRepository } from '../../functions/src/repositories/orgs';
import { chinaDay } from '@union/shared/china-day';
import { runScript } from './cli';

const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));

// As `npm run import` runs it (package.json): V8's heap held to 192 MB, so memory stays flat.
const command = (kind: 'orgs' | 'members', file: string, extra: string[] = []) =>
  runScript('import.ts', ['--stage', 'test', '--kind', kind, '--concurrency', '8', ...extra, file], ['--max-old-space-size=192']);

describe('npm run import', () => {
  it('imports a union tree, then a roster killed with SIGKILL and resumed: every row exactly once', { timeout: 300_000 }, async () => {
    const k = `k${randomUUID().slice(0, 6)}`;
    const unions = [`${k}-a`, `${k}-b`, `${k}-c`];
    const orgsFile = join(dir, 'unions.csv');
    writeFileSync(orgsFile, ['编号,名称,上级编号,级别', `${k},命令行测试区总工会${k},sx,县级`, ...unions.map((u, i) => `${u},命令行测试第${i}公司工会${k},${k},基层`), `${k}-x,没有上级的工会,nope,基层`].join('\r\n'));
    const orgRun = await command('orgs', orgsFile).done;
    expect(orgRun.code, orgRun.err).toBe(0);
    expect(orgRun.summary).toMatchObject({ rows: 5, created: 4, rejected: 1 });
    expect(await new OrgsRepository().get(`${k}-b`)).toMatchObject({ parentId: k, level: 'basic', path: `/sx/${k}/${k}-b/` });

    const area = 610000 + Math.floor(Math.random() * 9999);
    const ids = Array.from({ length: 12_000 }, (_, i) => {
      const first17 = `${area}${new Date(Date.UTC(1961, 0, 1) + (i % 12_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
      return first17 + idCheckChar(first17);
    });
    const lines = ['姓名,身份证号,手机号,基层工会', ...ids.map((id, i) => `王${'明华强'[i % 3]}${'一二三'[i % 3]},${id},139${String(i).padStart(8, "0")},${unions[i % 3]}`)];
    // Bad rows: a wrong check character, an Excel-damaged number, a union outside the import, a duplicate.
    lines.splice(5000, 0, `李四,${ids[0].slice(0, 17)}${ids[0][17] === '1' ? '2' : '1'},,${unions[0]}`);
    lines.splice(7000, 0, '张三,6.10113E+17,,');
    lines.splice(9000, 0, `赵五,${`${area}19900101123`}${idCheckChar(`${area}19900101123`)},,宝鸡秦岭机床有限公司工会`);
    lines.push(`王重复,${ids[10]},,${unions[0]}`);
    const membersFile = join(dir, 'members.csv');
    writeFileSync(membersFile, `\uFEFF${lines.join('\r\n')}\r\n`);
    const checkpoint = `${membersFile}.checkpoint.json`;

    // First run: killed without warning once some windows are done and others are in flight.
    const first = command('members', membersFile, ['--org', k, '--window', '2000']);
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 100));
      if (existsSync(checkpoint) && JSON.parse(readFileSync(checkpoint, 'utf8')).doneThroughRow >= 4000) break;
    }
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const at = JSON.parse(readFileSync(checkpoint, 'utf8'));
    expect(at.doneThroughRow).toBeGreaterThanOrEqual(4000);
    expect(at.doneThroughRow).toBeLessThan(12_000);

    const second = await command('members', membersFile, ['--org', k, '--window', '2000']).done;
    expect(second.code, second.err).toBe(0);
    expect(second.summary).toMatchObject({ rows: 12_004, created: 12_000, updated: 0, unchanged: 0, rejected: 4, resumedFromRow: at.doneThroughRow });
    expect(second.summary.peakRssMB).toBeLessThan(300);

    // The rejected rows, once each, with their reasons.
    const rejected = readFileSync(`${membersFile}.rejected.csv`, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rejected).toHaveLength(5);
    expect(rejected.slice(1).map((l) => l.split(',')[0])).toEqual(['5001', '7001', '9001', '12005']);
    expect(rejected.join('\n')).toContain('校验位');
    expect(rejected.join('\n')).toContain('Excel 存成了数字');
    expect(rejected.join('\n')).toContain('不在命令行测试区总工会');
    expect(rejected.join('\n')).toMatch(/与第 12 行的身份证号重复|与文件中另一行的身份证号重复/);

    // Every record once, in its union; the counters equal the records.
    const roster = new RosterRepository();
    const today = chinaDay(new Date());
    let total = 0;
    for (const u of unions) {
      const n = await roster.countInUnion(u);
      expect(n).toBe(4000);
      expect(await rosterCount(u, today)).toBe(n);
      total += n;
    }
    expect(await rosterCount(k, today)).toBe(total);

    // Run again on the finished file: a new run, nothing created, nothing counted twice.
    const again = await command('members', membersFile, ['--org', k]).done;
    expect(again.summary).toMatchObject({ created: 0, unchanged: 12_000, rejected: 4 });
    expect(await rosterCount(k, today)).toBe(12_000);
  });
});
