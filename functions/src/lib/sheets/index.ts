/** One entry point for every roster file: .xlsx by its ZIP signature, anything else read as CSV. */
import type { SheetRow } from './xlsx';
import { csvRows, decodeText, type CsvEncoding } from './csv';
import { SheetError, looksLikeZip, type ByteSource, type SheetLimits } from './source';

export type { SheetRow, Cell } from './xlsx';
export { SheetError, UPLOAD_LIMITS, bufferSource, fileSource, type ByteSource, type SheetLimits } from './source';

export type SheetFormat = 'xlsx' | CsvEncoding;

/** The rows of the file's first sheet. `onFormat` is told which reader and encoding were chosen. */
export async function* sheetRows(src: ByteSource, limits: SheetLimits, onFormat?: (f: SheetFormat) => void): AsyncGenerator<SheetRow> {
  if (src.size === 0) throw new SheetError('EMPTY', '文件是空的');
  const head = await src.read(0, 8);
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new SheetError('NOT_A_SPREADSHEET', '不支持旧版 Excel 97-2003（.xls）文件，请在 Excel 中另存为 .xlsx 后上传');
  }
  if (looksLikeZip(head)) {
    onFormat?.('xlsx');
    // The .xlsx reader (ZIP inflate, XML parser) is loaded on the first .xlsx only: most cold starts of
    // this function answer a status or a commit and never read a spreadsheet.
    const { xlsxRows } = await import('./xlsx');
    yield* xlsxRows(src, limits);
    return;
  }
  yield* csvRows(decodeText(src.stream(), onFormat), limits);
}
