/**
 * The union's real-name roster (工会会员实名制) and the binding of its records to WeChat users.
 *
 *   ROSTER#<idHash>   RECORD          a member record: personal data only as ciphertext + masked copies,
 *                                     `digest` = keyed hash of its content (GSI1: ROSTERORG#<orgId> / <idHash>)
 *   ROSTER#<idHash>   BINDING         which user the record is bound to (userId absent: unbound) and the
 *                                     member number it was given; a separate item, so rewriting a record
 *                                     (imports, BatchWriteItem in the import command) never touches a binding
 *   USER#<id>         ROSTERBINDING   the record a user is bound to (for unbinding)
 *   VERIFYFAIL#<userId> <china-day>   failed verifications of the day (a conditional counter)
 *   IMPORT#<id>       META            an uploaded roster: counts, first errors, status, result
 *   IMPORT#<id>       ROWS#<n>        validated rows, sealed (AES-GCM of gzip'd JSON), ≤ 60 a chunk; `done_*`
 *                                     marks a committed chunk (exactly once, in the commit's transaction)
 *   IMPORT#<id>       ERRORS#<n>      rejected rows with their reasons, sealed
 *   IMPORTQ#<orgId>   <createdAt>#<id>  one entry per union on the import's path: "imports in my scope"
 * Import items expire (`expiresAt`, TTL) after IMPORT_TTL_DAYS; records and bindings stay.
 */
import { BatchGetItemCommand, BatchWriteItemCommand, type BatchGetItemCommandOutput, type BatchWriteItemCommandOutput, GetItemCommand, QueryCommand, UpdateItemCommand, ConditionalCheckFailedException, type TransactWriteItem, type WriteRequest, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from '../lib/dynamo';
import { AppError } from '../lib/errors';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { memberCountStep } from './member-count';
import { step, transact } from '../lib/transact';
import type { Step } from '../lib/transact';
import { userKey } from '../entities/user';
import { addOnPath, statsDeltaItems, statsItems, type Increments } from './stats';
import { RosterBindings, bindingKey, rosterKey, userBindingKey, type RosterBinding, type RosterRecord } from './roster-bindings';
import { countAll } from './query-pages';

export { bindingKey, rosterKey, type RosterBinding, type RosterRecord } from './roster-bindings';

export const IMPORT_TTL_DAYS = 7;
const idHashKey = (hash: string) => marshall({ PK: `IDHASH#${hash}`, SK: 'IDHASH' });
const memberNoKey = (no: string) => marshall({ PK: `MEMBERNO#${no}`, SK: 'MEMBERNO' });
const failKey = (userId: string, day: string) => marshall({ PK: `VERIFYFAIL#${userId}`, SK: day });
const importKey = (id: string) => marshall({ PK: `IMPORT#${id}`, SK: 'META' });
const chunkSk = (kind: 'ROWS' | 'ERRORS', n: number) => `${kind}#${String(n).padStart(5, '0')}`;
const pathIds = (path: string) => path.split('/').filter(Boolean);



/** The item of a record (the import command writes the same with BatchWriteItem). */
export const recordItem = (r: RosterRecord): Record<string, AttributeValue> => ({
  ...rosterKey(r.idHash),
  ...marshall({ GSI1PK: `ROSTERORG#${r.orgId}`, GSI1SK: r.idHash, entity: 'RosterRecord', version: 1, ...r }, { removeUndefinedValues: true }),
});

const strip = <T>(item: Record<string, AttributeValue>): T => {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _gs, entity: _e, version: _v, ...rest } = unmarshall(item);
  return rest as T;
};

export interface StoredImport {
  id: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  kind: 'members';
  fileName: string;
  status: 'validated' | 'committing' | 'committed' | 'failed';
  rows: number;
  accepted: number;
  rejected: number;
  errors: { row: number; column: string; message: string }[];
  headers: string[];
  chunks: number;
  errorChunks: number;
  createdAt: string;
  createdBy: string;
  result?: { status: 'committed' | 'committing'; created: number; updated: number; unchanged: number; skipped: number; remaining?: number };
  skippedRows?: { row: number; column: string; message: string }[];
}

