/**
 * Just enough of ZIP (PKWARE APPNOTE) to read an .xlsx: the central directory, then one entry at a
 * time inflated in small pieces (fflate), counting the bytes it yields. A zip bomb is stopped at the
 * limit, whatever sizes the directory claims; nothing is extracted to disk and no path is trusted.
 */
import { Inflate } from 'fflate';
import { SheetError, ZIP_LOCAL_HEADER as LOCAL, type ByteSource, type SheetLimits } from './source';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const MAX_RATIO = 200;
const notXlsx = () => new SheetError('NOT_A_SPREADSHEET', '文件无法识别：请上传 Excel 工作簿（.xlsx）或 CSV 文件');

/** The entries of the archive's central directory, by name. */
export async function zipEntries(src: ByteSource, limits: SheetLimits): Promise<Map<string, ZipEntry>> {
  // The end record sits in the last 22 bytes plus a comment of up to 65,535.
  const tailLength = Math.min(src.size, 22 + 0xffff);
  const tail = await src.read(src.size - tailLength, tailLength);
  const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw notXlsx();
  const count = tv.getUint16(at + 10, true);
  const size = tv.getUint32(at + 12, true);
  const offset = tv.getUint32(at + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new SheetError('TOO_LARGE', '文件过大（ZIP64），请拆分后分批导入');
  }
  if (count > limits.maxEntries || offset + size > src.size) throw notXlsx();
  const dir = await src.read(offset, size);
  const dv = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || dv.getUint32(p, true) !== CENTRAL) throw notXlsx();
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    const name = new TextDecoder().decode(dir.subarray(p + 46, p + 46 + nameLength));
    entries.set(name, {
      name,
      flags: dv.getUint16(p + 8, true),
      method: dv.getUint16(p + 10, true),
      compressedSize: dv.getUint32(p + 20, true),
      uncompressedSize: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One entry's bytes, inflated piece by piece; throws once more than `limits.maxEntryBytes` came out. */
export async function* entryBytes(src: ByteSource, entry: ZipEntry, limits: SheetLimits): AsyncGenerator<Uint8Array> {
  if (entry.flags & 1) throw new SheetError('NOT_A_SPREADSHEET', '文件已加密，请取消密码保护后再导出');
  const tooBig = () => new SheetError('TOO_LARGE', '文件解压后过大（可能是压缩炸弹），已拒绝；请拆分后分批导入');
  if (entry.uncompressedSize > limits.maxEntryBytes) throw tooBig();
  const head = await src.read(entry.localOffset, 30);
  const hv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length < 30 || hv.getUint32(0, true) !== LOCAL) throw notXlsx();
  let position = entry.localOffset + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
  const end = position + entry.compressedSize;
  if (end > src.size) throw notXlsx();
  if (entry.method !== 0 && entry.method !== 8) throw notXlsx();

  let produced = 0;
  const out: Uint8Array[] = [];
  // Real worksheets deflate 5–30×; past 200× (and a few MB) it is a bomb, whatever the limit allows.
  const ratioLimit = Math.max(4 * 1024 * 1024, entry.compressedSize * MAX_RATIO);
  const inflate = new Inflate((data) => {
    produced += data.length;
    if (produced > limits.maxEntryBytes || produced > ratioLimit) throw tooBig();
    out.push(data);
  });
  // Small compressed pieces: deflate's ratio is at most ≈1:1032, so one piece inflates to ≤ 8 MB.
  const PIECE = 8 * 1024;
  while (position < end) {
    const piece = await src.read(position, Math.min(PIECE, end - position));
    position += piece.length;
    if (entry.method === 0) {
      produced += piece.length;
      if (produced > limits.maxEntryBytes) throw tooBig();
      yield piece;
      continue;
    }
    try {
      inflate.push(piece, position >= end);
    } catch (error) {
      if (error instanceof SheetError) throw error;
      throw notXlsx();
    }
    while (out.length) yield out.shift()!;
  }
}

/** A small entry (workbook, relationships) as text, bounded by `maxBytes`. */
export async function entryText(src: ByteSource, entry: ZipEntry, limits: SheetLimits, maxBytes = 4 * 1024 * 1024): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const piece of entryBytes(src, entry, { ...limits, maxEntryBytes: Math.min(maxBytes, limits.maxEntryBytes) })) parts.push(piece);
  return Buffer.concat(parts).toString('utf8');
}
