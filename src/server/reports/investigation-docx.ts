import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { DocBlock, ReportDocument } from '../../core/report/types.ts';

/**
 * Chinese government documents set body text in 宋体 and headings in 黑体. The eastAsia slot is what
 * Word uses for Chinese characters; ascii/hAnsi are set to the same face so digits and Latin letters in
 * case numbers and plates do not fall back to a Western font of another height.
 */
const SONG = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' };
const HEI = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };

/** Sizes in half-points: 小二 18 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt. */
const SIZE = { title: 36, subtitle: 28, heading: 28, body: 24, table: 21 };

/** A4 in twentieths of a point, with 2.54 cm margins all round so that the six-column trajectory table has room. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1440, bottom: 1440, left: 1440, right: 1440 };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const tableBorders = {
  top: border,
  bottom: border,
  left: border,
  right: border,
  insideHorizontal: border,
  insideVertical: border,
};

/** Runs for a text that may hold line breaks ("a；\nb" → two lines in one cell). */
function runs(value: string, options: IRunOptions): TextRun[] {
  return value
    .split('\n')
    .map((line, i) => new TextRun({ ...options, text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

function body(value: string, label?: string): Paragraph {
  const children = label
    ? [
        new TextRun({ text: `${label}：`, font: HEI, size: SIZE.body }),
        ...runs(value, { font: SONG, size: SIZE.body }),
      ]
    : runs(value, { font: SONG, size: SIZE.body });
  return new Paragraph({
    children,
    spacing: { after: 80, line: 360 },
    indent: { firstLine: 480 },
  });
}

function cell(value: string, widthTwips: number, header: boolean): TableCell {
  return new TableCell({
    width: { size: widthTwips, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    ...(header ? { shading: { fill: 'E7E6E6' } } : {}),
    children: [
      new Paragraph({
        alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: runs(value, { font: header ? HEI : SONG, size: SIZE.table }),
      }),
    ],
  });
}

function table(columns: string[], rows: string[][], weights?: number[]): Table {
  const w = weights && weights.length === columns.length ? weights : columns.map(() => 1);
  const total = w.reduce((a, b) => a + b, 0);
  const widths = w.map((x) => Math.floor((TEXT_WIDTH * x) / total));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: tableBorders,
    rows: [
      new TableRow({
        tableHeader: true,
        children: columns.map((c, i) => cell(c, widths[i] ?? 0, true)),
      }),
      ...rows.map(
        (row) =>
          new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, widths[i] ?? 0, false)) }),
      ),
    ],
  });
}

/** A label/value list as a two-column bordered table, the way 个案调查表 fields are usually laid out. */
function fieldsTable(rows: Array<{ label: string; value: string }>): Table {
  const widths = [Math.floor(TEXT_WIDTH * 0.28), TEXT_WIDTH - Math.floor(TEXT_WIDTH * 0.28)];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: tableBorders,
    rows: rows.map(
      (r) =>
        new TableRow({
          cantSplit: true,
          children: [cell(r.label, widths[0] ?? 0, true), cell(r.value, widths[1] ?? 0, false)],
        }),
    ),
  });
}

const spacer = () => new Paragraph({ children: [], spacing: { after: 60 } });

function block(b: DocBlock): Array<Paragraph | Table> {
  switch (b.type) {
    case 'paragraph':
      return [body(b.text, b.label)];
    case 'list':
      return b.items.map((item) => body(item));
    case 'fields':
      return [fieldsTable(b.rows), spacer()];
    case 'table': {
      const caption = b.caption
        ? [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              spacing: { before: 120, after: 60 },
              keepNext: true,
              children: [new TextRun({ text: b.caption, font: HEI, size: SIZE.table })],
            }),
          ]
        : [];
      return [...caption, table(b.columns, b.rows, b.widths), spacer()];
    }
  }
}

/** Renders a composed 流调报告 as an A4 .docx (Word 2007+ format). */
export async function renderInvestigationDocx(doc: ReportDocument): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [new TextRun({ text: doc.title, font: HEI, size: SIZE.title, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: doc.subtitle, font: SONG, size: SIZE.subtitle })],
    }),
    fieldsTable(doc.header),
    spacer(),
  ];
  for (const section of doc.sections) {
    children.push(
      new Paragraph({
        spacing: { before: 240, after: 120 },
        keepNext: true,
        children: [new TextRun({ text: section.title, font: HEI, size: SIZE.heading })],
      }),
    );
    for (const b of section.blocks) {
      children.push(...block(b));
    }
  }
  children.push(new Paragraph({ children: [], spacing: { before: 360 } }));
  for (const f of doc.signOff) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { after: 60 },
        children: [new TextRun({ text: `${f.label}：${f.value}`, font: SONG, size: SIZE.body })],
      }),
    );
  }

  const document = new Document({
    creator: 'saolei',
    title: doc.title,
    styles: { default: { document: { run: { font: SONG, size: SIZE.body } } } },
    sections: [
      {
        properties: { page: { size: A4, margin: MARGIN } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
                    font: SONG,
                    size: 18,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
