import type { Page } from './ports';

/** Pages of a listing read to the end (export, 注销), so a long ledger is taken whole. */
export async function all<T>(read: (limit: number, cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(100, cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
