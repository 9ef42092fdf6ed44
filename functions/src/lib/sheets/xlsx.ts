/**
 * Reads the first worksheet of an .xlsx (Office Open XML) as rows of typed cells, streaming: the
 * shared-string table first (bounded in count and characters), then the sheet's XML through a strict
 * streaming parser (saxes: no DTD processing, no external entities), one row at a time.
 * Formulas are reported, never evaluated.
 */
import { SaxesParser } from 'saxes';
import { entryBytes, entryText, zipEntries, type ZipEntry } from './zip';
import { SheetError, type ByteSource, type SheetLimits } from './source';

export interface Cell {
  /** The text of the cell, or a number's shortest decimal form. */
  value: string;
  type: 'string' | 'number' | 'boolean' | 'error';
  formula: boolean;
}
export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  /** Cells by 0-based column index. */
  cells: Cell[];
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);
const notXlsx = () => new SheetError('NOT_A_SPREADSHEET', '文件无法识别：请上传 Excel 工作簿（.xlsx）或 CSV 文件');

/** `BC12` → 54 (0-based column of the reference). */
export function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** The column letters of a 0-based index: 0 → A, 27 → AB. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parser(): SaxesParser {
  const p = new SaxesParser({ position: false });
  p.on('error', () => {
    throw notXlsx();
  });
  return p;
}

async function feed(src: ByteSource, entry: ZipEntry, limits: SheetLimits, p: SaxesParser) {
  const decoder = new TextDecoder('utf-8');
  for await (const piece of entryBytes(src, entry, limits)) p.write(decoder.decode(piece, { stream: true }));
  p.write(decoder.decode());
  p.close();
}

/** Which part holds the first sheet (workbook.xml → its relationship), and the 1904 date system flag. */
async function firstSheet(src: ByteSource, entries: Map<string, ZipEntry>, limits: SheetLimits) {
  const workbook = entries.get('xl/workbook.xml');
  if (!workbook) throw notXlsx();
  let rid: string | undefined;
  let date1904 = false;
  const wb = parser();
  wb.on('opentag', (tag) => {
    const name = local(tag.name);
    if (name === 'sheet' && !rid) rid = Object.entries(tag.attributes).find(([k]) => local(k) === 'id' && k !== 'sheetId')?.[1] as string | undefined;
    if (name === 'workbookPr') date1904 = ['1', 'true'].includes(String(tag.attributes.date1904 ?? ''));
  });
  wb.write(await entryText(src, workbook, limits)).close();
  let target = 'xl/worksheets/sheet1.xml';
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (rid && rels) {
    const rp = parser();
    rp.on('opentag', (tag) => {
      if (local(tag.name) === 'Relationship' && tag.attributes.Id === rid) {
        const t = String(tag.attributes.Target ?? '');
        target = t.startsWith('/') ? t.slice(1) : `xl/${t}`;
      }
    });
    rp.write(await entryText(src, rels, limits)).close();
  }
  const sheet = entries.get(target);
  if (!sheet) throw notXlsx();
  return { sheet, date1904 };
}

async function sharedStrings(src: ByteSource, entries: Map<string, ZipEntry>, limits: SheetLimits): Promise<string[]> {
  const entry = entries.get('xl/sharedStrings.xml');
  if (!entry) return [];
  const strings: string[] = [];
  let chars = 0;
  let current: string | undefined;
  let inText = false;
  let inPhonetic = false;
  const p = parser();
  p.on('opentag', (tag) => {
    const name = local(tag.name);
    if (name === 'si') current = '';
    else if (name === 'rPh') inPhonetic = true;
    else if (name === 't' && !inPhonetic) inText = true;
  });
  p.on('text', (text) => {
    if (inText && current !== undefined) current += text;
  });
  p.on('closetag', (tag) => {
    const name = local(tag.name);
    if (name === 't') inText = false;
    else if (name === 'rPh') inPhonetic = false;
    else if (name === 'si' && current !== undefined) {
      strings.push(current);
      chars += current.length;
      current = undefined;
      if (strings.length > limits.maxSharedStrings || chars > limits.maxSharedChars) {
        throw new SheetError('TOO_LARGE', '文件中的文字内容过多，请拆分后分批导入');
      }
    }
  });
  await feed(src, entry, limits, p);
  return strings;
}

/** The rows of the first worksheet, in order; empty rows are skipped by Excel and here. */
export async function* xlsxRows(src: ByteSource, limits: SheetLimits): AsyncGenerator<SheetRow> {
  const entries = await zipEntries(src, limits);
  const { sheet } = await firstSheet(src, entries, limits);
  const shared = await sharedStrings(src, entries, limits);

  const ready: SheetRow[] = [];
  let row: SheetRow | undefined;
  let rowNumber = 0;
  let cell: { col: number; t: string; v: string; inline: string; formula: boolean } | undefined;
  let nextCol = 0;
  let capture: 'v' | 't' | 'f' | undefined;
  const p = parser();
  p.on('opentag', (tag) => {
    const name = local(tag.name);
    if (name === 'row') {
      const r = Number(tag.attributes.r);
      rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
      row = { row: rowNumber, cells: [] };
      nextCol = 0;
    } else if (name === 'c' && row) {
      const ref = String(tag.attributes.r ?? '');
      const col = ref ? columnIndex(ref) : nextCol;
      if (col < 0 || col >= limits.maxColumns) throw new SheetError('HEADERS', `第 ${rowNumber} 行的列数过多`);
      cell = { col, t: String(tag.attributes.t ?? 'n'), v: '', inline: '', formula: false };
      nextCol = col + 1;
    } else if (cell && (name === 'v' || name === 't' || name === 'f')) {
      capture = name;
      if (name === 'f') cell.formula = true;
    }
  });
  p.on('text', (text) => {
    if (!cell || !capture || capture === 'f') return;
    if (capture === 'v') cell.v += text;
    else cell.inline += text;
    if (cell.v.length + cell.inline.length > limits.maxCellChars) throw new SheetError('TOO_LARGE', `第 ${rowNumber} 行有过长的单元格内容`);
  });
  p.on('closetag', (tag) => {
    const name = local(tag.name);
    if (name === 'v' || name === 't' || name === 'f') capture = undefined;
    else if (name === 'c' && row && cell) {
      let value: Cell;
      if (cell.t === 's') {
        const s = shared[Number(cell.v)];
        if (s === undefined) throw notXlsx();
        value = { value: s, type: 'string', formula: cell.formula };
      } else if (cell.t === 'inlineStr') value = { value: cell.inline, type: 'string', formula: cell.formula };
      else if (cell.t === 'str') value = { value: cell.v, type: 'string', formula: cell.formula };
      else if (cell.t === 'b') value = { value: cell.v === '1' ? 'TRUE' : 'FALSE', type: 'boolean', formula: cell.formula };
      else if (cell.t === 'e') value = { value: cell.v, type: 'error', formula: cell.formula };
      else value = { value: cell.v, type: 'number', formula: cell.formula };
      row.cells[cell.col] = value;
      cell = undefined;
    } else if (name === 'row' && row) {
      ready.push(row);
      row = undefined;
    }
  });
  // Rows complete as the XML streams in: yield them after each piece, so memory holds a piece's rows.
  const decoder = new TextDecoder('utf-8');
  for await (const piece of entryBytes(src, sheet, limits)) {
    p.write(decoder.decode(piece, { stream: true }));
    while (ready.length) yield ready.shift()!;
  }
  p.write(decoder.decode());
  p.close();
  while (ready.length) yield ready.shift()!;
}
