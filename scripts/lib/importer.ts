/**
 * The province-scale import engine behind `npm run import`: streams a roster (.xlsx or CSV) or a union
 * tree, validates each row with the app's own rules, and writes with parallel BatchWriteItem — records
 * are idempotent puts keyed by the 身份证号 hash (a union by its id), so a row written twice is still one
 * item. A checkpoint (the highest row below which every batch is written, the counts of those rows, the
 * union counter changes still to apply) is saved atomically every few seconds: after Ctrl-C or a crash
 * the next run skips what is done and re-does only the batches that were in flight. A record remembers
 * which run and row wrote it (`importId`, `importRow`, `importResult`), so a re-done batch counts each
 * row as it was counted the first time, and a second occurrence of an 身份证号 in the file is rejected.
 *
 * The process environment must name the table and keys before this module is imported.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import type { AttributeValue, WriteRequest } from '@aws-sdk/client-dynamodb';
import { BatchWriteItemCommand, type BatchWriteItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ORG_LEVELS, OrgId, type Org, type OrgLevel } from '@union/shared/orgs';
import { chinaDay, chinaIso } from '@union/shared/china-day';
import { dynamo, tableName } from '../../functions/src/lib/dynamo';
import { step, transact } from '../../functions/src/lib/transact';
import { fileSource, sheetRows, SheetError, type ByteSource, type SheetLimits, type SheetRow } from '../../functions/src/lib/sheets';
import { OrgsRepository, orgWriteRequests } from '../../functions/src/repositories/orgs';
import { orgKey } from '../../functions/src/entities/org';
import { RosterRepository, recordItem, type RosterRecord } from '../../functions/src/repositories/roster';
import { addOnPath, statsDeltaItems, type Increments } from '../../functions/src/repositories/stats';
import { RosterRowChecker, rosterHeaders, type RowError } from '../../functions/src/usecases/roster-rows';
import { sealRecord } from '../../functions/src/usecases/roster-records';
import { idNumberIndex } from '../../functions/src/lib/pii';
import { idNumberProblem, normaliseIdNumber } from '@union/shared/id-number';
import { unionResolver } from '../../functions/src/usecases/imports';

export type ImportKind = 'orgs' | 'members';

export interface ImportOptions {
  kind: ImportKind;
  file: string;
  /** members: the union the roster is for (rows name their basic union inside it); default the root. */
  orgId?: string;
  concurrency: number;
  /** members: rows shuffled together (and checkpointed together); default 10,000. */
  window?: number;
  checkpointPath: string;
  rejectsPath: string;
  /** Called about every 200 ms with the progress so far. */
  onProgress?: (p: Progress) => void;
  /** Set to stop after the batches in flight (Ctrl-C). */
  signal?: { stopped: boolean };
  now?: Date;
}

export interface Counts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface Progress extends Counts {
  bytesRead: number;
  bytes: number;
  startedAt: number;
  resumedFromRow: number;
  /** Rows counted by earlier runs of this import (a resumed run's rate leaves them out). */
  rowsBefore: number;
  phase: 'rows' | 'counters' | 'done';
}

interface Checkpoint {
  version: 1;
  runId: string;
  kind: ImportKind;
  file: { path: string; size: number; mtimeMs: number };
  /** Every row with a number ≤ this is written (or rejected, or unchanged). */
  doneThroughRow: number;
  counts: Counts;
  /** Union counter changes of the done rows, applied once at the end (per union, exactly once). */
  counters: Record<string, number>;
  rejectsBytes: number;
  phase: 'rows' | 'counters' | 'done';
  /** orgs: children written per parent (for the parent's counters at the end). */
  children?: Record<string, number>;
}

/** Memory stays flat with the file's size: the reader streams, and at most `concurrency` batches wait. */
const CLI_LIMITS: SheetLimits = {
  maxEntryBytes: 4 * 1024 * 1024 * 1024 - 1,
  maxEntries: 10_000,
  // Excel's sheet holds ≤ 1,048,576 rows; the shared strings of one (names, numbers) fit in memory.
  maxSharedStrings: 4_000_000,
  maxSharedChars: 200 * 1024 * 1024,
  maxColumns: 64,
  maxCellChars: 1000,
};
const BATCH_ROWS = 25;

/**
 * The 身份证号 hashes this run has seen, in 8 bytes each (64 bits of the HMAC in an open-addressing
 * table): a duplicate later in the file is found even when the first copy changed nothing in the table.
 * 834万 rows need 2²⁴ slots = 128 MB; a million rows 16 MB.
 */
