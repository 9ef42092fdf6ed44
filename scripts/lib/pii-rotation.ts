/**
 * Re-encrypts every stored ciphertext under the keyring's current version, online (docs/operations.md,
 * "Rotating the personal-data key"):
 * - finds the items with a parallel, segmented Scan (ciphertext sits in join requests, roster records,
 *   建会 applications, upload chunks — no index leads to all of them, and a one-off pass over the table
 *   costs less than keeping one), paced by a budget of capacity units per second shared by all segments;
 * - recognises a ciphertext by its shape in any top-level attribute (no list of fields to forget);
 * - rewrites an item with UpdateItem of its ciphertext attributes only, on the condition that each still
 *   holds the old ciphertext: a concurrent API write is never overwritten — the item is read again and
 *   retried (or found already current, or deleted);
 * - keeps a checkpoint per segment (the scan position after the last finished page), so a killed run
 *   resumes where it was; pages redone after a kill find their items current and write nothing.
 * A dry run reads the same way and writes nothing: what a rotation would rewrite, and its cost.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ConditionalCheckFailedException, GetItemCommand, type GetItemCommandOutput, ScanCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sealedVersion, type PiiKeyring } from '../../functions/src/lib/pii-keyring';

type Item = Record<string, AttributeValue>;

/** `v<n>.<IV: 12 bytes>.<data>.<GCM tag: 16 bytes>`, base64url — what PiiKeyring.seal writes. */
export const CIPHERTEXT = /^v[1-9]\d*\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/;

/** Top-level attributes holding a ciphertext of another version than the current one. */
export function staleFields(item: Item, current: number): string[] {
  return Object.entries(item)
    .filter(([, v]) => v.S !== undefined && CIPHERTEXT.test(v.S) && sealedVersion(v.S) !== current)
    .map(([k]) => k);
}

/** An item's size as DynamoDB bills it (names + values, UTF-8), close enough to price a pass. */
export function itemBytes(item: Item): number {
  const value = (v: AttributeValue): number => {
    if (v.S !== undefined) return Buffer.byteLength(v.S);
    if (v.N !== undefined) return Math.ceil(v.N.replace(/^-|\.|^0+/g, '').length / 2) + 1;
    if (v.B !== undefined) return v.B.length;
    if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
    if (v.L) return 3 + v.L.reduce((n, x) => n + 1 + value(x), 0);
    if (v.M) return 3 + Object.entries(v.M).reduce((n, [k, x]) => n + 1 + Buffer.byteLength(k) + value(x), 0);
    if (v.SS) return v.SS.reduce((n, s) => n + Buffer.byteLength(s), 0);
    if (v.NS) return v.NS.reduce((n, s) => n + s.length, 0);
    return 0;
  };
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + value(v), 0);
}

/** Write units of rewriting an item: 1 per KB, again for its GSI1 entry (projection ALL) when it has one. */
export const writeUnitsOf = (item: Item) => Math.ceil(itemBytes(item) / 1024) * (item.GSI1PK ? 2 : 1);

export interface Counts {
  scanned: number;
  scannedBytes: number;
  /** Items found holding an old-version ciphertext. */
  stale: number;
  /** …of which this run rewrote (UpdateItem succeeded). */
  rewritten: number;
  /** Conditional writes that lost to a concurrent write, and were read again. */
  conflicts: number;
  /** Items that, read again after a conflict, were current already (the API wrote them anew) or gone. */
  resolvedByOthers: number;
  /** Ciphertexts no key of the keyring opens: left as they are, reported. */
  unreadable: number;
  readUnits: number;
  writeUnits: number;
  /** Stale items per entity: how many and their bytes (the dry run prices a province from these). */
  byEntity: Record<string, { items: number; bytes: number; writeUnits: number }>;
}

export interface Checkpoint {
  table: string;
  target: number;
  dryRun: boolean;
  segments: { startKey?: Item; done: boolean }[];
  counts: Counts;
  unreadableKeys: string[];
  startedAt: string;
}

