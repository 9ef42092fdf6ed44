/**
 * Personal data of this process: its keyring is PII_KEY of the configuration (lib/pii-keyring.ts says
 * what a keyring is and why the 身份证号 index key does not rotate).
 */
import { config } from '../config';
import { PiiKeyring } from './pii-keyring';

export { PiiKeyring, sealedVersion } from './pii-keyring';

let ring: { spec: string; keys: PiiKeyring } | undefined;

/** This process's keyring (PII_KEY of its configuration). */
export function piiKeyring(): PiiKeyring {
  const spec = config().PII_KEY;
  if (ring?.spec !== spec) ring = { spec, keys: new PiiKeyring(spec) };
  return ring.keys;
}

export const encryptPii = (plaintext: string): string => piiKeyring().seal(plaintext);
export const decryptPii = (sealed: string): string => piiKeyring().open(sealed);

/** The keyed hash that stands for an 身份证号 in keys: equal numbers, equal hashes; no way back. */
export const idNumberIndex = (idNumber: string): string => piiKeyring().index(idNumber);

/**
 * A keyed digest of several fields (e.g. a roster record's content): equal content, equal digest, so
 * "did this row change?" is one comparison of stored items — without decrypting anything.
 */
export const piiDigest = (parts: (string | undefined)[]): string => piiKeyring().digest(parts);
