/**
 * CSV as Excel writes it on Chinese Windows: UTF-8 with or without a BOM ("CSV UTF-8"), or GBK
 * ("CSV (逗号分隔)", a subset of GB18030). The encoding is detected on the first 64 KB: a BOM, else
 * strict UTF-8, else GB18030. Decoding is the runtime's own WHATWG TextDecoder (Node's full ICU, as in
 * Lambda's nodejs22.x): no code-page tables in the bundle (iconv-lite would add ≈ 440 KB of them; the
 * tests encode their GBK fixtures with iconv-lite and check the round trip). Streaming: one decoded
 * piece at a time, one row at a time.
 */
import { SheetError, type SheetLimits } from './source';
import type { SheetRow } from './xlsx';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

const SAMPLE = 64 * 1024;
// Fails at cold start, loudly, on a Node built without full ICU (no GB18030 decoder).
new TextDecoder('gb18030');

/** Detects the encoding of the sample (the file's first bytes). `complete`: the sample is the whole file. */
export function detectEncoding(sample: Uint8Array, complete: boolean): CsvEncoding {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    throw new SheetError('NOT_A_SPREADSHEET', '不支持 Unicode 文本（UTF-16）格式，请在 Excel 中另存为“CSV UTF-8”或 Excel 工作簿');
  }
  if (sample.includes(0)) throw new SheetError('NOT_A_SPREADSHEET', '文件无法识别：请上传 Excel 工作簿（.xlsx）或 CSV 文件');
  try {
    // stream: a multi-byte character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** Decoded text of a byte stream, encoding detected on its first 64 KB. */
export async function* decodeText(bytes: AsyncIterable<Uint8Array>, onEncoding?: (e: CsvEncoding) => void): AsyncGenerator<string> {
  const iterator = bytes[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < SAMPLE) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headLength += next.value.length;
  }
  const sample = Buffer.concat(head);
  const encoding = detectEncoding(sample.subarray(0, SAMPLE), done && sample.length <= SAMPLE);
  onEncoding?.(encoding);
  // TextDecoder drops a UTF-8 BOM itself (ignoreBOM: false).
  const decoder = new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8');
  const first = decoder.decode(sample, { stream: true });
  if (first) yield first;
  while (!done) {
    const next = await iterator.next();
    if (next.done) break;
    const text = decoder.decode(next.value, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * RFC 4180 rows (quoted fields, doubled quotes, CRLF or LF; a tab-separated file is recognised by its
 * first line). Every cell is text: CSV has no types, so a 身份证号 that Excel turned into a number shows
 * up as `6.10113E+17` or with its last digits zeroed, and the row validation says so.
 */
export async function* csvRows(text: AsyncIterable<string>, limits: SheetLimits): AsyncGenerator<SheetRow> {
  let delimiter: string | undefined;
  let field = '';
  let cells: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let row = 1;
  const ready: SheetRow[] = [];
  const endField = () => {
    cells.push(field);
    field = '';
    afterQuote = false;
    if (cells.length > limits.maxColumns) throw new SheetError('HEADERS', `第 ${row} 行的列数过多`);
  };
  const endRow = () => {
    endField();
    if (cells.some((c) => c.trim() !== '')) ready.push({ row, cells: cells.map((value) => ({ value, type: 'string', formula: false })) });
    cells = [];
    row++;
  };
  let pendingCr = false;
  for await (const piece of text) {
    if (delimiter === undefined) {
      const firstLine = piece.split(/\r?\n/)[0];
      delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
    }
    for (let i = 0; i < piece.length; i++) {
      const ch = piece[i];
      if (pendingCr) {
        pendingCr = false;
        if (ch === '\n') continue;
      }
      if (quoted) {
        if (ch === '"') {
          if (piece[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            // The closing quote — or, at the end of a piece, the first of a doubled one (see below).
            quoted = false;
            afterQuote = true;
          }
        } else field += ch;
      } else if (ch === '"' && afterQuote) {
        // `""` split across two pieces: an escaped quote inside a quoted field.
        field += '"';
        quoted = true;
        afterQuote = false;
      } else if (ch === '"' && field === '') quoted = true;
      else if (ch === delimiter) endField();
      else if (ch === '\n') endRow();
      else if (ch === '\r') {
        endRow();
        pendingCr = true;
      } else {
        afterQuote = false;
        field += ch;
      }
      if (field.length > limits.maxCellChars) throw new SheetError('TOO_LARGE', `第 ${row} 行有过长的单元格内容`);
    }
    while (ready.length) yield ready.shift()!;
  }
  if (field !== '' || cells.length) endRow();
  while (ready.length) yield ready.shift()!;
}