export interface RotationOptions {
  client: DynamoDBClient;
  table: string;
  ring: PiiKeyring;
  /** Parallel scan segments (each one worker). */
  segments: number;
  /** Items per Scan page (the batch: rewritten before the next page is read). */
  pageSize: number;
  /** Capacity units per second (reads + writes) this run may use, all segments together. */
  unitsPerSecond: number;
  dryRun: boolean;
  checkpointPath?: string;
  signal?: { stopped: boolean };
  onPage?: (c: Checkpoint) => void;
}

const zero = (): Counts => ({ scanned: 0, scannedBytes: 0, stale: 0, rewritten: 0, conflicts: 0, resolvedByOthers: 0, unreadable: 0, readUnits: 0, writeUnits: 0, byEntity: {} });

/** A budget of units per second shared by all workers: spend what a call cost, wait while in debt. */
class Pace {
  private balance: number;
  private last = Date.now();
  constructor(private readonly perSecond: number) {
    this.balance = perSecond;
  }
  spend(units: number) {
    this.balance -= units;
  }
  async ready() {
    for (;;) {
      const now = Date.now();
      this.balance = Math.min(this.perSecond, this.balance + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.balance >= 0) return;
      await new Promise((r) => setTimeout(r, Math.min(1000, Math.ceil((-this.balance / this.perSecond) * 1000))));
    }
  }
}

function saveCheckpoint(path: string | undefined, cp: Checkpoint) {
  if (!path) return;
  writeFileSync(`${path}.tmp`, JSON.stringify(cp));
  renameSync(`${path}.tmp`, path);
}

/** The checkpoint to go on from: the file's if it is this rotation's (same table, target, mode), else a fresh one. */
export function loadCheckpoint(path: string | undefined, table: string, target: number, segments: number, dryRun: boolean): { cp: Checkpoint; resumed: boolean } {
  if (path && existsSync(path)) {
    const old = JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
    if (old.table === table && old.target === target && old.dryRun === dryRun && old.segments.length === segments) return { cp: old, resumed: true };
    if (old.table === table && old.target === target && old.dryRun === dryRun) {
      throw new Error(`the checkpoint ${path} was made with --segments ${old.segments.length}: resume with the same, or delete it to start over`);
    }
  }
  return {
    cp: { table, target, dryRun, segments: Array.from({ length: segments }, () => ({ done: false })), counts: zero(), unreadableKeys: [], startedAt: new Date().toISOString() },
    resumed: false,
  };
}

const keyOf = (item: Item): Item => ({ PK: item.PK, SK: item.SK });
const label = (item: Item) => `${item.PK?.S} / ${item.SK?.S}`;

