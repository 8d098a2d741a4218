import { describe, expect, it } from 'vitest';
import { parseCt, parseLabTime, parseQualitative, readLabRow, type ColumnMapping } from './lab-row.ts';

const zone = 'Asia/Shanghai';
const now = new Date('2020-02-01T00:00:00.000Z');
const mapping: ColumnMapping = {
  code: '样本编号',
  testedAt: '检测时间',
  orf1abCt: 'ORF1ab Ct',
  nCt: 'N Ct',
  igm: 'IgM',
  igg: 'IgG',
  lab: '实验室',
};

describe('lab rows', () => {
  it('reads Ct values into per-target results', () => {
    const read = readLabRow(
      {
        样本编号: 'S000000013',
        检测时间: '2020-01-27 02:00',
        'ORF1ab Ct': '28.5',
        'N Ct': '未检出',
        实验室: '市疾控',
      },
      mapping,
      zone,
      now,
    );
    expect(read).toEqual({
      row: {
        code: 'S000000013',
        testedAt: '2020-01-26T18:00:00.000Z',
        lab: '市疾控',
        entries: [
          { target: 'ORF1ab', ct: 28.5, result: 'positive' },
          { target: 'N', ct: null, result: 'negative' },
        ],
      },
    });
  });
  it('reports every problem by column', () => {
    const read = readLabRow(
      { 样本编号: '', 检测时间: '2020-02-30 10:00', 'ORF1ab Ct': '46', 'N Ct': 'abc', IgM: 'maybe' },
      mapping,
      zone,
      now,
    );
    expect('problems' in read && read.problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'code:required',
      'testedAt:bad_date',
      'orf1abCt:ct_range',
      'nCt:number',
      'igm:qualitative',
    ]);
  });
  it('refuses a test time in the future', () => {
    const read = readLabRow(
      { 样本编号: 'S1', 检测时间: '2020-02-03 10:00', 'ORF1ab Ct': '30' },
      mapping,
      zone,
      now,
    );
    expect('problems' in read && read.problems).toEqual([{ field: 'testedAt', code: 'in_future' }]);
  });
  it('an overall result column stands for both NAT targets', () => {
    const read = readLabRow(
      { code: 'S1', at: '2020-01-27T02:00:00+08:00', r: '阴性' },
      { code: 'code', testedAt: 'at', result: 'r' },
      zone,
      now,
    );
    expect('row' in read && read.row.entries).toEqual([
      { target: 'ORF1ab', ct: null, result: 'negative' },
      { target: 'N', ct: null, result: 'negative' },
    ]);
  });
  it('a row with no result is refused', () => {
    const read = readLabRow({ code: 'S1', at: '2020-01-27' }, { code: 'code', testedAt: 'at' }, zone, now);
    expect('problems' in read && read.problems).toEqual([{ field: 'result', code: 'required' }]);
  });
  it('parses cells', () => {
    expect(parseCt('0')).toEqual({ ct: 0 });
    expect(parseCt('45')).toEqual({ ct: 45 });
    expect(parseCt('45.1')).toEqual({ problem: 'ct_range' });
    expect(parseCt('-3')).toEqual({ problem: 'number' });
    expect(parseQualitative('POS')).toBe('positive');
    expect(parseQualitative('阴性')).toBe('negative');
    expect(parseQualitative('?')).toBeNull();
    expect(parseLabTime('2020/1/5 9:30', zone)).toBe('2020-01-05T01:30:00.000Z');
    expect(parseLabTime('2020-01-05T09:30:00Z', zone)).toBe('2020-01-05T09:30:00.000Z');
    expect(parseLabTime('2020-13-05', zone)).toBeNull();
    expect(parseLabTime('yesterday', zone)).toBeNull();
  });
});
