/**
 * Opaque list cursors: DynamoDB's LastEvaluatedKey, base64url JSON, with an HMAC over the key AND the
 * partition it was read from. Only this service can make one, and one list's cursor does not open
 * another list (nor another user's): a crafted, tampered or borrowed cursor is 400, never the
 * ExclusiveStartKey error of DynamoDB as a 500.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { config } from '../config';
import { validationFailed } from './errors';

type Key = Record<string, AttributeValue>;

let key: Buffer | undefined;
// A key of its own, derived from the token secret, so a cursor's MAC is never a token's signature.
const macKey = () => (key ??= createHmac('sha256', config().TOKEN_SECRET).update('list-cursor-v1').digest());
const mac = (partition: string, payload: string) => createHmac('sha256', macKey()).update(`${partition}\n${payload}`).digest().subarray(0, 16);

const invalid = () => validationFailed([{ path: 'cursor', message: '分页游标无效，请从第一页重新加载' }], '分页游标无效');

/** The cursor for the page after `key`, bound to `partition` (the partition key value the query read). */
export function encodeCursor(lastKey: Key | undefined, partition: string): string | null {
  if (!lastKey) return null;
  const payload = Buffer.from(JSON.stringify(lastKey)).toString('base64url');
  return `${payload}.${mac(partition, payload).toString('base64url')}`;
}

/** The ExclusiveStartKey of a cursor made by `encodeCursor` for the same `partition`; 400 otherwise. */
export function decodeCursor(cursor: string | undefined, partition: string): Key | undefined {
  if (!cursor) return undefined;
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) throw invalid();
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(partition, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const valid = parsed && typeof parsed === 'object' && !Array.isArray(parsed) &&
      Object.values(parsed).every((v) => v && typeof v === 'object' && (typeof (v as AttributeValue).S === 'string' || typeof (v as AttributeValue).N === 'string'));
    if (valid) return parsed as Key;
  } catch {
    // fall through
  }
  throw invalid();
}
