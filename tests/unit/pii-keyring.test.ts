/** Versioned personal-data keys (lib/pii-keyring.ts): old ciphertexts stay readable, writes move to the current key. */
import { describe, expect, it } from 'vitest';
import { PiiKeyring, sealedVersion } from '../../functions/src/lib/pii-keyring';
import { parseConfig } from '../../functions/src/config';

const k1 = Buffer.alloc(32, 1).toString('base64');
const k2 = Buffer.alloc(32, 2).toString('base64');
const k3 = Buffer.alloc(32, 3).toString('base64');

describe('PiiKeyring', () => {
  it('reads a bare key as version 1, as every ciphertext written before versions existed', () => {
    const old = new PiiKeyring(k1);
    const sealed = old.seal('610102199003071234');
    expect(sealed.startsWith('v1.')).toBe(true);
    const rotated = new PiiKeyring(`2:${k2},1:${k1}`);
    expect(rotated.current).toBe(2);
    expect(rotated.open(sealed)).toBe('610102199003071234');
    const resealed = rotated.reseal(sealed);
    expect(sealedVersion(resealed)).toBe(2);
    expect(rotated.open(resealed)).toBe('610102199003071234');
    expect(rotated.reseal(resealed)).toBe(resealed);
    // A reader that has only version 1 cannot read version 2: the rollout order matters (operations.md).
    expect(() => old.open(resealed)).toThrow(/key version not in PII_KEY/);
  });

  it('keeps the 身份证号 index and digests across the rotation and after version 1 is retired', () => {
    const before = new PiiKeyring(k1);
    const during = new PiiKeyring(`2:${k2},1:${k1}`);
    const after = new PiiKeyring(during.retired());
    expect(after.versions).toEqual([2]);
    for (const ring of [during, after]) {
      expect(ring.index('610102199003071234')).toBe(before.index('610102199003071234'));
      expect(ring.digest(['王明', undefined, '1'])).toBe(before.digest(['王明', undefined, '1']));
    }
    expect(after.open(during.seal('王明'))).toBe('王明');
    expect(() => after.open(before.seal('王明'))).toThrow();
    const next = new PiiKeyring(`3:${k3},${after.retired().split(',')[0]},${after.retired().split(',')[1]}`);
    expect(next.current).toBe(3);
    expect(next.index('x')).toBe(before.index('x'));
  });

  it('rolls back by reordering: the old version current again, the new one still readable', () => {
    const during = new PiiKeyring(`2:${k2},1:${k1}`);
    const back = new PiiKeyring(`1:${k1},2:${k2}`);
    expect(back.current).toBe(1);
    const written = during.seal('13912345678');
    expect(back.open(written)).toBe('13912345678');
    expect(sealedVersion(back.reseal(written))).toBe(1);
  });

  it.each([
    ['', /empty/],
    ['c2hvcnQ=', /32 bytes/],
    [`${k1},${k2}`, /needs its version/],
    [`2:${k2},2:${k1}`, /twice/],
    [`0:${k2}`, /not a key version/],
    [`x:${k2}`, /not a key version/],
    [`2:${k2}`, /index key must be given/],
  ])('refuses %s', (spec, message) => {
    expect(() => new PiiKeyring(spec)).toThrow(message);
  });

  it('a malformed keyring fails the configuration at cold start', () => {
    const base = { STAGE: 'prod', TABLE_NAME: 't', TOKEN_SECRET: 'x'.repeat(40), WECHAT_APPID: 'a', WECHAT_SECRET: 's', OA_TOKEN: 't', OA_APPID: 'a', OA_SECRET: 's' };
    expect(() => parseConfig({ ...base, PII_KEY: `2:${k2}` })).toThrow(/PII_KEY: .*index key/);
    expect(parseConfig({ ...base, PII_KEY: `2:${k2},1:${k1}` }).PII_KEY).toBe(`2:${k2},1:${k1}`);
    expect(parseConfig({ ...base, PII_KEY: k1 }).PII_KEY).toBe(k1);
  });

  it('refuses what is not a ciphertext', () => {
    const ring = new PiiKeyring(k1);
    expect(sealedVersion('plain text')).toBeUndefined();
    expect(() => ring.open('v9.a.b.c')).toThrow(/unreadable/);
    expect(() => ring.open('hello')).toThrow(/unreadable/);
  });
});
