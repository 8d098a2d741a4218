import {
  enumCode,
  fieldOfHeader,
  type ImportField,
} from '../../../../src/server/contacts/contact-columns.ts';

/** The grid's columns, in the order a district's contact sheet usually has them. */
export const gridColumns = [
  'name',
  'documentNumber',
  'phone',
  'currentAddress',
  'divisionCode',
  'kind',
  'setting',
  'firstExposureAt',
  'lastExposureAt',
  'proximity',
  'durationMinutes',
  'place',
] as const satisfies readonly ImportField[];
export type GridField = (typeof gridColumns)[number];

export type GridRow = { key: number; cells: Partial<Record<GridField, string>> };

/**
 * Tab-separated text as Excel puts it on the clipboard: rows by line, cells by tab, a cell holding a tab or
 * a line break in double quotes (with "" for a quote).
 */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
    } else if (ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text.charAt(i + 1) === '\n') {
        i++;
      }
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

function isGridField(field: ImportField | undefined): field is GridField {
  return gridColumns.some((c) => c === field);
}

/** The fields a pasted header row names, or null when the first line is data (fewer than two known headers). */
export function headerFields(cells: readonly string[]): (GridField | null)[] | null {
  const fields = cells.map((cell) => {
    const field = fieldOfHeader(cell);
    return isGridField(field) ? field : null;
  });
  return fields.filter((f) => f !== null).length >= 2 ? fields : null;
}

/**
 * Pastes a block into the grid at a cell. With a header row the columns go where their headers say (in any
 * order); without one they fill the grid's columns from the cell pasted into. Kinds and proximities in the
 * sheet's words become their codes; rows are added as needed.
 */
export function pasteIntoGrid(
  rows: readonly GridRow[],
  text: string,
  at: { row: number; column: number },
  newKey: () => number,
): GridRow[] {
  const block = parseClipboard(text);
  const header = block[0] ? headerFields(block[0]) : null;
  const data = header ? block.slice(1) : block;
  const targets: (GridField | null)[] = header ?? gridColumns.slice(at.column);
  const startRow = header ? rows.findIndex((r) => Object.keys(r.cells).length === 0) : at.row;
  const first = startRow < 0 ? rows.length : startRow;
  const next = rows.map((r) => ({ ...r, cells: { ...r.cells } }));
  data.forEach((cells, i) => {
    const index = first + i;
    while (next.length <= index) {
      next.push({ key: newKey(), cells: {} });
    }
    const target = next[index];
    if (!target) {
      return;
    }
    cells.forEach((value, c) => {
      const field = targets[c];
      if (field === null || field === undefined) {
        return;
      }
      const trimmed = value.trim();
      target.cells[field] = field === 'kind' || field === 'proximity' ? enumCode(field, trimmed) : trimmed;
    });
  });
  return next;
}

/** True when the row has nothing typed in it (skipped on submit). */
export function isBlank(row: GridRow): boolean {
  return Object.values(row.cells).every((value) => value === undefined || value.trim() === '');
}
