import ExcelJS from 'exceljs';
import type { DailyReportInput } from '../../core/daily-report/types.ts';
import { classificationOrder, regimeLabels, statusLabels } from '../../core/daily-report/compose.ts';
import { caseCodeLabel } from '../../core/report/labels.ts';
import { dateTime } from '../../core/report/format.ts';

const label = (code: string | null) => (code === null ? '' : (caseCodeLabel(code) ?? code));

function sheet(
  workbook: ExcelJS.Workbook,
  name: string,
  header: string[],
  rows: Array<Array<string | number>>,
): void {
  const ws = workbook.addWorksheet(name);
  ws.addRow(header).font = { bold: true };
  for (const row of rows) {
    ws.addRow(row);
  }
  ws.columns.forEach((column) => {
    column.width = 18;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The 疫情日报 as a workbook: one sheet per section, numbers as numbers so that they can be summed. */
export async function renderDailyXlsx(input: DailyReportInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'saolei';
  const classes = [
    ...classificationOrder,
    ...Object.keys({ ...input.cumulative, ...input.newCases.today }).filter(
      (c) => !(classificationOrder as readonly string[]).includes(c),
    ),
  ];
  sheet(
    workbook,
    '概况',
    ['分类', '当日新增', '前一日新增', '累计'],
    classes.map((c) => [
      label(c),
      input.newCases.today[c] ?? 0,
      input.newCases.yesterday[c] ?? 0,
      input.cumulative[c] ?? 0,
    ]),
  );
  sheet(
    workbook,
    '零新增',
    ['地区', '末例确诊日期', '零新增天数'],
    [
      [
        input.jurisdiction,
        input.zeroStreak.jurisdiction.lastConfirmedOn ?? '',
        input.zeroStreak.jurisdiction.days ?? '',
      ],
      ...input.zeroStreak.divisions.map((d) => [d.name, d.lastConfirmedOn ?? '', d.days ?? '']),
    ],
  );
  sheet(
    workbook,
    '新增病例',
    [
      '病例编号',
      '姓名',
      '性别',
      '年龄',
      '现住址',
      '分类',
      '临床分型',
      '发病日期',
      '报告时间',
      '发现途径',
      '医院',
      '密接人数',
    ],
    input.cases.map((c) => [
      c.caseNumber,
      c.name,
      label(c.sex),
      c.age ?? '',
      c.division,
      label(c.classification),
      label(c.severity),
      c.onsetDate ?? '',
      dateTime(c.receivedAt, input.timeZone),
      label(c.discoveryRoute),
      c.hospital ?? '',
      c.contacts,
    ]),
  );
  sheet(
    workbook,
    '密接管理',
    ['项目', '人数'],
    [
      ['累计判定', input.contacts.total],
      ...Object.entries(input.contacts.byStatus).map(([s, n]): [string, number] => [statusLabels[s] ?? s, n]),
      ['当日应解除', input.contacts.releasesDueToday],
      ['逾期未解除', input.contacts.releasesOverdue],
      ['转为病例', input.contacts.becameCases],
      ...input.contacts.underObservation.map((o): [string, number] => [
        `${regimeLabels[o.regime] ?? o.regime} ${o.site ?? ''}`.trim(),
        o.count,
      ]),
    ],
  );
  sheet(
    workbook,
    '采样检测',
    ['项目', '人次'],
    [
      ['当日应检测', input.tests.dueToday],
      ['当日已完成', input.tests.doneToday],
      ['逾期未检测', input.tests.pendingOverdue],
      ['累计阳性', input.tests.positive],
    ],
  );
  sheet(
    workbook,
    '场所措施',
    ['措施'],
    input.measures.map((m) => [m]),
  );
  sheet(workbook, '工作建议', ['建议'], [[input.recommendations]]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
