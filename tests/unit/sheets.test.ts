/** The roster reader on its own: CSV across piece boundaries, encoding detection, OOXML cell kinds, bombs. */
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { csvRows, decodeText, detectEncoding } from '../../functions/src/lib/sheets/csv';
import { bufferSource, sheetRows, UPLOAD_LIMITS, SheetError } from '../../functions/src/lib/sheets';
import { xlsx, zipBomb } from '../fixtures/roster-files';

async function rowsOf(pieces: string[]) {
  const out: string[][] = [];
  async function* gen() {
    yield* pieces;
  }
  for await (const r of csvRows(gen(), UPLOAD_LIMITS)) out.push(r.cells.map((c) => c.value));
  return out;
}

async function all(buf: Buffer) {
  const out: { row: number; cells: { value: string; type: string; formula: boolean }[] }[] = [];
  for await (const r of sheetRows(bufferSource(buf), UPLOAD_LIMITS)) out.push({ row: r.row, cells: Array.from(r.cells, (c) => c ?? { value: '', type: 'string', formula: false }) });
  return out;
}

describe('CSV', () => {
  const text = '姓名,备注\r\n"王,小明","他说""你好"""\r\n\r\n李四,"两\n行"\n赵五,\n';
  const expected = [['姓名', '备注'], ['王,小明', '他说"你好"'], ['李四', '两\n行'], ['赵五', '']];
  it('reads quoted fields, doubled quotes, CRLF/LF and skips empty lines', async () => {
    expect(await rowsOf([text])).toEqual(expected);
  });
  it('gives the same rows however the text is cut into pieces', async () => {
    for (let cut = 1; cut < text.length; cut++) expect(await rowsOf([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(expected);
  });
  it('detects GBK, UTF-8 and a BOM; a character cut at the sample edge is still UTF-8', async () => {
    const gbk = iconv.encode('姓名,身份证号\r\n王小明,610102199001011234\r\n', 'gbk');
    expect(detectEncoding(gbk, true)).toBe('gb18030');
    let decoded = '';
    for await (const t of decodeText((async function* () { yield gbk; })())) decoded += t;
    expect(decoded).toBe('姓名,身份证号\r\n王小明,610102199001011234\r\n');
    expect(detectEncoding(Buffer.from('\uFEFF姓名'), true)).toBe('utf-8-bom');
    const utf8 = Buffer.from('王'.repeat(30_000));
    expect(detectEncoding(utf8.subarray(0, 64 * 1024), false)).toBe('utf-8');
    expect(() => detectEncoding(Buffer.from([0xff, 0xfe, 0x31, 0x00]), true)).toThrow(SheetError);
  });
});

describe('xlsx', () => {
  it('reads shared, inline and rich-text strings, numbers and formulas, by column reference', async () => {
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>手机号</t></is></c></row>
      <row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3"><v>610113199001011000</v></c><c r="C3" t="str"><f>A1&amp;"x"</f><v>姓名x</v></c></row>
    </sheetData></worksheet>`;
    const shared = '<sst><si><t>姓名</t></si><si><r><t>王</t></r><r><t>小明</t></r><rPh><t>わん</t></rPh></si></sst>';
    const rows = await all(xlsx([], { 'xl/worksheets/sheet1.xml': sheet, 'xl/sharedStrings.xml': shared }));
    expect(rows.map((r) => r.row)).toEqual([1, 3]);
    expect(rows[0].cells.map((c) => c.value)).toEqual(['姓名', '', '手机号']);
    expect(rows[1].cells[0]).toEqual({ value: '王小明', type: 'string', formula: false });
    expect(rows[1].cells[1]).toEqual({ value: '610113199001011000', type: 'number', formula: false });
    expect(rows[1].cells[2]).toMatchObject({ value: '姓名x', formula: true });
  });
  it('stops a zip bomb that lies about its size, and refuses a document type declaration', async () => {
    await expect(all(zipBomb(40))).rejects.toMatchObject({ code: 'TOO_LARGE' });
    const dtd = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>';
    await expect(all(xlsx([], { 'xl/worksheets/sheet1.xml': dtd }))).rejects.toMatchObject({ code: 'NOT_A_SPREADSHEET' });
  });
});