export async function rotate(opts: RotationOptions): Promise<Checkpoint> {
  const { client, table, ring } = opts;
  const target = ring.current;
  const { cp } = loadCheckpoint(opts.checkpointPath, table, target, opts.segments, opts.dryRun);
  const pace = new Pace(opts.unitsPerSecond);
  const c = cp.counts;

  /** Reseals the stale fields of one item; on a lost condition reads it again, up to 8 times. */
  async function rewrite(first: Item, page: Counts): Promise<void> {
    let item: Item | undefined = first;
    for (let attempt = 1; attempt <= 8; attempt++) {
      const fields = staleFields(item, target);
      if (fields.length === 0) {
        page.resolvedByOthers++;
        return;
      }
      let fresh: string[];
      try {
        fresh = fields.map((f) => ring.reseal(item![f].S!));
      } catch {
        page.unreadable++;
        if (cp.unreadableKeys.length < 50) cp.unreadableKeys.push(label(item));
        return;
      }
      const names = Object.fromEntries(fields.map((f, i) => [`#f${i}`, f]));
      const values = Object.fromEntries(fields.flatMap((f, i) => [[`:n${i}`, { S: fresh[i] }], [`:o${i}`, item![f]]]));
      await pace.ready();
      const units = writeUnitsOf(item);
      try {
        const out = await client.send(new UpdateItemCommand({
          TableName: table,
          Key: keyOf(item),
          UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :n${i}`).join(', ')}`,
          ConditionExpression: fields.map((_, i) => `#f${i} = :o${i}`).join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnConsumedCapacity: 'TOTAL',
        }));
        const spent = out.ConsumedCapacity?.CapacityUnits ?? units;
        pace.spend(spent);
        page.writeUnits += spent;
        page.rewritten++;
        return;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        pace.spend(1);
        page.conflicts++;
        // Someone wrote the item meanwhile (or deleted it): read what is there now and do it again.
        const now: GetItemCommandOutput = await client.send(new GetItemCommand({ TableName: table, Key: keyOf(item), ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }));
        pace.spend(now.ConsumedCapacity?.CapacityUnits ?? 1);
        page.readUnits += now.ConsumedCapacity?.CapacityUnits ?? 1;
        item = now.Item;
        if (!item) {
          page.resolvedByOthers++;
          return;
        }
      }
    }
    throw new Error(`${label(first)}: rewritten by others 8 times in a row — run the command again`);
  }

  const add = (into: Counts, from: Counts) => {
    for (const k of ['scanned', 'scannedBytes', 'stale', 'rewritten', 'conflicts', 'resolvedByOthers', 'unreadable', 'readUnits', 'writeUnits'] as const) into[k] += from[k];
    for (const [e, v] of Object.entries(from.byEntity)) {
      const t = (into.byEntity[e] ??= { items: 0, bytes: 0, writeUnits: 0 });
      t.items += v.items;
      t.bytes += v.bytes;
      t.writeUnits += v.writeUnits;
    }
  };

  async function segment(n: number) {
    const state = cp.segments[n];
    while (!state.done && !opts.signal?.stopped) {
      await pace.ready();
      const out = await client.send(new ScanCommand({
        TableName: table, Segment: n, TotalSegments: cp.segments.length, Limit: opts.pageSize,
        ExclusiveStartKey: state.startKey, ReturnConsumedCapacity: 'TOTAL',
      }));
      const items = out.Items ?? [];
      const page = zero();
      page.scanned = items.length;
      page.scannedBytes = items.reduce((s, i) => s + itemBytes(i), 0);
      // An eventually consistent Scan: half a unit per 4 KB read.
      page.readUnits = out.ConsumedCapacity?.CapacityUnits ?? Math.max(0.5, Math.ceil(page.scannedBytes / 4096) * 0.5);
      pace.spend(page.readUnits);
      for (const item of items) {
        if (staleFields(item, target).length === 0) continue;
        page.stale++;
        const e = (page.byEntity[item.entity?.S ?? '?'] ??= { items: 0, bytes: 0, writeUnits: 0 });
        e.items++;
        e.bytes += itemBytes(item);
        e.writeUnits += writeUnitsOf(item);
        if (!opts.dryRun) await rewrite(item, page);
        else if (!canOpen(item)) {
          page.unreadable++;
          if (cp.unreadableKeys.length < 50) cp.unreadableKeys.push(label(item));
        }
      }
      // The page is done: only now does the checkpoint move past it (a kill before this redoes the page).
      add(c, page);
      state.startKey = out.LastEvaluatedKey;
      state.done = !out.LastEvaluatedKey;
      saveCheckpoint(opts.checkpointPath, cp);
      opts.onPage?.(cp);
    }
  }

  const canOpen = (item: Item) => {
    try {
      for (const f of staleFields(item, target)) ring.open(item[f].S!);
      return true;
    } catch {
      return false;
    }
  };

  await Promise.all(cp.segments.map((_, n) => segment(n)));
  saveCheckpoint(opts.checkpointPath, cp);
  return cp;
}
