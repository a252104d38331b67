/**
 * Two texts as side-by-side rows, from jsdiff's line diff: equal lines face each other; a run of removed lines
 * faces the run of added lines that replaced it (line by line, the rest against blanks). Pure.
 */
import { diffLines } from 'diff';

export type CellKind = 'same' | 'removed' | 'added' | 'empty';

export interface Cell {
  kind: CellKind;
  /** 1-based line number in its text; null for the blank facing an added or removed line. */
  line: number | null;
  text: string;
}

export interface SideBySideRow {
  left: Cell;
  right: Cell;
}

const EMPTY: Cell = { kind: 'empty', line: null, text: '' };

function linesOf(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function sideBySide(before: string, after: string): SideBySideRow[] {
  const withNewline = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
  const changes = diffLines(withNewline(before), withNewline(after));
  const rows: SideBySideRow[] = [];
  let leftLine = 0;
  let rightLine = 0;
  const left = (kind: CellKind, text: string): Cell => ({ kind, line: ++leftLine, text });
  const right = (kind: CellKind, text: string): Cell => ({ kind, line: ++rightLine, text });
  for (let i = 0; i < changes.length; i += 1) {
    const change = changes[i]!;
    if (!change.added && !change.removed) {
      for (const text of linesOf(change.value)) rows.push({ left: left('same', text), right: right('same', text) });
      continue;
    }
    const removed = change.removed ? linesOf(change.value) : [];
    const next = changes[i + 1];
    const added = change.added ? linesOf(change.value) : next?.added ? linesOf(next.value) : [];
    if (change.removed && next?.added) i += 1;
    for (let k = 0; k < Math.max(removed.length, added.length); k += 1) {
      rows.push({
        left: k < removed.length ? left('removed', removed[k]!) : EMPTY,
        right: k < added.length ? right('added', added[k]!) : EMPTY,
      });
    }
  }
  return rows;
}

/** How many rows show a change. */
export function changedRowCount(rows: readonly SideBySideRow[]): number {
  return rows.filter((row) => row.left.kind !== 'same').length;
}
