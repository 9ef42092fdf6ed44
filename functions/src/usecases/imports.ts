/**
 * Roster import from the app (one union's roster, or a county's with a 基层工会 column): upload →
 * every row validated, nothing written to the roster → the cadre reads the preview → commit writes the
 * accepted rows idempotently. The validated rows are kept sealed with the import (TTL), so the commit
 * never needs the file again.
 */
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Org } from '@union/shared/orgs';
import type { CommitResult, Import } from '@union/shared/roster';
import { OrgId } from '@union/shared/orgs';
import { chinaDay, chinaIso } from '@union/shared/china-day';
import { AppError } from '../lib/errors';
import { decryptPii, encryptPii } from '../lib/pii';
import { SheetError, UPLOAD_LIMITS, bufferSource, sheetRows } from '../lib/sheets';
import type { OrgsRepository } from '../repositories/orgs';
import type { UsersRepository } from '../repositories/users';
import { IMPORT_TTL_DAYS, type ChunkResult, type RosterRepository, type StoredImport } from '../repositories/roster';
import { writeAudit } from '../repositories/audit';
import { RosterRowChecker, rosterHeaders, type RosterRow, type RowError, type UnionResolver } from './roster-rows';
import { sealRecord } from './roster-records';
import { cadreRoles, roleCovering, scopedOrg } from './scope';

export interface ImportDeps {
  roster: RosterRepository;
  orgs: OrgsRepository;
  users: UsersRepository;
}

/** Rows one upload may carry: a union's or a county's roster. A province's goes through `npm run import`. */
export const MAX_UPLOAD_ROWS = 20_000;
/** Rows per stored chunk = per commit transaction (with the union counters, within DynamoDB's 100 items). */
export const CHUNK_ROWS = 60;
const FIRST_ERRORS = 50;
/** Work time of one commit request (API Gateway answers 503 at 30 s; the function's timeout is 29 s). */
export const COMMIT_BUDGET_MS = 18_000;
const COMMIT_WORKERS = 6;

/** Turns the reader's refusals into api.md answers: 413 for size, 400 for everything else. */
export function fileProblem(error: SheetError): AppError {
  const details = error.details.length ? error.details : [{ path: 'file', message: error.message }];
  if (error.code === 'TOO_LARGE' || error.code === 'TOO_MANY_ROWS') return new AppError('PAYLOAD_TOO_LARGE', error.message, details);
  return new AppError('BAD_FILE', error.message, details);
}

/** A 基层工会 cell: a union id, or the exact name of a union inside `scope`. */
export function unionResolver(orgs: OrgsRepository, scope: Org): UnionResolver {
  return async (value) => {
    if (OrgId.safeParse(value).success) {
      const byId = await orgs.get(value);
      if (byId) return byId;
    }
    const matches: Org[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const found = await orgs.search(value, 100, cursor);
      matches.push(...found.items.filter((o) => o.name === value && o.path.startsWith(scope.path)));
      cursor = found.nextCursor ?? undefined;
      if (!cursor) break;
    }
    // Outside the scope by name: report it as such rather than "not found".
    if (matches.length === 0) {
      const anywhere = await orgs.search(value, 100);
      return anywhere.items.find((o) => o.name === value);
    }
    return matches.length === 1 ? matches[0] : undefined;
  };
}

type PackedRow = [row: number, name: string, idNumber: string, phone: string | null, memberNo: string | null, joinedOn: string | null, orgId: string];
const seal = (value: unknown) => encryptPii(gzipSync(JSON.stringify(value)).toString('base64'));
const unseal = <T>(sealed: string): T => JSON.parse(gunzipSync(Buffer.from(decryptPii(sealed), 'base64')).toString('utf8')) as T;

export function importView(i: StoredImport): Import {
  return {
    id: i.id, orgId: i.orgId, orgName: i.orgName, kind: i.kind, fileName: i.fileName, status: i.status, rows: i.rows,
    accepted: i.accepted, rejected: i.rejected, errors: i.errors, createdAt: i.createdAt, createdBy: i.createdBy,
    ...(i.result ? { result: i.result } : {}), ...(i.skippedRows ? { skippedRows: i.skippedRows } : {}),
  };
}

/**
 * Reads and checks the whole file; nothing touches the roster. Refused outright (4xx, nothing stored):
 * an unreadable, empty or oversized file, unknown headers, formulas, and any row naming a union outside
 * the import's union. Row problems are counted and listed with row and column.
 */
