/**
 * TransactWriteItems with the failure read back. DynamoDB cancels a transaction for a failed condition
 * (a domain answer: name it) or for contention (`TransactionConflict`: retryable). DynamoDB Local never
 * answers TransactionConflict, so tests inject it through `setTransactionSender`.
 */
import {
  TransactWriteItemsCommand,
  TransactionCanceledException,
  type CancellationReason,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { dynamo } from './dynamo';
import { AppError } from './errors';

export type TransactionSender = (items: TransactWriteItem[]) => Promise<void>;

const sendToDynamo: TransactionSender = async (items) => {
  await dynamo().send(new TransactWriteItemsCommand({ TransactItems: items }));
};
let send: TransactionSender = sendToDynamo;

/** Replaces how transactions are sent (tests inject conflicts); call with no argument to restore. */
export function setTransactionSender(sender?: TransactionSender): void {
  send = sender ?? sendToDynamo;
}

export const MAX_TRANSACTION_ATTEMPTS = 4;
const BASE_DELAY_MS = 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isThrottle = (e: unknown) =>
  e instanceof Error && ['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded'].includes(e.name);

/**
 * Runs one transaction. When conditions fail, `onCancelled` gets the reasons (one per item, in order)
 * and returns the domain error to throw — or `undefined` to report a plain cancellation to the caller,
 * which then gets `false` (e.g. an optimistic version check lost; the caller re-reads and tries again).
 * Contention is retried with full jitter, then answered with 503 BUSY; nothing was written.
 */
export async function transact(
  items: TransactWriteItem[],
  onCancelled: (reasons: CancellationReason[]) => AppError | undefined,
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await send(items);
      return true;
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : undefined;
      const contended = reasons
        ? reasons.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError')
        : isThrottle(error);
      if (contended) {
        if (attempt >= MAX_TRANSACTION_ATTEMPTS) throw new AppError('BUSY');
        await sleep(Math.random() * BASE_DELAY_MS * 2 ** attempt);
        continue;
      }
      if (!reasons) throw error;
      const domainError = onCancelled(reasons);
      if (domainError) throw domainError;
      return false;
    }
  }
}

/** True when the item at `index` of a cancelled transaction failed its condition. */
export const failedAt = (reasons: CancellationReason[], index: number) =>
  reasons[index]?.Code === 'ConditionalCheckFailed';
