/**
 * TransactWriteItems built from named steps. Each step carries what its failed condition means, and is
 * sent with `ReturnValuesOnConditionCheckFailure: ALL_OLD`, so a cancellation is answered precisely from
 * the item as it was (goods taken off the shelf → INVALID_STATE, not OUT_OF_STOCK) without a re-read.
 * Contention (`TransactionConflict`, throttling) is retried within the one budget of `lib/retry.ts`; a
 * conflict or failed condition on a step of a member's ledger posting (`ledger: true`, the ledgerSeq
 * guard) is a lost ledger race, spent from `RETRY.ledger`.
 * DynamoDB Local never answers TransactionConflict, so tests inject it through `setTransactionSender`.
 */
import {
  DynamoDBClient,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  type AttributeValue,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clientOptions } from './dynamo';
import { traced } from './tracing';
import { AppError } from './errors';
import { chain } from './faults';
import { AGAIN, RETRY, lostLedgerRace, retrying } from './retry';

export type TransactionSender = (items: TransactWriteItem[]) => Promise<void>;

/** Errors where the request may have reached DynamoDB but its answer was lost (a reset keep-alive socket). */
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const dropped = (e: unknown) => [...chain(e)].some((c) => c.code !== undefined && DROPPED.has(c.code));
/** Sends of one transaction after its connection dropped, and pauses while DynamoDB still works on it. */
const RESENDS = 3;
const IN_PROGRESS_WAIT_MS = 100;

/**
 * Sends with the SDK's own retries off (contention is retried once, in `transact`, within the one budget),
 * but with a ClientRequestToken: if the connection drops after DynamoDB received the transaction, it is sent
 * again with the same token, which DynamoDB applies at most once (for 10 minutes) — a lost answer becomes
 * the answer, not a 503, and never a second write.
 */
export function dynamoTransactionSender(client: DynamoDBClient): TransactionSender {
  return async (items) => {
    const token = randomUUID();
    for (let attempt = 1; ; attempt++) {
      try {
        await client.send(new TransactWriteItemsCommand({ TransactItems: items, ClientRequestToken: token }));
        return;
      } catch (error) {
        if (attempt > RESENDS) throw error;
        // The first send is still being applied: wait, and ask again with its token (a new one could apply it twice).
        if (error instanceof Error && error.name === 'TransactionInProgressException') await new Promise((r) => setTimeout(r, IN_PROGRESS_WAIT_MS));
        else if (!dropped(error)) throw error;
      }
    }
  };
}

let dynamoSender: TransactionSender | undefined;
const sendToDynamo: TransactionSender = (items) => {
  dynamoSender ??= dynamoTransactionSender(traced(new DynamoDBClient({ ...clientOptions(), maxAttempts: 1 })));
  return dynamoSender(items);
};
let send: TransactionSender = sendToDynamo;

/** Replaces how transactions are sent (tests inject conflicts); call with no argument to restore. */
export function setTransactionSender(sender?: TransactionSender): void {
  send = sender ?? sendToDynamo;
}

/** How many times a transaction is sent at most (the whole operation's budget). */
export const MAX_TRANSACTION_ATTEMPTS = RETRY.attempts;

/** The item as it was when its condition failed (ALL_OLD); undefined when it did not exist. */
export type OldItem = Record<string, unknown> | undefined;

/**
 * What a failed condition means: a domain error, or `'answer'` — not an error but a fact the caller
 * reads from `transact`'s result (the Idempotency-Key was used before, the balance moved).
 */
export type OnFail = AppError | 'answer' | ((old: OldItem) => AppError | 'answer');

/** One item of a transaction, named, with the meaning of its condition failing. */
export interface Step {
  name: string;
  item: TransactWriteItem;
  onFail?: OnFail;
  /** Part of a posting on a member's ledger (repositories/points.ts): losing on it is a ledger race. */
  ledger?: true;
}

/** A named step. Items without a condition (counters, index entries, audit copies) may go in bare. */
export const step = (name: string, item: TransactWriteItem, onFail?: OnFail, opts: { ledger?: true } = {}): Step => ({ name, item, onFail, ...opts });

/** The step whose `'answer'` condition failed, with its item as it was. */
export interface Failed {
  step: string;
  old: OldItem;
}

const isStep = (s: Step | TransactWriteItem): s is Step => 'item' in s;
const isThrottle = (e: unknown) =>
  e instanceof Error && ['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded'].includes(e.name);

function withOldValues(item: TransactWriteItem): TransactWriteItem {
  const op = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck;
  if (!op?.ConditionExpression) return item;
  const key = item.Put ? 'Put' : item.Update ? 'Update' : item.Delete ? 'Delete' : 'ConditionCheck';
  return { [key]: { ...op, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } } as TransactWriteItem;
}

/**
 * Runs one transaction: `undefined` when it committed; the failed step when its meaning is `'answer'`;
 * throws the step's AppError otherwise (BUSY when a condition failed on an unnamed item, or after the
 * retry budget is spent on contention).
 */
export async function transact(steps: Array<Step | TransactWriteItem>): Promise<Failed | undefined> {
  const named = steps.map((s) => (isStep(s) ? s : { name: 'unnamed', item: s }));
  const items = named.map((s) => withOldValues(s.item));
  return retrying(async () => {
    try {
      await send(items);
      return undefined;
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : undefined;
      const contended = reasons
        ? reasons.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError')
        : isThrottle(error);
      if (contended) {
        // Another posting on the same member in flight: a ledger race, not contention on a hot item.
        if (reasons?.some((r, i) => r.Code === 'TransactionConflict' && named[i]?.ledger)) lostLedgerRace();
        return AGAIN;
      }
      if (!reasons) throw error;
      const index = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      const failed = named[index];
      if (!failed?.onFail) throw new AppError('BUSY');
      const item = reasons[index].Item;
      const old = item ? unmarshall(item as Record<string, AttributeValue>) : undefined;
      const meaning = typeof failed.onFail === 'function' ? failed.onFail(old) : failed.onFail;
      if (meaning === 'answer') {
        // The balance moved since it was read: the caller reads again, within RETRY.ledger.
        if (failed.ledger) lostLedgerRace();
        return { step: failed.name, old };
      }
      throw meaning;
    }
  });
}