class SeenIds {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private size = 0;
  /** Adds the hash; false when it was there already. */
  add(idHash: string): boolean {
    const b = Buffer.from(idHash.slice(0, 11), 'base64url');
    if ((this.size + 1) * 4 > this.hi.length * 3) this.grow();
    return this.insert(b.readUInt32LE(0) || 1, b.readUInt32LE(4));
  }
  private insert(h: number, l: number): boolean {
    const mask = this.hi.length - 1;
    for (let i = (h ^ l) & mask; ; i = (i + 1) & mask) {
      if (this.hi[i] === 0) {
        this.hi[i] = h;
        this.lo[i] = l;
        this.size++;
        return true;
      }
      if (this.hi[i] === h && this.lo[i] === l) return false;
    }
  }
  private grow() {
    const [hi, lo] = [this.hi, this.lo];
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.size = 0;
    for (let i = 0; i < hi.length; i++) if (hi[i]) this.insert(hi[i], lo[i]);
  }
}


function saveCheckpoint(path: string, cp: Checkpoint) {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(cp));
  const fd = openSync(tmp, 'r');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, path);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Write units DynamoDB reported for the BatchWriteItem calls (when IMPORT_COUNT_UNITS is set: the benchmark). */
export const writeUnits = { total: 0 };
/** Milliseconds spent waiting for reads and writes, summed over batches (IMPORT_TIMING: printed at the end). */
export const timing = { get: 0, write: 0, batches: 0 };
const COUNT_UNITS = Boolean(process.env.IMPORT_COUNT_UNITS);

/** BatchWriteItem of ≤ 25 puts, UnprocessedItems retried with exponential backoff and full jitter. */
export async function writeBatch(requests: WriteRequest[]): Promise<void> {
  let pending: WriteRequest[] | undefined = requests;
  for (let attempt = 0; pending?.length; attempt++) {
    if (attempt) {
      if (attempt > 12) throw new Error(`DynamoDB kept ${pending.length} items unprocessed after ${attempt} attempts`);
      await sleep(Math.random() * Math.min(5000, 50 * 2 ** attempt));
    }
    try {
      const out: BatchWriteItemCommandOutput = await dynamo().send(
        new BatchWriteItemCommand({ RequestItems: { [tableName()]: pending }, ...(COUNT_UNITS ? { ReturnConsumedCapacity: 'INDEXES' } : {}) }),
      );
      for (const c of out.ConsumedCapacity ?? []) writeUnits.total += c.CapacityUnits ?? 0;
      pending = out.UnprocessedItems?.[tableName()];
    } catch (error) {
      // Throttled as a whole: the same batch again, after the backoff.
      if (!(error instanceof Error && /Throttl|ProvisionedThroughputExceeded|RequestLimitExceeded/.test(error.name))) throw error;
    }
  }
}

/** A source that tells how far into the file the reader has got (for the progress bar). */
function counting(src: ByteSource, seen: { bytes: number }): ByteSource {
  return {
    size: src.size,
    read: async (offset, length) => {
      const out = await src.read(offset, length);
      seen.bytes = Math.max(seen.bytes, offset + out.length);
      return out;
    },
    async *stream(chunk) {
      for await (const piece of src.stream(chunk)) {
        seen.bytes += piece.length;
        yield piece;
      }
    },
    close: () => src.close(),
  };
}

