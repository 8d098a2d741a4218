import fs from 'node:fs';
import ExcelJS from 'exceljs';

function csvField(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  let text: string;
  if (value instanceof Date) {
    // Spreadsheet dates carry no zone; exceljs reads them as UTC, which is what an ISO time with Z says.
    text = value.toISOString();
  } else if (typeof value === 'object') {
    text =
      'text' in value && typeof value.text === 'string'
        ? value.text
        : 'result' in value
          ? String(value.result)
          : '';
  } else {
    text = String(value);
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Converts the first worksheet of an .xlsx visit file to CSV with the streaming reader (rows are written
 * as they are read), so that the one visit reader handles both formats.
 */
export async function xlsxToCsv(source: string, target: string): Promise<void> {
  const out = fs.createWriteStream(target);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
  });
  for await (const worksheet of reader) {
    // Rows are sparse (an empty last cell is absent), so every row is written as wide as the header.
    let width = 0;
    for await (const row of worksheet) {
      const values: ExcelJS.CellValue[] = Array.isArray(row.values) ? row.values.slice(1) : [];
      width = width === 0 ? values.length : width;
      const cells = Array.from({ length: Math.max(width, values.length) }, (_, i) => csvField(values[i]));
      const line = `${cells.join(',')}\n`;
      if (!out.write(line)) {
        await new Promise<void>((resolve) => out.once('drain', resolve));
      }
    }
    // Only the first worksheet holds the log.
    break;
  }
  out.end();
  await done;
}
