import { open } from 'node:fs/promises';
import { VisitCsvParser, type VisitCsvOptions } from '../../core/colocation/visit-csv.ts';

export type ReadProgress = (bytes: number, rows: number, totalBytes: number) => void;

const chunkBytes = 8 << 20;
const quote = 34;

/**
 * Part of a file: bytes [from, to), read after `header` (the file's first line) when it starts later;
 * the columns are sized for `sizeFor` bytes of rows (default: the range's).
 */
export type ByteRange = { from: number; to: number; header?: Uint8Array; sizeFor?: number };

/**
 * Streams a visit CSV file into a parser: large reads into one reused buffer, the unconsumed tail of a
 * chunk (an incomplete record) moved to the front before the next read. Memory is the buffer plus the
 * columns, which are sized from the first chunk's bytes per row.
 */
export async function readVisitFile(
  path: string,
  options: VisitCsvOptions,
  onProgress?: ReadProgress,
): Promise<VisitCsvParser> {
  return (await readVisitRange(path, options, undefined, onProgress)).parser;
}

/**
 * readVisitFile over a byte range; also says whether the range held a quote character, since a quoted
 * field may hold a line break, which makes a split of the file at a line break unsafe.
 */
export async function readVisitRange(
  path: string,
  options: VisitCsvOptions,
  range: ByteRange | undefined,
  onProgress?: ReadProgress,
): Promise<{ parser: VisitCsvParser; sawQuote: boolean }> {
  const parser = new VisitCsvParser(options);
  if (range?.header) {
    parser.parse(range.header, 0, range.header.length, false);
  }
  const handle = await open(path, 'r');
  try {
    const fileBytes = (await handle.stat()).size;
    const from = range?.from ?? 0;
    const end = Math.min(range?.to ?? fileBytes, fileBytes);
    const totalBytes = end - from;
    let buffer = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(totalBytes, 1 << 16)));
    let filled = 0;
    let bytesRead = 0;
    let sized = false;
    let sawQuote = false;
    for (;;) {
      if (filled === buffer.length) {
        // One record longer than the buffer: grow it rather than fail.
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
      }
      const wanted = Math.min(buffer.length - filled, totalBytes - bytesRead);
      const read =
        wanted > 0 ? await handle.read(buffer, filled, wanted, from + bytesRead) : { bytesRead: 0 };
      sawQuote ||= read.bytesRead > 0 && buffer.subarray(filled, filled + read.bytesRead).includes(quote);
      filled += read.bytesRead;
      bytesRead += read.bytesRead;
      const final = read.bytesRead === 0;
      const consumed = parser.parse(buffer, 0, filled, final);
      if (!sized && parser.rowsRead > 0) {
        sized = true;
        const expected = range?.sizeFor ?? totalBytes;
        parser.reserve(Math.ceil(((expected / consumed) * parser.rows + 1024) * 1.02));
      }
      onProgress?.(bytesRead, parser.rowsRead, totalBytes);
      if (final) {
        return { parser, sawQuote };
      }
      buffer.copyWithin(0, consumed, filled);
      filled -= consumed;
    }
  } finally {
    await handle.close();
  }
}
