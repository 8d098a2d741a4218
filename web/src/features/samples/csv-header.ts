import type { MappingKey } from '../../../../src/core/lab/lab-row.ts';

/** The header cells of a CSV's first line (quoted cells allowed), without a byte-order mark. */
export function headerOf(text: string): string[] {
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (c === '"' && quoted && line[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells.filter((c) => c !== '');
}

// How lab systems usually name their columns; the user corrects the guess before importing.
const guesses: Array<[MappingKey, RegExp]> = [
  ['orf1abResult', /orf1ab.*(结果|result|定性)/i],
  ['orf1abCt', /orf1ab/i],
  ['nResult', /^n(基因)?.*(结果|result|定性)/i],
  ['nCt', /^n(基因)?\s*(ct|值)?(值)?$/i],
  ['igm', /igm/i],
  ['igg', /igg/i],
  ['code', /样本|标本|条码|barcode|sample|code|编号/i],
  ['testedAt', /检测时间|报告时间|时间|日期|time|date|tested/i],
  ['lab', /实验室|检测机构|lab/i],
  ['result', /结果|result/i],
];

export function guessMapping(header: readonly string[]): Partial<Record<MappingKey, string>> {
  const mapping: Partial<Record<MappingKey, string>> = {};
  const used = new Set<string>();
  for (const [key, pattern] of guesses) {
    const column = header.find((h) => !used.has(h) && pattern.test(h));
    if (column !== undefined && mapping[key] === undefined) {
      mapping[key] = column;
      used.add(column);
    }
  }
  return mapping;
}
