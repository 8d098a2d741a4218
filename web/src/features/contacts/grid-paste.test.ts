import { describe, expect, it } from 'vitest';
import { parseClipboard, pasteIntoGrid, type GridRow } from './grid-paste.ts';

let key = 100;
const newKey = () => ++key;
const empty = (n: number): GridRow[] => Array.from({ length: n }, (_, i) => ({ key: i, cells: {} }));

describe('pasting from Excel into the contacts grid', () => {
  it('splits tab-separated lines, keeping quoted tabs and line breaks inside a cell', () => {
    expect(parseClipboard('a\tb\r\n"c\td"\t"e\nf ""g"""\r\n')).toEqual([
      ['a', 'b'],
      ['c\td', 'e\nf "g"'],
    ]);
    expect(parseClipboard('\n\nx\t\n')).toEqual([['x', '']]);
  });

  it('places columns by a Chinese header row, in any order, and turns the sheet’s words into codes', () => {
    const text =
      '接触类型\t姓名\t末次接触时间\t无关列\n同住\t李明\t2020-01-24 18:00\tx\n共餐\t李红\t2020-01-23 12:00\ty\n';
    const rows = pasteIntoGrid(empty(1), text, { row: 0, column: 3 }, newKey);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.cells).toEqual({ kind: 'household', name: '李明', lastExposureAt: '2020-01-24 18:00' });
    expect(rows[1]?.cells).toEqual({
      kind: 'shared_meal_or_entertainment',
      name: '李红',
      lastExposureAt: '2020-01-23 12:00',
    });
  });

  it('without a header fills the grid’s columns from the cell pasted into, adding rows as needed', () => {
    const rows = pasteIntoGrid(
      empty(2),
      '13800000001\t某小区\n13800000002\t某村',
      { row: 1, column: 2 },
      newKey,
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]?.cells).toEqual({});
    expect(rows[1]?.cells).toEqual({ phone: '13800000001', currentAddress: '某小区' });
    expect(rows[2]?.cells).toEqual({ phone: '13800000002', currentAddress: '某村' });
  });
});
