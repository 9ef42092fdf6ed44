/**
 * The roster's columns and the rules for one row, shared by the upload route and the import command.
 * Every problem is reported with the row number Excel shows and the column's Chinese name, so a cadre
 * can fix the file and upload it again.
 */
import type { Org } from '@union/shared/orgs';
import { PHONE_PATTERN, idNumberProblem, normaliseIdNumber } from '@union/shared/id-number';
import { chinaDay } from '@union/shared/china-day';
import { SheetError, type Cell, type SheetRow } from '../lib/sheets';

export const ROSTER_COLUMNS = ['姓名', '身份证号', '手机号', '会员号', '入会日期', '基层工会'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
const REQUIRED: RosterColumn[] = ['姓名', '身份证号'];

/** Header spellings found in real rosters, mapped to the column they mean. */
const ALIASES: Record<string, RosterColumn> = {
  姓名: '姓名', 会员姓名: '姓名', 名字: '姓名',
  身份证号: '身份证号', 身份证号码: '身份证号', 公民身份号码: '身份证号', 身份证: '身份证号',
  手机号: '手机号', 手机号码: '手机号', 手机: '手机号', 联系电话: '手机号',
  会员号: '会员号', 会员编号: '会员号', 会员证号: '会员号',
  入会日期: '入会日期', 入会时间: '入会日期',
  基层工会: '基层工会', 所属工会: '基层工会', 基层工会名称: '基层工会', 工会名称: '基层工会',
};

/** `*姓名（必填）` → `姓名`. */
const cleanHeader = (h: string) => h.replace(/[\s\uFEFF*＊]/g, '').replace(/[（(]必填[）)]|[（(]选填[）)]/g, '');

export interface RowError {
  row: number;
  column: string;
  message: string;
}

/** A valid row, normalised. */
export interface RosterRow {
  row: number;
  name: string;
  idNumber: string;
  phone?: string;
  memberNo?: string;
  joinedOn?: string;
  orgId: string;
}

/** Finds the union a row names: by id, or by exact name inside the import's union. */
export type UnionResolver = (value: string) => Promise<Org | undefined>;

/** Maps the header row to columns; unknown, duplicate or missing headers refuse the whole file. */
export function rosterHeaders(header: SheetRow): Map<number, RosterColumn> {
  const columns = new Map<number, RosterColumn>();
  const unknown: string[] = [];
  const seen = new Set<RosterColumn>();
  header.cells.forEach((cell, index) => {
    const text = cleanHeader(cell?.value ?? '');
    if (!text) return;
    const column = ALIASES[text];
    if (!column) return unknown.push(text);
    if (seen.has(column)) throw new SheetError('HEADERS', `表头“${column}”出现了两次`, [{ path: 'headers', message: `重复的列：${column}` }]);
    seen.add(column);
    columns.set(index, column);
  });
  const missing = REQUIRED.filter((c) => !seen.has(c));
  if (unknown.length || missing.length) {
    const parts = [
      ...(unknown.length ? [`无法识别的表头：${unknown.slice(0, 5).join('、')}`] : []),
      ...(missing.length ? [`缺少必填列：${missing.join('、')}`] : []),
    ];
    throw new SheetError('HEADERS', `${parts.join('；')}。第一行应为表头：${ROSTER_COLUMNS.join('、')}（手机号、会员号、入会日期、基层工会可省略）`, [
      ...unknown.map((h) => ({ path: 'headers', message: `无法识别的表头：${h}` })),
      ...missing.map((h) => ({ path: 'headers', message: `缺少必填列：${h}` })),
    ]);
  }
  return columns;
}

export const ID_AS_NUMBER_MESSAGE = '身份证号被 Excel 存成了数字，后几位已经丢失：请把该列设置为“文本”格式，重新填写后再导出';

/**
 * Excel's classic accident: an 身份证号 typed into a General cell becomes a number with 15 significant
 * digits — `6.10113E+17` in a CSV, or 18 digits ending in zeros. The number is damaged; never import it.
 */
function idStoredAsNumber(cell: Cell | undefined, text: string): boolean {
  if (cell?.type === 'number') return true;
  if (/^\d+(\.\d+)?E\+?\d+$/i.test(text)) return true;
  return /^\d{16,18}$/.test(text) && /000$/.test(text) && idNumberProblem(text) !== undefined;
}

/** `2019-03-01`, `2019/3/1`, `2019.3.1`, `2019年3月1日`, or an Excel date serial. */
function parseDate(cell: Cell, today: string): string | undefined {
  let y: number, m: number, d: number;
  if (cell.type === 'number') {
    const serial = Number(cell.value);
    if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return undefined;
    const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else {
    const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+[\d:]+)?$/.exec(cell.value.trim());
    if (!match) return undefined;
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  const iso = date.toISOString().slice(0, 10);
  return iso >= '1925-01-01' && iso <= today ? iso : undefined;
}

const NAME_PATTERN = /^[\u3400-\u9fff\uf900-\ufaff·•A-Za-z\s]+$/;

/** A number cell as the integer it shows (phones and member numbers typed as numbers are fine). */
const integerText = (cell: Cell) => (cell.type === 'number' && Number.isSafeInteger(Number(cell.value)) ? String(Number(cell.value)) : cell.value.trim());

/**
 * Checks rows one by one. `importOrg` is the union the import is for: rows without a 基层工会 belong to
 * it; a named union must be a basic union inside it. Unions outside are collected (`outOfScope`) —
 * the caller refuses the whole file for them.
 */
export class RosterRowChecker {
  private readonly seen = new Map<string, number>();
  private readonly unions = new Map<string, Promise<Org | undefined>>();
  readonly outOfScope: RowError[] = [];
  private readonly today: string;
  private readonly trackDuplicates: boolean;

  constructor(
    private readonly columns: Map<number, RosterColumn>,
    private readonly importOrg: Org,
    private readonly resolve: UnionResolver,
    opts: { now: Date; trackDuplicates?: boolean },
  ) {
    this.today = chinaDay(opts.now);
    this.trackDuplicates = opts.trackDuplicates ?? true;
  }

  private union(value: string) {
    let found = this.unions.get(value);
    if (!found) this.unions.set(value, (found = this.resolve(value)));
    return found;
  }

  async check(sheetRow: SheetRow): Promise<{ row?: RosterRow; errors: RowError[] }> {
    const errors: RowError[] = [];
    const at = sheetRow.row;
    const cells = new Map<RosterColumn, Cell>();
    for (const [index, column] of this.columns) {
      const cell = sheetRow.cells[index];
      if (cell?.formula) {
        throw new SheetError('FORMULA', `第 ${at} 行“${column}”列含有公式。名册中不能有公式：请复制该列后“选择性粘贴 → 数值”，保存后再上传`, [
          { path: `row ${at} ${column}`, message: '单元格含有公式' },
        ]);
      }
      if (cell && cell.value.trim() !== '') cells.set(column, cell);
    }
    if (cells.size === 0) return { errors };
    const fail = (column: RosterColumn, message: string) => errors.push({ row: at, column, message });

    const name = (cells.get('姓名')?.value ?? '').replace(/\s+/g, ' ').trim();
    if (!name) fail('姓名', '姓名不能为空');
    else if ([...name].length < 2 || [...name].length > 30 || !NAME_PATTERN.test(name)) fail('姓名', '姓名应为 2–30 个汉字或字母，可含间隔号');

    const idCell = cells.get('身份证号');
    const idText = (idCell?.value ?? '').replace(/\s+/g, '');
    let idNumber = '';
    if (!idText) fail('身份证号', '身份证号不能为空');
    else if (idStoredAsNumber(idCell, idText)) fail('身份证号', ID_AS_NUMBER_MESSAGE);
    else {
      const problem = idNumberProblem(idText, new Date(`${this.today}T23:59:59+08:00`));
      if (problem) fail('身份证号', problem);
      else {
        idNumber = normaliseIdNumber(idText);
        if (this.trackDuplicates) {
          const first = this.seen.get(idNumber);
          if (first !== undefined) fail('身份证号', `与第 ${first} 行的身份证号重复`);
          else this.seen.set(idNumber, at);
        }
      }
    }

    let phone: string | undefined;
    const phoneCell = cells.get('手机号');
    if (phoneCell) {
      phone = integerText(phoneCell).replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
      if (!PHONE_PATTERN.test(phone)) fail('手机号', '手机号应为 11 位大陆手机号码');
    }

    let memberNo: string | undefined;
    const memberCell = cells.get('会员号');
    if (memberCell) {
      memberNo = integerText(memberCell).toUpperCase();
      if (!/^[A-Z0-9-]{4,32}$/.test(memberNo)) fail('会员号', '会员号应为 4–32 位字母、数字或连字符');
    }

    let joinedOn: string | undefined;
    const dateCell = cells.get('入会日期');
    if (dateCell) {
      joinedOn = parseDate(dateCell, this.today);
      if (!joinedOn) fail('入会日期', '入会日期无效，应为 2019-03-01 这样的日期，且不晚于今天');
    }

    let orgId = this.importOrg.id;
    const unionCell = cells.get('基层工会');
    if (unionCell) {
      const value = unionCell.value.trim();
      const org = await this.union(value);
      if (!org) fail('基层工会', `找不到工会“${value}”：请填写工会编号，或在本工会范围内的准确全称`);
      else if (!org.path.startsWith(this.importOrg.path)) {
        const outside = { row: at, column: '基层工会', message: `“${org.name}”不在${this.importOrg.name}范围内` };
        this.outOfScope.push(outside);
        errors.push(outside);
      }
      else if (org.level !== 'basic') fail('基层工会', `“${org.name}”不是基层工会，会员只能登记在基层工会`);
      else orgId = org.id;
    } else if (this.importOrg.level !== 'basic') fail('基层工会', `请填写会员所在的基层工会（${this.importOrg.name}不是基层工会）`);

    if (errors.length) return { errors };
    return { row: { row: at, name, idNumber, phone, memberNo, joinedOn, orgId }, errors };
  }
}
