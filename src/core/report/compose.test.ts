import { describe, expect, it } from 'vitest';
import { blankReportInput } from './blank.ts';
import { composeInvestigationReport, requiredSectionTitles } from './compose.ts';
import type { DocBlock, InvestigationReportInput, ReportDocument } from './types.ts';

const header: InvestigationReportInput['header'] = {
  caseNumber: 'LS-2020-0001',
  reportingUnit: '离石区疾病预防控制中心',
  kind: 'initial',
  number: 1,
  reportedAt: '2020-01-25T10:00:00.000Z',
  recipients: ['市疾控中心', '区卫健局'],
};

function full(): InvestigationReportInput {
  const input = blankReportInput(header, { name: '张某' });
  input.discovery = {
    route: 'clinic_visit',
    institution: '吕梁市人民医院',
    receivedAt: '2020-01-24T19:00:00.000Z',
    dispatchedAt: '2020-01-24T19:08:00.000Z',
    arrivedAt: '2020-01-24T19:14:00.000Z',
    classification: 'suspected',
    severity: 'moderate',
    diagnosedAt: null,
  };
  input.person = { ...input.person, sex: 'male', age: 45, currentAddress: '离石区某小区' };
  input.health.underlyingDiseases = ['高血压'];
  input.travel = [
    { from: '2020-01-10', to: '2020-01-18', place: '湖北省武汉市', purpose: '探亲', transport: '火车' },
  ];
  input.trajectory = [
    {
      startAt: '2020-01-22T02:00:00.000Z',
      endAt: '2020-01-22T02:30:00.000Z',
      placeName: '离石区某大药房',
      address: '离石区某街',
      activity: '购药',
      transportKind: 'walk',
      vehicleNumber: null,
      seat: null,
      companions: null,
      protection: '未戴口罩',
      evidence: [
        { source: 'e_payment', reference: '微信支付 10:12', confidence: 'high' },
        { source: 'self_report', reference: null, confidence: 'medium' },
      ],
    },
    {
      startAt: '2020-01-21T06:00:00.000Z',
      endAt: '2020-01-21T17:00:00.000Z',
      placeName: '离石区某购物中心',
      address: null,
      activity: '购物',
      transportKind: 'taxi',
      vehicleNumber: '晋J·T1234',
      seat: null,
      companions: '妻子',
      protection: null,
      evidence: [{ source: 'cctv', reference: '商场监控 2 号门', confidence: 'high' }],
    },
  ];
  input.contacts = [
    { kind: 'close', identified: 12, traced: 12, sampled: 10, placed: 12 },
    { kind: 'close', identified: 3, traced: 2, sampled: 0, placed: 1 },
  ];
  input.measures = ['病例收治于定点医院', ''];
  input.recommendations = ['暂停某诊所诊疗活动'];
  return input;
}

function allText(doc: ReportDocument): string {
  const blockText = (b: DocBlock): string[] => {
    switch (b.type) {
      case 'paragraph':
        return [b.label ?? '', b.text];
      case 'fields':
        return b.rows.flatMap((r) => [r.label, r.value]);
      case 'table':
        return [...b.columns, ...b.rows.flat()];
      case 'list':
        return b.items;
    }
  };
  return [
    doc.title,
    doc.subtitle,
    ...doc.sections.flatMap((s) => [s.title, ...s.blocks.flatMap(blockText)]),
  ].join('\n');
}

function section(doc: ReportDocument, key: string) {
  const found = doc.sections.find((s) => s.key === key);
  if (!found) {
    throw new Error(`no section ${key}`);
  }
  return found;
}

function cells(doc: ReportDocument, key: string): string[] {
  return section(doc, key).blocks.flatMap((b) =>
    b.type === 'table'
      ? b.rows.flat()
      : b.type === 'fields'
        ? b.rows.map((r) => r.value)
        : b.type === 'list'
          ? b.items
          : [b.text],
  );
}

