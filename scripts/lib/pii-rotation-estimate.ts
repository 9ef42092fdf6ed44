/**
 * What a rotation costs at province scale, from a dry run's measurements: the mean size and write units
 * of each kind of item holding ciphertext, and the mean size of the other items the Scan reads past.
 * The counts of a province are assumptions, named here with their source (docs/scale.md); prices are
 * scale.md's on-demand list prices (us-east-1, USD) so the figures compare with the rest of it.
 */
import type { Counts } from './pii-rotation';

const MEMBERS = 8_340_500; // 陕西 (scale.md)
const UNIONS = 141_400;
/** Items holding ciphertext in a province table: every member's roster record; a year of join requests at
 *  2,000 join/transfer decisions a day (scale.md, an upper bound); one 建会 application per union (upper bound).
 *  Upload chunks expire after 7 days: left out. */
const CIPHER_ITEMS: Record<string, number> = { RosterRecord: MEMBERS, JoinRequest: 2_000 * 365, OrgApplication: UNIONS };
/** Items the Scan reads past: per member a profile, a roster binding and an 身份证号/会员号 item; plus a
 *  year of ledger and sign-in items at 2.5 M a day (scale.md's storage row). */
const OTHER_ITEMS = MEMBERS * 3 + 2_500_000 * 365;
const USD_PER_M_READ = 0.125;
const USD_PER_M_WRITE = 0.625;

export interface ProvinceFigures {
  cipherItems: number;
  scanGB: number;
  readUnitsM: number;
  writeUnitsM: number;
  usd: number;
  hoursAtPace: number;
  hoursAt4000: number;
  measured: Record<string, { meanBytes: number; writeUnitsPerItem: number }>;
}

export function provinceEstimate(c: Counts, unitsPerSecond: number) {
  const measured: ProvinceFigures['measured'] = {};
  const missing: string[] = [];
  let writeUnits = 0;
  let cipherBytes = 0;
  for (const [entity, count] of Object.entries(CIPHER_ITEMS)) {
    const m = c.byEntity[entity];
    if (!m?.items) {
      missing.push(entity);
      continue;
    }
    measured[entity] = { meanBytes: Math.round(m.bytes / m.items), writeUnitsPerItem: Number((m.writeUnits / m.items).toFixed(2)) };
    writeUnits += count * (m.writeUnits / m.items);
    cipherBytes += count * (m.bytes / m.items);
  }
  const staleBytes = Object.values(c.byEntity).reduce((s, e) => s + e.bytes, 0);
  const others = c.scanned - c.stale;
  const otherMean = others > 0 ? (c.scannedBytes - staleBytes) / others : 250;
  const scanBytes = cipherBytes + OTHER_ITEMS * otherMean;
  // Scan: eventually consistent, half a unit per 4 KB; a rewrite is a conditional UpdateItem.
  const readUnits = (scanBytes / 4096) * 0.5;
  const figures: ProvinceFigures = {
    cipherItems: Object.values(CIPHER_ITEMS).reduce((a, b) => a + b, 0),
    scanGB: Number((scanBytes / 1e9).toFixed(1)),
    readUnitsM: Number((readUnits / 1e6).toFixed(1)),
    writeUnitsM: Number((writeUnits / 1e6).toFixed(1)),
    usd: Number(((readUnits * USD_PER_M_READ + writeUnits * USD_PER_M_WRITE) / 1e6).toFixed(0)),
    hoursAtPace: Number(((readUnits + writeUnits) / unitsPerSecond / 3600).toFixed(1)),
    hoursAt4000: Number(((readUnits + writeUnits) / 4000 / 3600).toFixed(1)),
    measured,
  };
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const rows = Object.entries(measured).map(([e, m]) => `| ${e} | ${fmt(CIPHER_ITEMS[e])} | ${m.meanBytes} B | ${m.writeUnitsPerItem} |`);
  const markdown = (command: string) => `Computed by \`${command}\` on ${new Date().toISOString().slice(0, 10)} from the items of that table
(${fmt(c.scanned)} read, ${fmt(c.stale)} on an old key), scaled to 陕西 (scripts/lib/pii-rotation-estimate.ts names each count and its source):

| items holding ciphertext | in a province | mean size (measured) | write units per rewrite (item + GSI1) |
|---|---|---|---|
${rows.join('\n')}

- **Scan**: ${figures.scanGB} GB read past (these items, ${fmt(OTHER_ITEMS)} others at ${Math.round(otherMean)} B measured) → ${figures.readUnitsM} M read units.
- **Rewrites**: ${fmt(figures.cipherItems)} conditional updates → ${figures.writeUnitsM} M write units.
- **Cost**: ≈ $${figures.usd} once, at on-demand list prices (scale.md's).
- **Time**: ${figures.hoursAtPace} h at the default pace of ${fmt(unitsPerSecond)} units/s (\`--units-per-second\`), ${figures.hoursAt4000} h at 4,000 units/s (a quiet night:
  the morning sign-in peak itself takes thousands of write units a second, scale.md).${missing.length ? `\n- Not measured (none in the table): ${missing.join(', ')}.` : ''}`;
  const text = `Province estimate (陕西): ${fmt(figures.cipherItems)} items to rewrite, ${figures.scanGB} GB scanned, ${figures.readUnitsM} M read + ${figures.writeUnitsM} M write units ≈ $${figures.usd}; ${figures.hoursAtPace} h at ${fmt(unitsPerSecond)} units/s, ${figures.hoursAt4000} h at 4,000${missing.length ? ` (not measured: ${missing.join(', ')})` : ''}`;
  return { figures, markdown, text };
}
