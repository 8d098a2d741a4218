import bwipjs from 'bwip-js/node';
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { specimenName } from './day-list.ts';
import type { DayList } from './samples.schema.ts';

/** 宋体 body and 黑体 headings, as in the investigation report (src/server/reports/investigation-docx.ts). */
const SONG = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' };
const HEI = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = {
  top: border,
  bottom: border,
  left: border,
  right: border,
  insideHorizontal: border,
  insideVertical: border,
};
const statusNames: Record<string, string> = {
  planned: '待采',
  collected: '已采',
  received: '已送检',
  tested: '已检测',
};

const cell = (text: string, bold = false) =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, font: bold ? HEI : SONG, size: 21 })] })],
  });

const header = ['序号', '样本编号', '姓名', '电话', '地址', '样本类型', '采样事项', '状态', '签名'];

/** The day list as a printable .docx: one table per village or site, with a signature column. */
export async function dayListDocx(list: DayList, title: string): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      heading: HeadingLevel.TITLE,
      children: [new TextRun({ text: `${title} ${list.date} 采样清单`, font: HEI, size: 32 })],
    }),
    new Paragraph({
      children: [
        new TextRun({ text: `共 ${list.total} 份，已采 ${list.collected} 份`, font: SONG, size: 24 }),
      ],
    }),
  ];
  for (const group of list.groups) {
    children.push(
      new Paragraph({
        spacing: { before: 240 },
        children: [
          new TextRun({
            text: `${group.kind === 'site' ? '隔离点' : '村（社区）'}：${group.name}（${group.entries.length} 份）`,
            font: HEI,
            size: 24,
          }),
        ],
      }),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        borders,
        rows: [
          new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
          ...group.entries.map(
            (e, i) =>
              new TableRow({
                children: [
                  cell(String(i + 1)),
                  cell(e.code),
                  cell(e.name),
                  cell(e.phone ?? ''),
                  cell(e.address ?? ''),
                  cell(specimenName(e.specimen)),
                  cell(e.label ?? ''),
                  cell(statusNames[e.status] ?? e.status),
                  cell(''),
                ],
              }),
          ),
        ],
      }),
    );
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

export async function dayListWorkbook(list: DayList): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`采样清单 ${list.date}`);
  sheet.addRow(['村（社区）/隔离点', ...header.slice(0, -1)]);
  for (const group of list.groups) {
    group.entries.forEach((e, i) => {
      sheet.addRow([
        group.name,
        i + 1,
        e.code,
        e.name,
        e.phone ?? '',
        e.address ?? '',
        specimenName(e.specimen),
        e.label ?? '',
        statusNames[e.status] ?? e.status,
      ]);
    });
  }
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A Code 128 barcode of the sample code, as PNG. */
export async function barcodePng(code: string): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: 'code128',
    text: code,
    scale: 2,
    height: 10,
    includetext: true,
    textxalign: 'center',
  });
}

/** Label sheet: three labels a row, each with the barcode, the code, the name and the specimen. */
export async function labelSheetDocx(list: DayList): Promise<Buffer> {
  const entries = list.groups.flatMap((g) => g.entries.map((e) => ({ ...e, group: g.name })));
  const labels = await Promise.all(
    entries.map(
      async (e) =>
        new TableCell({
          width: { size: 33, type: WidthType.PERCENTAGE },
          children: [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [
                new ImageRun({
                  type: 'png',
                  data: await barcodePng(e.code),
                  transformation: { width: 180, height: 50 },
                }),
              ],
            }),
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [
                new TextRun({ text: `${e.name} ${specimenName(e.specimen)}`, font: SONG, size: 18 }),
              ],
            }),
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ text: `${e.group} ${list.date}`, font: SONG, size: 16 })],
            }),
          ],
        }),
    ),
  );
  const rows: TableRow[] = [];
  for (let i = 0; i < labels.length; i += 3) {
    const row = labels.slice(i, i + 3);
    while (row.length < 3) {
      row.push(new TableCell({ children: [new Paragraph('')] }));
    }
    rows.push(new TableRow({ children: row }));
  }
  const children =
    rows.length === 0
      ? [new Paragraph('')]
      : [new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders, rows })];
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