describe('composing the 流调报告', () => {
  it('carries the ten section titles of the national outline as headings, in order', () => {
    for (const input of [full(), blankReportInput(header, { name: '李某' })]) {
      const titles = composeInvestigationReport(input).sections.map((s) => s.title);
      const positions = requiredSectionTitles.map((t) =>
        titles.findIndex((title) => title.endsWith(`、${t}`)),
      );
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
  });

  it('numbers the sections with Chinese numerals and names the kind and version', () => {
    const doc = composeInvestigationReport(full());
    expect(doc.sections[0]?.title).toBe('一、发现与报告经过');
    expect(doc.sections[1]?.title).toBe('二、基本情况');
    expect(doc.title).toBe('LS-2020-0001病例流行病学调查报告');
    expect(doc.subtitle).toBe('初次报告（第1版）');
    expect(doc.header).toContainEqual({ label: '报送单位', value: '市疾控中心、区卫健局' });
    expect(doc.header).toContainEqual({ label: '报告时间', value: '2020年01月25日 18:00' });
  });

  it('never leaves a field blank: an empty case reads 无 or 不详 everywhere', () => {
    const doc = composeInvestigationReport(blankReportInput(header, { name: '李某' }));
    for (const s of doc.sections) {
      expect(s.blocks.length, s.title).toBeGreaterThan(0);
      for (const value of cells(doc, s.key)) {
        expect(value.trim(), s.title).not.toBe('');
      }
    }
    expect(cells(doc, 'basic')).toContain('不详');
    expect(cells(doc, 'health')[0]).toBe('无');
    expect(cells(doc, 'visits')).toEqual(['无']);
    expect(cells(doc, 'measures')).toEqual(['无']);
    expect(doc.signOff.every((f) => f.value.trim() !== '')).toBe(true);
  });

  it('shows zero contacts of every kind until contacts exist, and sums rows of one kind', () => {
    const empty = composeInvestigationReport(blankReportInput(header, { name: '李某' }));
    expect(section(empty, 'contacts').blocks[0]).toMatchObject({
      type: 'table',
      rows: [
        ['密切接触者', '0', '0', '0', '0'],
        ['密接的密接', '0', '0', '0', '0'],
        ['一般接触者', '0', '0', '0', '0'],
      ],
    });
    const doc = composeInvestigationReport(full());
    expect(section(doc, 'contacts').blocks[0]).toMatchObject({
      rows: [['密切接触者', '15', '14', '10', '13'], expect.anything(), expect.anything()],
    });
  });

  it('lists the trajectory oldest first, in local time, with every evidence item and its confidence', () => {
    const doc = composeInvestigationReport(full());
    const table = section(doc, 'contact').blocks.find((b) => b.type === 'table');
    expect(table?.type).toBe('table');
    if (table?.type !== 'table') {
      return;
    }
    expect(table.columns).toEqual([
      '时间',
      '地点',
      '活动',
      '交通方式',
      '同行人员/防护',
      '证据来源（可信度）',
    ]);
    expect(table.rows[0]?.[0]).toBe('01月21日 14:00—\n01月22日 01:00');
    expect(table.rows[0]?.[3]).toBe('出租车/网约车\n车次/车牌 晋J·T1234');
    expect(table.rows[0]?.[5]).toBe('监控视频（高）：商场监控 2 号门');
    expect(table.rows[1]?.[0]).toBe('01月22日\n10:00—10:30');
    expect(table.rows[1]?.[1]).toBe('离石区某大药房（离石区某街）');
    expect(table.rows[1]?.[4]).toBe('防护：未戴口罩');
    expect(table.rows[1]?.[5]).toBe('电子支付凭证（高）：微信支付 10:12；\n本人陈述（中）');
  });

  it('translates case codes and keeps unknown ones as they are', () => {
    const input = full();
    input.discovery.route = 'hotline';
    const values = cells(composeInvestigationReport(input), 'discovery');
    expect(values).toContain('hotline');
    expect(values).toContain('疑似病例');
    expect(values).toContain('普通型');
    expect(values).toContain('2020年01月25日 03:00');
  });

  it('writes an exposure’s dates as a range and its suspected source, with 不详 when unknown', () => {
    const input = full();
    input.exposure.rows = [
      { from: '2020-01-15', to: '2020-01-19', setting: '湖北省武汉市', description: '出差' },
      { from: null, to: null, setting: null, description: '接触发热同事' },
    ];
    const doc = composeInvestigationReport(input);
    expect(cells(doc, 'exposure')).toEqual([
      '2020年01月15日—2020年01月19日',
      '湖北省武汉市',
      '出差',
      '不详',
      '不详',
      '接触发热同事',
      '不详',
      '无',
    ]);
  });

  it('drops blank measures, numbers the rest, and marks an approximate onset', () => {
    const input = full();
    input.onset = {
      date: '2020-01-23',
      approximate: true,
      symptoms: [{ name: '发热', date: '2020-01-23' }],
      notes: null,
    };
    const doc = composeInvestigationReport(input);
    expect(cells(doc, 'measures')).toEqual(['1. 病例收治于定点医院']);
    expect(cells(doc, 'onset')).toEqual(['2020年01月23日（约）', '发热（2020年01月23日）', '无']);
    expect(allText(doc)).toContain('湖北省武汉市');
  });
});
