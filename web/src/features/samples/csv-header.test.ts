import { describe, expect, it } from 'vitest';
import { guessMapping, headerOf } from './csv-header.ts';

describe('reading a lab file’s header', () => {
  it('splits quoted cells and drops a byte-order mark', () => {
    expect(headerOf('\uFEFF样本编号,"检测时间",ORF1ab,"N, Ct"\r\nS1,2020-01-28 20:00,,\n')).toEqual([
      '样本编号',
      '检测时间',
      'ORF1ab',
      'N, Ct',
    ]);
  });

  it('guesses the columns of a Chinese lab export and of an English one', () => {
    expect(guessMapping(['样本编号', '检测时间', '检测机构', 'ORF1ab', 'N', 'IgM', 'IgG'])).toEqual({
      code: '样本编号',
      testedAt: '检测时间',
      lab: '检测机构',
      orf1abCt: 'ORF1ab',
      nCt: 'N',
      igm: 'IgM',
      igg: 'IgG',
    });
    expect(
      guessMapping(['Sample', 'Tested', 'ORF1ab Ct', 'ORF1ab result', 'N Ct', 'N result', 'Result']),
    ).toEqual({
      code: 'Sample',
      testedAt: 'Tested',
      orf1abCt: 'ORF1ab Ct',
      orf1abResult: 'ORF1ab result',
      nCt: 'N Ct',
      nResult: 'N result',
      result: 'Result',
    });
  });
});
