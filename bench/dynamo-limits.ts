/**
 * A transaction sender (lib/transact.ts `setTransactionSender`) that enforces DynamoDB's per-item write
 * limit, which DynamoDB Local does not: a token bucket per item key refilled at `wcuPerSecond` (1,000
 * WCU/s per partition in the cloud), every item of a transaction costing 2 WCU (transactional writes
 * cost double; items here are < 1 KB). A transaction touching an item whose bucket is short is refused
 * before it reaches the database, as DynamoDB answers it: TransactionCanceledException with
 * `ThrottlingError` on that item (nothing written). A refused or failed transaction still spends what it
 * took, as in DynamoDB (a failed condition costs the write). `timeScale` compresses time for a machine
 * slower than DynamoDB: with timeScale k every rate is divided by k (1 simulated second = k real seconds).
 */
import { DynamoDBClient, TransactWriteItemsCommand, TransactionCanceledException, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { clientOptions } from '../functions/src/lib/dynamo';
import type { TransactionSender } from '../functions/src/lib/transact';

export interface LimitedSender {
  send: TransactionSender;
  /** Transactions sent to the database, refused (throttled), and the busiest item's units taken. */
  stats: { sent: number; throttled: number };
}

export function perItemLimitSender(opts: { wcuPerSecond?: number; burstSeconds?: number; timeScale?: number; clock?: () => number } = {}): LimitedSender {
  const rate = (opts.wcuPerSecond ?? 1000) / (opts.timeScale ?? 1) / 1000; // units per real millisecond
  const capacity = rate * 1000 * (opts.burstSeconds ?? 0.1) * (opts.timeScale ?? 1);
  const clock = opts.clock ?? (() => performance.now());
  const buckets = new Map<string, { tokens: number; at: number }>();
  const client = new DynamoDBClient({ ...clientOptions(), maxAttempts: 1 });
  const stats = { sent: 0, throttled: 0 };
  const keyOf = (item: TransactWriteItem) => {
    const op = item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck;
    const key = item.Put ? { PK: item.Put.Item!.PK, SK: item.Put.Item!.SK } : (op as { Key: Record<string, { S?: string }> }).Key;
    return `${key.PK.S}|${key.SK.S}`;
  };
  const send: TransactionSender = async (items) => {
    const now = clock();
    const keys = items.map(keyOf);
    const short = keys.map((k) => {
      const b = buckets.get(k) ?? { tokens: capacity, at: now };
      b.tokens = Math.min(capacity, b.tokens + (now - b.at) * rate);
      b.at = now;
      buckets.set(k, b);
      return b.tokens < 2;
    });
    if (short.some(Boolean)) {
      stats.throttled++;
      throw new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
        $metadata: {},
        CancellationReasons: short.map((s) => (s ? { Code: 'ThrottlingError', Message: 'Throughput exceeds the current capacity for one or more global secondary indexes or the table' } : { Code: 'None' })),
      });
    }
    for (const k of keys) buckets.get(k)!.tokens -= 2;
    stats.sent++;
    await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
  };
  return { send, stats };
}
