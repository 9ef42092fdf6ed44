/**
 * Personal data at rest (个人信息保护法): 身份证号, phone and real name are stored only as AES-256-GCM
 * ciphertext, and the 身份证号 uniqueness item is keyed by an HMAC of the number (never the number).
 *
 * Keys are versioned (docs/design.md "Personal-data keys"). PII_KEY (SSM in the cloud) is a keyring:
 *   `<base64>`                         one key, version 1 (the format before versions existed)
 *   `2:<base64>,1:<base64>`            versioned master keys; the FIRST is current (writes), all read
 *   `2:<base64>,index:<base64>`        … and the 身份证号 index key itself, once version 1 is retired
 * Every ciphertext names its version (`v<n>.…`), so reads take any listed version and writes use the
 * current one; `npm run rotate-pii-key` moves the stored ciphertexts to the current version. The index
 * key does NOT rotate: it is HKDF(version-1 master) unless given as `index:` (design.md says why).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const ENC_INFO = 'zhgh/pii/aes-256-gcm';
const INDEX_INFO = 'zhgh/pii/id-number-index';
const derive = (master: Buffer, info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
const key32 = (b64: string, what: string) => {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new Error(`${what} must be 32 bytes, base64-encoded`);
  return key;
};

/** A parsed PII_KEY: the current version, the encryption key of each readable version, the index key. */
export class PiiKeyring {
  readonly current: number;
  readonly versions: readonly number[];
  private readonly enc = new Map<number, Buffer>();
  private readonly mac: Buffer;
  private readonly masters: Map<number, Buffer>;

  constructor(spec: string) {
    const entries = spec.split(',').map((e) => e.trim()).filter(Boolean);
    if (entries.length === 0) throw new Error('PII_KEY is empty');
    const masters = new Map<number, Buffer>();
    let index: Buffer | undefined;
    for (const entry of entries) {
      const colon = entry.indexOf(':');
      if (colon < 0) {
        if (entries.length > 1) throw new Error('PII_KEY: with several keys each needs its version (`2:<base64>,1:<base64>`)');
        masters.set(1, key32(entry, 'PII_KEY'));
        continue;
      }
      const [label, b64] = [entry.slice(0, colon), entry.slice(colon + 1)];
      if (label === 'index') {
        index = key32(b64, 'PII_KEY index key');
        continue;
      }
      const version = Number(label);
      if (!Number.isInteger(version) || version < 1) throw new Error(`PII_KEY: "${label}" is not a key version (a whole number ≥ 1)`);
      if (masters.has(version)) throw new Error(`PII_KEY: version ${version} is listed twice`);
      masters.set(version, key32(b64, `PII_KEY version ${version}`));
    }
    if (masters.size === 0) throw new Error('PII_KEY has no encryption key');
    const first = masters.get(1);
    if (!index && !first) throw new Error('PII_KEY: without version 1 the 身份证号 index key must be given as `index:<base64>`');
    this.mac = index ?? derive(first!, INDEX_INFO);
    this.current = masters.keys().next().value!;
    this.versions = [...masters.keys()];
    this.masters = masters;
    for (const [version, master] of masters) this.enc.set(version, derive(master, ENC_INFO));
  }

  /**
   * The keyring once the rotation is done: the current key alone, plus the index key (which stays, so
   * every stored 身份证号 hash keeps matching). What to put in SSM to retire the old versions.
   */
  retired(): string {
    return `${this.current}:${this.masters.get(this.current)!.toString('base64')},index:${this.mac.toString('base64')}`;
  }

  /** `v<n>.<iv>.<ciphertext>.<tag>` (base64url) under the current version. A fresh 96-bit IV every time. */
  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.enc.get(this.current)!, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [`v${this.current}`, iv.toString('base64url'), data.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [label, iv, data, tag] = sealed.split('.');
    const version = sealedVersion(sealed);
    const key = version === undefined ? undefined : this.enc.get(version);
    if (!key || !iv || !data || !tag) throw new Error(`unreadable ciphertext (${label?.slice(0, 4)}): key version not in PII_KEY, or not a ciphertext`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** The same plaintext under the current version (the rotation's one step); a current one is returned as is. */
  reseal(sealed: string): string {
    return sealedVersion(sealed) === this.current ? sealed : this.seal(this.open(sealed));
  }

  index(idNumber: string): string {
    return createHmac('sha256', this.mac).update(idNumber).digest('base64url');
  }

  digest(parts: (string | undefined)[]): string {
    return createHmac('sha256', this.mac).update(`digest\0${parts.map((p) => p ?? '').join('\0')}`).digest('base64url');
  }
}

/** The key version a ciphertext names (`v2.…` → 2); undefined for anything else. */
export function sealedVersion(sealed: string): number | undefined {
  const match = /^v([1-9]\d*)\./.exec(sealed);
  return match ? Number(match[1]) : undefined;
}
