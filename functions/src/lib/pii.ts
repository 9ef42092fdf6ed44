/**
 * Personal data at rest (个人信息保护法): 身份证号, phone and real name are stored only as AES-256-GCM
 * ciphertext, and the 身份证号 uniqueness item is keyed by an HMAC of the number (never the number).
 * Both keys derive from PII_KEY (SSM in the cloud) with HKDF, so one secret rotates both.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { config } from '../config';

const VERSION = 'v1';
let keys: { enc: Buffer; mac: Buffer } | undefined;

function derived() {
  if (!keys) {
    const master = Buffer.from(config().PII_KEY, 'base64');
    keys = {
      enc: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'zhgh/pii/aes-256-gcm', 32)),
      mac: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'zhgh/pii/id-number-index', 32)),
    };
  }
  return keys;
}

/** `v1.<iv>.<ciphertext>.<tag>` (base64url). A fresh 96-bit IV every time. */
export function encryptPii(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derived().enc, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), data.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export function decryptPii(sealed: string): string {
  const [version, iv, data, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !data || !tag) throw new Error('unknown ciphertext format');
  const decipher = createDecipheriv('aes-256-gcm', derived().enc, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** The keyed hash that stands for an 身份证号 in keys: equal numbers, equal hashes; no way back. */
export function idNumberIndex(idNumber: string): string {
  return createHmac('sha256', derived().mac).update(idNumber).digest('base64url');
}

/**
 * A keyed digest of several fields (e.g. a roster record's content): equal content, equal digest, so
 * "did this row change?" is one comparison of stored items — without decrypting anything.
 */
export function piiDigest(parts: (string | undefined)[]): string {
  return createHmac('sha256', derived().mac).update(`digest\0${parts.map((p) => p ?? '').join('\0')}`).digest('base64url');
}