const csvCell = (v: string) => {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

interface Batch {
  seq: number;
  lastRow: number;
  counts: Counts;
  counters: Map<string, number>;
  rejects: string[];
  children: Map<string, number>;
  done: boolean;
}

/**
 * Runs (or resumes) one import. Returns the final counts. Throws SheetError for a file it cannot read
 * (nothing written) — and for a bad header, before any row.
 */
export async function runImport(opts: ImportOptions): Promise<Counts & { resumedFromRow: number; rowsThisRun: number; runId: string }> {
  const now = opts.now ?? new Date();
  const stat = statSync(opts.file);
  let cp: Checkpoint | undefined;
  if (existsSync(opts.checkpointPath)) {
    const old = JSON.parse(readFileSync(opts.checkpointPath, 'utf8')) as Checkpoint;
    const same = old.kind === opts.kind && old.file.size === stat.size && old.file.mtimeMs === stat.mtimeMs;
    if (same && old.phase !== 'done') cp = old;
  }
  const resumed = Boolean(cp);
  cp ??= {
    version: 1, runId: `cli-${randomUUID()}`, kind: opts.kind, file: { path: opts.file, size: stat.size, mtimeMs: stat.mtimeMs },
    doneThroughRow: 0, counts: { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 }, counters: {}, rejectsBytes: 0, phase: 'rows', children: {},
  };
  const checkpoint = cp;
  // Rejected rows written after the checkpoint belong to batches that will be done again: cut them off.
  if (resumed && existsSync(opts.rejectsPath)) truncateSync(opts.rejectsPath, checkpoint.rejectsBytes);
  else writeFileSync(opts.rejectsPath, '');
  const rejectsFd = openSync(opts.rejectsPath, 'a');
  const resumedFromRow = checkpoint.doneThroughRow;
  const rowsBefore = checkpoint.counts.rows;
  const seen = { bytes: 0 };
  /** Windows not yet checkpointed, in file order. */
  const pending: Batch[] = [];
  const startedAt = Date.now();
  // Counted so far: the checkpointed rows and those of the windows in flight.
  const progress = (): Progress => {
    const counts = { ...checkpoint.counts };
    for (const w of pending) for (const k of Object.keys(counts) as (keyof Counts)[]) counts[k] += w.counts[k];
    return { ...counts, bytesRead: seen.bytes, bytes: stat.size, startedAt, resumedFromRow, rowsBefore, phase: checkpoint.phase };
  };

  const src = counting(await fileSource(opts.file), seen);
  const orgs = new OrgsRepository();
  const roster = new RosterRepository();
  const at = chinaIso(now);

  // ── the per-kind row handler ─────────────────────────────────────────────────────────────────────
  /** Checks and prepares a batch (called in file order, one at a time); returns its write (run in parallel). */
  let handleBatch: (rows: SheetRow[], batch: Batch) => Promise<() => Promise<void>>;
  let onHeader: (header: SheetRow) => Promise<void>;
  let headerTexts: string[] = [];
  const inFlight = new Map<string, number>(); // 身份证号 hash → row, for the batches not yet written
  const seenIds = new SeenIds();
  /** A row done in an earlier run, passed over (members: its 身份证号 joins `seenIds`). */
  let onSkipped: (row: SheetRow) => void = () => undefined;

  if (opts.kind === 'members') {
    const scope = opts.orgId ? await orgs.get(opts.orgId) : (await orgs.children(null, 1)).items[0];
    if (!scope) throw new SheetError('HEADERS', `找不到工会 ${opts.orgId ?? '（根工会）'}`);
    const resolve = unionResolver(orgs, scope);
    const orgCache = new Map<string, Promise<Org | undefined>>();
    const orgOf = (id: string) => orgCache.get(id) ?? orgCache.set(id, orgs.get(id)).get(id)!;
    let checker: RosterRowChecker;
    let idColumn = -1;
    onHeader = async (header) => {
      const columns = rosterHeaders(header);
      idColumn = [...columns].find(([, c]) => c === '身份证号')![0];
      checker = new RosterRowChecker(columns, scope, resolve, { now, trackDuplicates: false });
    };
    onSkipped = (row) => {
      const id = normaliseIdNumber((row.cells[idColumn]?.value ?? '').replace(/\s+/g, ''));
      if (!idNumberProblem(id)) seenIds.add(idNumberIndex(id));
    };
    handleBatch = async (rows, batch) => {
      const reject = (row: SheetRow, errors: RowError[]) => {
        batch.counts.rejected++;
        batch.rejects.push([String(row.row), ...headerTexts.map((_, i) => row.cells[i]?.value ?? ''), errors.map((e) => `${e.column}：${e.message}`).join('；')].map(csvCell).join(','));
      };
      const valid: { row: SheetRow; record: RosterRecord }[] = [];
      for (const row of rows) {
        const checked = await checker.check(row);
        if (!checked.row && !checked.errors.length) continue;
        batch.counts.rows++;
        if (!checked.row) {
          reject(row, checked.errors);
          continue;
        }
        const org = (await orgOf(checked.row.orgId))!;
        const record = sealRecord(checked.row, org, at, checkpoint.runId);
        const earlier = inFlight.get(record.idHash);
        if (earlier !== undefined) {
          reject(row, [{ row: row.row, column: '身份证号', message: `与第 ${earlier} 行的身份证号重复` }]);
          continue;
        }
        if (!seenIds.add(record.idHash)) {
          reject(row, [{ row: row.row, column: '身份证号', message: '与文件中另一行的身份证号重复' }]);
          continue;
        }
        inFlight.set(record.idHash, row.row);
        valid.push({ row, record });
      }
      return async () => {
      const t0 = Date.now();
      const { records, bindings } = await roster.recordsAndBindings(valid.map((v) => v.record.idHash));
      timing.get += Date.now() - t0;
      const puts: WriteRequest[] = [];
      for (const { row, record } of valid) {
        const old = records.get(record.idHash);
        const move = (from: string | undefined, to: string) => {
          if (from) batch.counters.set(from, (batch.counters.get(from) ?? 0) - 1);
          batch.counters.set(to, (batch.counters.get(to) ?? 0) + 1);
        };
        if (old?.importId === checkpoint.runId) {
          if (old.importRow !== row.row) {
            reject(row, [{ row: row.row, column: '身份证号', message: `与第 ${old.importRow} 行的身份证号重复` }]);
            continue;
          }
          // Written by this run before a restart: count it as it was counted then.
          if (old.importResult === 'created') {
            batch.counts.created++;
            move(undefined, old.orgId);
          } else {
            batch.counts.updated++;
            const from = (old as RosterRecord & { importMovedFrom?: string }).importMovedFrom;
            if (from) move(from, old.orgId);
          }
          continue;
        }
        if (!old) {
          puts.push({ PutRequest: { Item: recordItem({ ...record, importResult: 'created' }) } });
          batch.counts.created++;
          move(undefined, record.orgId);
          continue;
        }
        if (old.digest === record.digest) {
          batch.counts.unchanged++;
          continue;
        }
        const moves = old.orgId !== record.orgId || (old.memberNo ?? '') !== (record.memberNo ?? '');
        if (moves && bindings.get(record.idHash)?.userId) {
          reject(row, [{ row: row.row, column: old.orgId !== record.orgId ? '基层工会' : '会员号', message: '该会员已完成会员认证：工会变更请办理转会，会员号不能修改' }]);
          continue;
        }
        const movedFrom = old.orgId !== record.orgId ? old.orgId : undefined;
        const item: Record<string, AttributeValue> = recordItem({ ...record, createdAt: old.createdAt, importResult: 'updated' });
        if (movedFrom) {
          item.importMovedFrom = { S: movedFrom };
          move(movedFrom, record.orgId);
        }
        puts.push({ PutRequest: { Item: item } });
        batch.counts.updated++;
      }
      const t1 = Date.now();
      await writeBatch(puts);
      timing.write += Date.now() - t1;
      timing.batches++;
      for (const { record } of valid) inFlight.delete(record.idHash);
      };
    };
  } else {
    // The union tree: 编号, 名称, 上级编号, 级别, 统一社会信用代码 — parents before children.
    const LEVELS: Record<string, OrgLevel> = { 省级: 'province', 省总工会: 'province', 市级: 'city', 市总工会: 'city', 产业: 'industry', 产业工会: 'industry', 县级: 'county', 县区工会: 'county', 基层: 'basic', 基层工会: 'basic', ...Object.fromEntries(ORG_LEVELS.map((l) => [l, l])) };
    const RANK: Record<OrgLevel, number> = { province: 0, city: 1, industry: 1, county: 2, basic: 3 };
    const known = new Map<string, Pick<Org, 'path' | 'level'>>();
    const parentOf = async (id: string) => {
      if (!known.has(id)) {
        const found = await orgs.get(id);
        if (found) known.set(id, { path: found.path, level: found.level });
      }
      return known.get(id);
    };
    const columns = new Map<string, number>();
    onHeader = async (header) => {
      header.cells.forEach((c, i) => columns.set((c?.value ?? '').replace(/\s/g, ''), i));
      const missing = ['编号', '名称', '上级编号', '级别'].filter((h) => !columns.has(h));
      if (missing.length) throw new SheetError('HEADERS', `缺少列：${missing.join('、')}（工会表的表头：编号、名称、上级编号、级别、统一社会信用代码）`);
    };
    const cell = (row: SheetRow, name: string) => (columns.has(name) ? (row.cells[columns.get(name)!]?.value ?? '').trim() : '');
    handleBatch = async (rows, batch) => {
      const puts: WriteRequest[] = [];
      for (const row of rows) {
        const id = cell(row, '编号');
        const name = cell(row, '名称');
        const parentId = cell(row, '上级编号') || null;
        const level = LEVELS[cell(row, '级别')];
        if (!id && !name) continue;
        batch.counts.rows++;
        const problems: string[] = [];
        if (!OrgId.safeParse(id).success) problems.push('编号：应为小写字母、数字和连字符（最多 64 个）');
        if (name.length < 2 || name.length > 60) problems.push('名称：应为 2–60 个字');
        if (!level) problems.push('级别：应为 省级、市级、产业、县级 或 基层');
        const parent = parentId ? await parentOf(parentId) : undefined;
        if (parentId && !parent) problems.push(`上级编号：找不到上级工会 ${parentId}（上级须排在下级之前）`);
        if (parent && level && RANK[level] <= RANK[parent.level]) problems.push('级别：须低于上级工会的级别');
        if (parent?.level === 'basic') problems.push('上级编号：基层工会下不能再设工会');
        if (problems.length) {
          batch.counts.rejected++;
          batch.rejects.push([String(row.row), ...headerTexts.map((_, i) => row.cells[i]?.value ?? ''), problems.join('；')].map(csvCell).join(','));
          continue;
        }
        const org: Org = { id, name, parentId, level, path: `${parent?.path ?? '/'}${id}/` };
        known.set(id, { path: org.path, level });
        if (parentId) batch.children.set(parentId, (batch.children.get(parentId) ?? 0) + 1);
        // The row number orders siblings as the file lists them.
        puts.push(...orgWriteRequests(org, row.row));
        batch.counts.created++;
      }
      return async () => {
        for (let i = 0; i < puts.length; i += 25) await writeBatch(puts.slice(i, i + 25));
      };
    };
  }

  // ── the pipeline: read → windows of rows → batches of 25 → ≤ concurrency in flight → checkpoint ──────
  // A roster file is usually sorted by union; written in that order, every batch in flight would add to
  // one union's index partition (GSI1 ROSTERORG#<union>) at once. Rows are shuffled within a window of
  // `WINDOW` rows, so the writes in flight spread over hundreds of unions. A window is the unit of the
  // checkpoint. The union tree keeps its order (parents before children).
  const WINDOW = opts.kind === 'members' ? (opts.window ?? 10_000) : BATCH_ROWS;
  let failure: unknown;
  const workers = new Set<Promise<void>>();
  let lastSave = Date.now();
  const advance = () => {
    while (pending.length && pending[0].done) {
      const b = pending.shift()!;
      for (const line of b.rejects) {
        const bytes = Buffer.from(`${line}\r\n`);
        writeSync(rejectsFd, bytes);
        checkpoint.rejectsBytes += bytes.length;
      }
      checkpoint.doneThroughRow = b.lastRow;
      for (const k of Object.keys(b.counts) as (keyof Counts)[]) checkpoint.counts[k] += b.counts[k];
      for (const [orgId, d] of b.counters) checkpoint.counters[orgId] = (checkpoint.counters[orgId] ?? 0) + d;
      for (const [orgId, d] of b.children) checkpoint.children![orgId] = (checkpoint.children![orgId] ?? 0) + d;
    }
    if (Date.now() - lastSave > 2000) {
      fsyncSync(rejectsFd);
      saveCheckpoint(opts.checkpointPath, checkpoint);
      lastSave = Date.now();
    }
  };
  const timer = setInterval(() => opts.onProgress?.(progress()), 200);
  let seq = 0;
  try {
    let header = true;
    let rows: SheetRow[] = [];
    const dispatchWindow = async (windowRows: SheetRow[]) => {
      const win: Batch = { seq: seq++, lastRow: windowRows.at(-1)!.row, counts: { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 }, counters: new Map(), rejects: [], children: new Map(), done: false };
      pending.push(win);
      if (WINDOW > BATCH_ROWS) {
        for (let i = windowRows.length - 1; i > 0; i--) {
          const j = Math.floor(Math.random() * (i + 1));
          [windowRows[i], windowRows[j]] = [windowRows[j], windowRows[i]];
        }
      }
      let remaining = 0;
      let dispatched = false;
      for (let i = 0; i < windowRows.length; i += BATCH_ROWS) {
        const write = await handleBatch(windowRows.slice(i, i + BATCH_ROWS), win);
        remaining++;
        const work = write().then(
          () => {
            if (--remaining === 0 && dispatched) {
              win.done = true;
              advance();
            }
          },
          (error) => {
            failure ??= error;
          },
        );
        workers.add(work);
        void work.finally(() => workers.delete(work));
        while (workers.size >= opts.concurrency) await Promise.race(workers);
        if (failure) throw failure;
      }
      dispatched = true;
      if (remaining === 0) {
        win.done = true;
        advance();
      }
    };
    for await (const row of sheetRows(src, CLI_LIMITS)) {
      if (header) {
        headerTexts = Array.from(row.cells, (c) => c?.value.trim() ?? '');
        if (!resumed) writeSync(rejectsFd, Buffer.from(`\uFEFF${['原行号', ...headerTexts, '错误原因'].map(csvCell).join(',')}\r\n`));
        checkpoint.rejectsBytes = statSync(opts.rejectsPath).size;
        await onHeader!(row);
        header = false;
        // The run's id is on disk before its first write: a crash at any point resumes as this run.
        saveCheckpoint(opts.checkpointPath, checkpoint);
        continue;
      }
      if (row.row <= checkpoint.doneThroughRow) {
        onSkipped(row); // done in an earlier run
        continue;
      }
      if (opts.signal?.stopped) break;
      rows.push(row);
      if (rows.length === WINDOW) {
        await dispatchWindow(rows);
        rows = [];
      }
    }
    if (rows.length && !opts.signal?.stopped) await dispatchWindow(rows);
    await Promise.all(workers);
    if (failure) throw failure;
    advance();
    fsyncSync(rejectsFd);
    saveCheckpoint(opts.checkpointPath, checkpoint);
    if (opts.signal?.stopped) return { ...checkpoint.counts, resumedFromRow, rowsThisRun: checkpoint.counts.rows - rowsBefore, runId: checkpoint.runId };

    // ── the union counters, once per union (a marker item per run and union makes a retry skip it) ────
    checkpoint.phase = 'counters';
    saveCheckpoint(opts.checkpointPath, checkpoint);
    const day = chinaDay(now);
    if (opts.kind === 'members') {
      const entries = Object.entries(checkpoint.counters).filter(([, d]) => d !== 0);
      const queue = [...entries];
      const one = async (w: number) => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const [orgId, delta] = next;
          const org = await orgs.get(orgId);
          if (!org) continue;
          const byOrg = new Map<string, Increments>();
          addOnPath(byOrg, org.path, { rosterRecords: delta });
          await transact([
            // Already there: counted by an earlier attempt of this run.
            step('not counted yet', { Put: { TableName: tableName(), Item: marshall({ PK: `IMPORTRUN#${checkpoint.runId}`, SK: `COUNTED#${orgId}`, entity: 'ImportRunCounted', version: 1, delta, expiresAt: Math.floor(now.getTime() / 1000) + 30 * 86_400 }), ConditionExpression: 'attribute_not_exists(PK)' } }, 'answer'),
            // Each worker its own counter items: no two transactions contend on the root's.
            ...statsDeltaItems(byOrg, day, `cli${w}`),
          ]);
        }
      };
      await Promise.all(Array.from({ length: Math.min(opts.concurrency, 8) }, (_, w) => one(w)));
    } else {
      // Each parent's open-children count (closing a union conditions on it), once per run and parent.
      for (const [parentId, n] of Object.entries(checkpoint.children ?? {})) {
        if (!n) continue;
        await transact([
          step('not counted yet', { Put: { TableName: tableName(), Item: marshall({ PK: `IMPORTRUN#${checkpoint.runId}`, SK: `CHILDREN#${parentId}`, entity: 'ImportRunCounted', version: 1, delta: n, expiresAt: Math.floor(now.getTime() / 1000) + 30 * 86_400 }), ConditionExpression: 'attribute_not_exists(PK)' } }, 'answer'),
          { Update: { TableName: tableName(), Key: orgKey(parentId), UpdateExpression: 'ADD openChildren :n', ExpressionAttributeValues: marshall({ ':n': n }) } },
        ]);
      }
    }
    checkpoint.phase = 'done';
    saveCheckpoint(opts.checkpointPath, checkpoint);
    opts.onProgress?.(progress());
    return { ...checkpoint.counts, resumedFromRow, rowsThisRun: checkpoint.counts.rows - rowsBefore, runId: checkpoint.runId };
  } finally {
    clearInterval(timer);
    closeSync(rejectsFd);
    await src.close();
  }
}