export async function uploadRoster(deps: ImportDeps, cadreId: string, input: { file: Uint8Array; fileName: string; orgId: string }, now: Date): Promise<Import> {
  const { org } = await scopedOrg(deps, cadreId, input.orgId);
  const accepted: RosterRow[] = [];
  const rejected: { row: number; cells: string[]; errors: RowError[] }[] = [];
  let headers: string[] = [];
  let rows = 0;
  let checker: RosterRowChecker | undefined;
  try {
    for await (const sheetRow of sheetRows(bufferSource(input.file), UPLOAD_LIMITS)) {
      if (!checker) {
        checker = new RosterRowChecker(rosterHeaders(sheetRow), org, unionResolver(deps.orgs, org), { now });
        headers = Array.from(sheetRow.cells, (c) => c?.value.trim() ?? '');
        continue;
      }
      const checked = await checker.check(sheetRow);
      if (!checked.row && checked.errors.length === 0) continue; // an empty row
      if (++rows > MAX_UPLOAD_ROWS) throw new SheetError('TOO_MANY_ROWS', `一次最多导入 ${MAX_UPLOAD_ROWS} 行，请拆分文件；全省名册请使用导入命令`);
      if (checked.row) accepted.push(checked.row);
      else rejected.push({ row: sheetRow.row, cells: headers.map((_, i) => sheetRow.cells[i]?.value ?? ''), errors: checked.errors });
    }
  } catch (error) {
    if (error instanceof SheetError) throw fileProblem(error);
    throw error;
  }
  if (!checker) throw fileProblem(new SheetError('EMPTY', '文件是空的：第一行应为表头（姓名、身份证号……），其后每行一位会员'));
  if (rows === 0) throw fileProblem(new SheetError('EMPTY', '文件中只有表头，没有会员数据'));
  if (checker.outOfScope.length) {
    throw new AppError('OUT_OF_SCOPE', `有 ${checker.outOfScope.length} 行的基层工会不在${org.name}范围内，整份文件未导入：${checker.outOfScope[0].message}（第 ${checker.outOfScope[0].row} 行）`,
      checker.outOfScope.slice(0, FIRST_ERRORS).map((e) => ({ path: `row ${e.row} ${e.column}`, message: e.message })));
  }

  // Rows of one union together: a commit transaction then touches few counters.
  accepted.sort((a, b) => a.orgId.localeCompare(b.orgId) || a.row - b.row);
  const rowChunks: string[] = [];
  for (let i = 0; i < accepted.length; i += CHUNK_ROWS) {
    rowChunks.push(seal(accepted.slice(i, i + CHUNK_ROWS).map((r): PackedRow => [r.row, r.name, r.idNumber, r.phone ?? null, r.memberNo ?? null, r.joinedOn ?? null, r.orgId])));
  }
  const errorChunks: string[] = [];
  for (let i = 0; i < rejected.length; i += 500) errorChunks.push(seal(rejected.slice(i, i + 500)));
  const errors = rejected.flatMap((r) => r.errors);
  const meta: StoredImport = {
    id: randomUUID(), orgId: org.id, orgName: org.name, orgPath: org.path, kind: 'members', fileName: input.fileName.slice(0, 120),
    status: 'validated', rows, accepted: accepted.length, rejected: rejected.length, errors: errors.slice(0, FIRST_ERRORS),
    headers, chunks: rowChunks.length, errorChunks: errorChunks.length, createdAt: chinaIso(now), createdBy: cadreId,
  };
  await deps.roster.saveImport(meta, rowChunks, errorChunks, Math.floor(now.getTime() / 1000) + IMPORT_TTL_DAYS * 86_400);
  return importView(meta);
}

async function importInScope(deps: ImportDeps, cadreId: string, id: string) {
  const roles = await cadreRoles(deps.users, cadreId);
  const found = await deps.roster.getImport(id);
  if (!found) throw new AppError('NOT_FOUND', '导入记录不存在或已过期');
  return { imp: found, role: roleCovering(roles, found.orgPath) };
}

export async function getImport(deps: ImportDeps, cadreId: string, id: string): Promise<Import> {
  return importView((await importInScope(deps, cadreId, id)).imp);
}

export async function listImports(deps: ImportDeps, cadreId: string, q: { orgId?: string; limit: number; cursor?: string }) {
  const { org } = await scopedOrg(deps, cadreId, q.orgId);
  const out = await deps.roster.listImports(org.id, q.limit, q.cursor);
  return { items: out.items.map(importView), nextCursor: out.nextCursor };
}

