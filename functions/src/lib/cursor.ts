/** Opaque list cursors: the DynamoDB LastEvaluatedKey, base64url-encoded JSON. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { validationFailed } from './errors';

type Key = Record<string, AttributeValue>;

export function encodeCursor(key: Key | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined): Key | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const valid =
      key && typeof key === 'object' && !Array.isArray(key) &&
      Object.values(key).every((v) => v && typeof v === 'object' && typeof (v as { S?: unknown }).S === 'string');
    if (valid) return key as Key;
  } catch {
    // fall through to the validation error
  }
  throw validationFailed([{ path: 'cursor', message: '分页游标无效' }]);
}
