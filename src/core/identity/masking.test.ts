import { describe, expect, it } from 'vitest';
import { maskAddress, maskDocumentNumber, maskName, maskPhone } from './masking.ts';

describe('masking', () => {
  it('masks an ID number to its address code and last four', () => {
    expect(maskDocumentNumber('142701199001011234')).toBe('142701********1234');
    expect(maskDocumentNumber('E12345678')).toBe('E******78');
    expect(maskDocumentNumber('AB1')).toBe('***');
  });

  it('masks phones', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0358-8221234')).toBe('0358-****234');
  });

  it('masks names', () => {
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳锋锋')).toBe('欧**锋');
    expect(maskName('王')).toBe('*');
    expect(maskName('John Smith')).toBe('J*** S****');
  });

  it('truncates addresses after the street, town or township', () => {
    expect(maskAddress('山西省吕梁市离石区莲花池街道龙凤社区滨河小区3号楼2单元501')).toBe(
      '山西省吕梁市离石区莲花池街道***',
    );
    expect(maskAddress('离石区信义镇吴城村12号')).toBe('离石区信义镇***');
    expect(maskAddress('离石区永宁中路28号')).toBe('离石区永宁中路***');
    expect(maskAddress('幸福家园5号楼')).toBe('幸福家***');
  });
});