/** A CSV cell: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it. */
const csvCell = (v: string) => {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The rejected rows as Excel opens them (UTF-8 with BOM): the original cells, the row number, the reasons. */
export async function importErrorsCsv(deps: ImportDeps, cadreId: string, id: string): Promise<string> {
  const { imp } = await importInScope(deps, cadreId, id);
  const lines = [[...imp.headers, '原行号', '错误原因'].map(csvCell).join(',')];
  for (let n = 0; n < imp.errorChunks; n++) {
    const chunk = await deps.roster.chunk(id, 'ERRORS', n);
    if (!chunk) throw new AppError('NOT_FOUND', '导入记录已过期，请重新上传');
    for (const r of unseal<{ row: number; cells: string[]; errors: RowError[] }[]>(chunk.sealed)) {
      lines.push([...r.cells, String(r.row), r.errors.map((e) => `${e.column}：${e.message}`).join('；')].map(csvCell).join(','));
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Writes the accepted rows, chunk by chunk, each chunk exactly once (its result is stored with it in
 * the same transaction). Committing again — after a timeout, twice at once, or after a crash — goes
 * over the chunks again and finds them done: nothing is created twice, and the answer is the same.
 */
export async function commitImport(deps: ImportDeps, cadreId: string, id: string, now: Date, budgetMs = COMMIT_BUDGET_MS): Promise<CommitResult> {
  const deadline = Date.now() + budgetMs;
  const { imp, role } = await importInScope(deps, cadreId, id);
  if (imp.status === 'committed' && imp.result) return imp.result;
  if (imp.status === 'failed') throw new AppError('INVALID_STATE', '该导入已失败，请重新上传');
  await deps.roster.setImportStatus(id, ['validated', 'committing'], 'committing');
  const at = chinaIso(now);
  const day = chinaDay(now);
  const orgCache = new Map<string, Promise<Org | undefined>>();
  const orgOf = (orgId: string) => orgCache.get(orgId) ?? orgCache.set(orgId, deps.orgs.get(orgId)).get(orgId)!;
  const results: ChunkResult[] = [];
  const queue = Array.from({ length: imp.chunks }, (_, n) => n);
  const worker = async () => {
    // No new chunk once the request's time is nearly up: the caller commits again to continue.
    for (let n = queue.shift(); n !== undefined; n = Date.now() < deadline ? queue.shift() : undefined) {
      const chunk = await deps.roster.chunk(id, 'ROWS', n);
      if (!chunk) throw new AppError('NOT_FOUND', '导入记录已过期，请重新上传');
      const rows = unseal<PackedRow[]>(chunk.sealed);
      // Done by an earlier request (whole, or in halves): its stored results are the answer.
      if (chunk.done.reduce((s, r) => s + r.created + r.updated + r.unchanged + r.skipped.length, 0) === rows.length) {
        results.push(...chunk.done);
        continue;
      }
      const prepared = await Promise.all(rows.map(async ([row, name, idNumber, phone, memberNo, joinedOn, orgId]) => {
        const org = await orgOf(orgId);
        if (!org) throw new AppError('NOT_FOUND', `工会 ${orgId} 已不存在，请重新上传`);
        return { row, record: sealRecord({ row, name, idNumber, phone: phone ?? undefined, memberNo: memberNo ?? undefined, joinedOn: joinedOn ?? undefined, orgId }, org, at, id) };
      }));
      results.push(await deps.roster.commitChunk(id, n, prepared, imp.orgPath, day));
    }
  };
  await Promise.all(Array.from({ length: COMMIT_WORKERS }, worker));
  const stopped = queue.length;
  const skipped = results.flatMap((r) => r.skipped).sort((a, b) => a.row - b.row);
  const sums = {
    created: results.reduce((s, r) => s + r.created, 0),
    updated: results.reduce((s, r) => s + r.updated, 0),
    unchanged: results.reduce((s, r) => s + r.unchanged, 0),
    skipped: skipped.length,
  };
  if (stopped > 0) return { status: 'committing', ...sums, remaining: stopped };
  const result: CommitResult = {
    status: 'committed',
    ...sums,
  };
  if (await deps.roster.setImportStatus(id, ['committing'], 'committed', { result, skippedRows: skipped.slice(0, FIRST_ERRORS) })) {
    await writeAudit({
      actorUserId: cadreId, actorOrgId: role.orgId, action: 'roster_import.commit', objectType: 'roster_import', objectId: id,
      orgId: imp.orgId, orgPath: imp.orgPath, after: { ...result }, at: now,
    });
  }
  return result;
}
