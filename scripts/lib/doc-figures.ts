/**
 * Figures in the docs are written by the script that measured them, never typed: a script replaces the
 * block between `<!-- figures:<name> -->` and `<!-- /figures:<name> -->` in a doc with what it measured.
 * The file is rewritten only when the block changed, so a run that measures the same leaves git clean.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export function writeFigures(name: string, markdown: string, doc = 'docs/design.md'): void {
  const path = join(root, doc);
  const text = readFileSync(path, 'utf8');
  const open = `<!-- figures:${name} -->`;
  const close = `<!-- /figures:${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`${doc} has no ${open} … ${close} block`);
  const next = `${text.slice(0, start + open.length)}\n${markdown.trim()}\n${text.slice(end)}`;
  if (next !== text) writeFileSync(path, next);
}