/** What one committed chunk did; stored on the chunk in the same transaction as its writes. */
export interface ChunkResult {
  created: number;
  updated: number;
  unchanged: number;
  skipped: { row: number; column: string; message: string }[];
}

/** A row ready to be written: the record it becomes (the caller sealed the personal data). */
export interface PreparedRow {
  row: number;
  record: RosterRecord;
}

export class RosterRepository extends RosterBindings {
  /** Records and bindings of many 身份证号 hashes (BatchGetItem, 100 keys a call, unprocessed retried). */
  async recordsAndBindings(hashes: string[]): Promise<{ records: Map<string, RosterRecord>; bindings: Map<string, RosterBinding> }> {
    const records = new Map<string, RosterRecord>();
    const bindings = new Map<string, RosterBinding>();
    const keys = hashes.flatMap((h) => [rosterKey(h), bindingKey(h)]);
    for (let i = 0; i < keys.length; i += 100) {
      let pending: Record<string, AttributeValue>[] | undefined = keys.slice(i, i + 100);
      for (let attempt = 0; pending?.length; attempt++) {
        if (attempt) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
        const out: BatchGetItemCommandOutput = await dynamo().send(new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }));
        for (const item of out.Responses?.[tableName()] ?? []) {
          const sk = item.SK.S;
          const hash = item.PK.S!.slice('ROSTER#'.length);
          if (sk === 'RECORD') records.set(hash, strip<RosterRecord>(item));
          else bindings.set(hash, strip<RosterBinding>(item));
        }
        pending = out.UnprocessedKeys?.[tableName()]?.Keys;
      }
    }
    return { records, bindings };
  }

  /** Roster records of one union (GSI1), counted. */
  async countInUnion(orgId: string): Promise<number> {
    return countAll({ TableName: tableName(), IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: marshall({ ':pk': `ROSTERORG#${orgId}` }) });
  }

  // ── imports ───────────────────────────────────────────────────────────────────────────────────────

  /**
   * Stores an uploaded import: its sealed row and error chunks first, then — in one transaction — the
   * import itself and its scope entries, so an import is either listed whole or not at all.
   */
  async saveImport(meta: StoredImport, rowChunks: string[], errorChunks: string[], expiresAt: number): Promise<void> {
    const puts: WriteRequest[] = [
      ...rowChunks.map((sealed, n) => ({ PutRequest: { Item: marshall({ PK: `IMPORT#${meta.id}`, SK: chunkSk('ROWS', n), entity: 'ImportChunk', version: 1, sealed, expiresAt }) } })),
      ...errorChunks.map((sealed, n) => ({ PutRequest: { Item: marshall({ PK: `IMPORT#${meta.id}`, SK: chunkSk('ERRORS', n), entity: 'ImportErrors', version: 1, sealed, expiresAt }) } })),
    ];
    await batchWrite(puts);
    await transact([
      step('new import', { Put: { TableName: tableName(), Item: marshall({ ...unmarshall(importKey(meta.id)), entity: 'Import', version: 1, ...meta, expiresAt }, { removeUndefinedValues: true }), ConditionExpression: 'attribute_not_exists(PK)' } }, new AppError('BUSY')),
      ...pathIds(meta.orgPath).map((orgId) => ({
        Put: { TableName: tableName(), Item: marshall({ PK: `IMPORTQ#${orgId}`, SK: `${meta.createdAt}#${meta.id}`, entity: 'ImportScopeEntry', version: 1, importId: meta.id, expiresAt }) },
      })),
    ]);
  }

  async getImport(id: string): Promise<StoredImport | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: importKey(id), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { expiresAt: _x, ...rest } = strip<StoredImport & { expiresAt: number }>(out.Item);
    return rest;
  }

  /** Imports of a union's subtree, newest first. */
  async listImports(orgId: string, limit: number, cursor?: string): Promise<{ items: StoredImport[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: marshall({ ':pk': `IMPORTQ#${orgId}` }), ScanIndexForward: false, Limit: limit, ExclusiveStartKey: decodeCursor(cursor, `IMPORTQ#${orgId}`) }),
    );
    const ids = (out.Items ?? []).map((i) => unmarshall(i).importId as string);
    const found = await Promise.all(ids.map((id) => this.getImport(id)));
    return { items: found.filter((x): x is StoredImport => Boolean(x)), nextCursor: encodeCursor(out.LastEvaluatedKey, `IMPORTQ#${orgId}`) };
  }

  /** One sealed chunk of rows or errors, with the commit markers already on it. */
  async chunk(id: string, kind: 'ROWS' | 'ERRORS', n: number): Promise<{ sealed: string; done: ChunkResult[] } | undefined> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: marshall({ PK: `IMPORT#${id}`, SK: chunkSk(kind, n) }), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const item = unmarshall(out.Item);
    const done = Object.entries(item).filter(([k]) => k.startsWith('done_')).map(([, v]) => v as ChunkResult);
    return { sealed: item.sealed as string, done };
  }

  /** validated/committing → `to` (with fields); false when the import is in another state. */
  async setImportStatus(id: string, from: StoredImport['status'][], to: StoredImport['status'], fields: Partial<StoredImport> = {}): Promise<boolean> {
    const set = { status: to, ...fields };
    try {
      await dynamo().send(
        new UpdateItemCommand({
          TableName: tableName(),
          Key: importKey(id),
          UpdateExpression: `SET ${Object.keys(set).map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
          ConditionExpression: `#f0 IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
          ExpressionAttributeNames: Object.fromEntries(Object.keys(set).map((k, i) => [`#f${i}`, k])),
          ExpressionAttributeValues: marshall({ ...Object.fromEntries(Object.values(set).map((v, i) => [`:f${i}`, v])), ...Object.fromEntries(from.map((s, i) => [`:from${i}`, s])) }, { removeUndefinedValues: true }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Commits rows of one chunk in one transaction, exactly once: each record is created on the
   * condition that it does not exist, or rewritten on the condition that it is still what was read;
   * the union counters move by the chunk's net changes; the chunk gets its result (`done_<a>_<b>`) on
   * the condition that it has none. A chunk already committed (a retried or concurrent commit)
   * returns its stored result. A chunk that does not fit one transaction is split in halves.
   */
  async commitChunk(importId: string, n: number, rows: PreparedRow[], scopePath: string, day: string): Promise<ChunkResult> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.tryCommit(importId, n, rows, scopePath, day, `done_${rows[0]?.row ?? 0}_${rows.at(-1)?.row ?? 0}`);
      if (outcome) return outcome;
      if (attempt >= 4) throw new AppError('BUSY');
    }
  }

  private async tryCommit(importId: string, n: number, rows: PreparedRow[], scopePath: string, day: string, marker: string): Promise<ChunkResult | undefined> {
    const chunkKey = marshall({ PK: `IMPORT#${importId}`, SK: chunkSk('ROWS', n) });
    const stored = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: chunkKey, ConsistentRead: true, ProjectionExpression: '#m', ExpressionAttributeNames: { '#m': marker } }));
    if (stored.Item?.[marker]) return unmarshall(stored.Item)[marker] as ChunkResult;

    const { records, bindings } = await this.recordsAndBindings(rows.map((r) => r.record.idHash));
    const result: ChunkResult = { created: 0, updated: 0, unchanged: 0, skipped: [] };
    const writes: Step[] = [];
    const counters = new Map<string, Increments>();
    for (const { row, record } of rows) {
      const old = records.get(record.idHash);
      if (!old) {
        writes.push(step('record unchanged', { Put: { TableName: tableName(), Item: recordItem({ ...record, importResult: 'created' }), ConditionExpression: 'attribute_not_exists(PK)' } }, 'answer'));
        addOnPath(counters, record.orgPath, { rosterRecords: 1 });
        result.created++;
        continue;
      }
      if (!old.orgPath.startsWith(scopePath)) {
        result.skipped.push({ row, column: '身份证号', message: `该身份证号已登记在“${old.orgName}”的名册中，不在本次导入范围内，未作修改` });
        continue;
      }
      if (old.digest === record.digest) {
        result.unchanged++;
        continue;
      }
      const moves = old.orgId !== record.orgId || (old.memberNo ?? '') !== (record.memberNo ?? '');
      const bound = bindings.get(record.idHash)?.userId;
      if (moves && bound) {
        result.skipped.push({ row, column: old.orgId !== record.orgId ? '基层工会' : '会员号', message: '该会员已完成会员认证：工会变更请办理转会，会员号不能修改' });
        continue;
      }
      writes.push(step('record unchanged', {
        Put: {
          TableName: tableName(),
          Item: recordItem({ ...record, createdAt: old.createdAt, importResult: 'updated' }),
          ConditionExpression: 'digest = :old',
          ExpressionAttributeValues: marshall({ ':old': old.digest }),
        },
      }, 'answer'));
      if (moves) writes.push(step('record unchanged', { ConditionCheck: { TableName: tableName(), Key: bindingKey(record.idHash), ConditionExpression: 'attribute_not_exists(userId)' } }, 'answer'));
      if (old.orgId !== record.orgId) {
        addOnPath(counters, old.orgPath, { rosterRecords: -1 });
        addOnPath(counters, record.orgPath, { rosterRecords: 1 });
      }
      result.updated++;
    }
    const items: (Step | TransactWriteItem)[] = [
      step('chunk not done', {
        Update: {
          TableName: tableName(),
          Key: chunkKey,
          UpdateExpression: 'SET #m = :result',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#m)',
          ExpressionAttributeNames: { '#m': marker },
          ExpressionAttributeValues: marshall({ ':result': result }),
        },
      }, 'answer'),
      ...writes,
      ...statsDeltaItems(new Map([...counters].filter(([, inc]) => inc.rosterRecords)), day),
    ];
    if (items.length > 100) {
      // Too many items for one transaction: commit each half under its own marker.
      const half = Math.ceil(rows.length / 2);
      const parts = [rows.slice(0, half), rows.slice(half)];
      const done: ChunkResult[] = [];
      for (const part of parts) {
        let r: ChunkResult | undefined;
        for (let attempt = 1; !r; attempt++) {
          r = await this.tryCommit(importId, n, part, scopePath, day, `done_${part[0].row}_${part.at(-1)!.row}`);
          if (!r && attempt >= 4) throw new AppError('BUSY');
        }
        done.push(r);
      }
      return { created: done[0].created + done[1].created, updated: done[0].updated + done[1].updated, unchanged: done[0].unchanged + done[1].unchanged, skipped: [...done[0].skipped, ...done[1].skipped] };
    }
    const failed = await transact(items);
    if (!failed) return result;
    if (failed.step === 'chunk not done') {
      const again = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: chunkKey, ConsistentRead: true }));
      return unmarshall(again.Item!)[marker] as ChunkResult;
    }
    return undefined; // a record changed between the read and the write: read again
  }

  // ── 会员认证 ──────────────────────────────────────────────────────────────────────────────────────

  /**
   * Takes one of the day's verification attempts: one conditional ADD, so concurrent attempts can never
   * exceed the limit. A successful verification gives its attempt back (in its own transaction).
   */
  async takeAttempt(userId: string, day: string, limit: number, expiresAt: number): Promise<boolean> {
    try {
      await dynamo().send(
        new UpdateItemCommand({
          TableName: tableName(),
          Key: failKey(userId, day),
          UpdateExpression: 'ADD attempts :one SET entity = :e, version = :v, expiresAt = :x',
          ConditionExpression: 'attribute_not_exists(attempts) OR attempts < :limit',
          ExpressionAttributeValues: marshall({ ':one': 1, ':limit': limit, ':e': 'VerificationAttempts', ':v': 1, ':x': expiresAt }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async giveBackAttempt(userId: string, day: string): Promise<void> {
    await dynamo().send(new UpdateItemCommand({ TableName: tableName(), Key: failKey(userId, day), UpdateExpression: 'ADD attempts :minus', ExpressionAttributeValues: marshall({ ':minus': -1 }) }));
  }

  /**
   * Binds a record to a user and makes them an active member — the same member state an approved join
   * request makes (membership, IDHASH, MEMBERNO, newMembers) — in one transaction, on the conditions
   * that the record is still as read, unbound, and the user not a member.
   */
  async bind(p: {
    record: RosterRecord;
    userId: string;
    memberNo: string;
    at: string;
    day: string;
    attemptDay: string;
  }): Promise<'bound' | 'record-changed'> {
    const { record, userId, memberNo, at } = p;
    const failed = await transact([
      step('record as read', { ConditionCheck: { TableName: tableName(), Key: rosterKey(record.idHash), ConditionExpression: 'digest = :d', ExpressionAttributeValues: marshall({ ':d': record.digest }) } }, 'answer'),
      step('record unbound', {
        Update: {
          TableName: tableName(),
          Key: bindingKey(record.idHash),
          UpdateExpression: 'SET userId = :u, memberNo = :n, boundAt = :at, entity = :e, version = :v, idHash = :h',
          ConditionExpression: 'attribute_not_exists(userId) AND (attribute_not_exists(memberNo) OR memberNo = :n)',
          ExpressionAttributeValues: marshall({ ':u': userId, ':n': memberNo, ':at': at, ':e': 'RosterBinding', ':v': 1, ':h': record.idHash }),
        },
      }, new AppError('ALREADY_BOUND')),
      step('not a member yet', {
        Update: {
          TableName: tableName(),
          Key: userKey(userId),
          UpdateExpression: 'SET membership = :active',
          ConditionExpression: 'membership.#status = :none',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':none': 'none', ':active': { status: 'active', orgId: record.orgId, orgName: record.orgName, orgPath: record.orgPath, memberNo, since: at } }),
        },
      }, new AppError('ALREADY_MEMBER')),
      step('id number free', { Put: { TableName: tableName(), Item: marshall({ ...unmarshall(idHashKey(record.idHash)), entity: 'IdNumberIndex', version: 1, userId, at }), ConditionExpression: 'attribute_not_exists(PK)' } }, new AppError('ALREADY_BOUND')),
      step('member number free', { Put: { TableName: tableName(), Item: marshall({ ...unmarshall(memberNoKey(memberNo)), entity: 'MemberNo', version: 1, userId }), ConditionExpression: 'attribute_not_exists(PK)' } }, new AppError('INVALID_STATE', `会员号 ${memberNo} 已被其他会员使用，请联系所在工会核对名册`)),
      { Put: { TableName: tableName(), Item: marshall({ ...unmarshall(userBindingKey(userId)), entity: 'UserRosterBinding', version: 1, idHash: record.idHash, at }) } },
      { Update: { TableName: tableName(), Key: failKey(userId, p.attemptDay), UpdateExpression: 'ADD attempts :minus', ExpressionAttributeValues: marshall({ ':minus': -1 }) } },
      ...statsItems(record.orgPath, p.day, { newMembers: 1 }),
      // The union's active-member count, which closing it (撤销) conditions on; a closed union takes no one.
      memberCountStep(record.orgId, 1, new AppError('INVALID_STATE', '该工会已撤销，请联系上级工会核对名册')),
    ]);
    return failed ? 'record-changed' : 'bound';
  }

}

/** BatchWriteItem in 25s, unprocessed items retried with backoff. */
export async function batchWrite(requests: WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: WriteRequest[] | undefined = requests.slice(i, i + 25);
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, Math.min(2000, 25 * 2 ** attempt)));
      const out: BatchWriteItemCommandOutput = await dynamo().send(new BatchWriteItemCommand({ RequestItems: { [tableName()]: pending } }));
      pending = out.UnprocessedItems?.[tableName()];
    }
  }
}

/** The ConditionCheck a join request carries: the 身份证号 must not be in the roster. */
export const notInRosterCheck = (idHash: string): TransactWriteItem => ({
  ConditionCheck: { TableName: tableName(), Key: rosterKey(idHash), ConditionExpression: 'attribute_not_exists(PK)' },
});
