import { open } from 'node:fs/promises';
import { VisitCsvParser, type VisitCsvOptions } from '../../core/colocation/visit-csv.ts';

export type ReadProgress = (bytes: number, rows: number, totalBytes: number) => void;

const chunkBytes = 8 << 20;

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
  const parser = new VisitCsvParser(options);
  const handle = await open(path, 'r');
  try {
    const totalBytes = (await handle.stat()).size;
    let buffer = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(totalBytes, 1 << 16)));
    let filled = 0;
    let bytesRead = 0;
    let sized = false;
    for (;;) {
      if (filled === buffer.length) {
        // One record longer than the buffer: grow it rather than fail.
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
      }
      const read = await handle.read(buffer, filled, buffer.length - filled, null);
      filled += read.bytesRead;
      bytesRead += read.bytesRead;
      const final = read.bytesRead === 0;
      const consumed = parser.parse(buffer, 0, filled, final);
      if (!sized && parser.rows > 0) {
        sized = true;
        parser.reserve(Math.ceil(((totalBytes / consumed) * parser.rows + 1024) * 1.02));
      }
      onProgress?.(bytesRead, parser.rows, totalBytes);
      if (final) {
        return parser;
      }
      buffer.copyWithin(0, consumed, filled);
      filled -= consumed;
    }
  } finally {
    await handle.close();
  }
}
