import fs from 'node:fs';
import path from 'node:path';
import { StoreBusyError, VisitFileError } from '../../server/visits/store-import.ts';
import { errorsCsv, runVisitImport, type ImportProgress } from '../../server/visits/visit-imports.service.ts';
import { CliError } from '../errors.ts';
import { parseFlags } from '../flags.ts';
import { openRuntime } from '../runtime.ts';

/** How many bad rows are printed; all of them are written to FILE.errors.csv. */
const printedBadRows = 10;

function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A progress line on stderr: redrawn in place on a terminal, one line a second otherwise. */
function progressPrinter(startedAt: number): (p: ImportProgress) => void {
  const tty = process.stderr.isTTY;
  let lastPrint = 0;
  let printedFinish = false;
  return ({ bytes, totalBytes, rows }) => {
    const at = Date.now();
    const finished = bytes >= totalBytes;
    // The reader reports the end of the file twice (last chunk, then the empty read).
    if (printedFinish || (lastPrint !== 0 && at - lastPrint < (tty ? 100 : 1000) && !finished)) {
      return;
    }
    printedFinish = finished;
    lastPrint = at;
    const seconds = Math.max((at - startedAt) / 1000, 0.001);
    const fraction = totalBytes > 0 ? bytes / totalBytes : 1;
    const width = 24;
    const filled = Math.round(fraction * width);
    const rate = rows / seconds;
    const eta = fraction > 0 ? (seconds / fraction) * (1 - fraction) : 0;
    const line =
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
      `${formatCount(rows)} rows  ${formatCount(rate)} rows/s  ETA ${eta.toFixed(1)} s`;
    process.stderr.write(tty ? `\r${line}` : `${line}\n`);
  };
}

export async function importCommand(args: string[]): Promise<void> {
  const [what, ...rest] = args;
  if (what !== 'visits') {
    throw new CliError(
      'usage: saolei import visits FILE [--persons-ref FILE] [--places-ref FILE] [--dwell SECONDS]',
      2,
    );
  }
  const { values, positionals } = parseFlags(
    rest,
    {
      'persons-ref': { type: 'string' },
      'places-ref': { type: 'string' },
      dwell: { type: 'string' },
      data: { type: 'string' },
    },
    true,
  );
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) {
    throw new CliError('give one visit file: saolei import visits FILE', 2);
  }
  for (const input of [file, values['persons-ref'], values['places-ref']]) {
    if (input !== undefined && !fs.existsSync(input)) {
      throw new CliError(`no such file: ${input}`, 2);
    }
  }
  const dwell = values.dwell === undefined ? undefined : Number(values.dwell);
  if (dwell !== undefined && (!Number.isInteger(dwell) || dwell < 0)) {
    throw new CliError('--dwell takes a whole number of seconds', 2);
  }
  const { config, db } = await openRuntime({ dataDir: values.data });
  const startedAt = Date.now();
  const tty = process.stderr.isTTY;
  try {
    const outcome = await runVisitImport(db.kysely, {
      dataDir: config.dataDir,
      actor: { audit: { userId: null, username: 'cli', ip: null }, scope: '' },
      file,
      fileName: path.basename(file),
      personsRef: values['persons-ref'],
      placesRef: values['places-ref'],
      dwell,
      onProgress: progressPrinter(startedAt),
    });
    if (tty) {
      process.stderr.write('\n');
    }
    const { visitImport, bad } = outcome;
    const errorsFile = `${file}.errors.csv`;
    fs.writeFileSync(errorsFile, errorsCsv(bad));
    for (const row of bad.slice(0, printedBadRows)) {
      process.stderr.write(`line ${row.line}: ${row.field}: ${row.reason}\n`);
    }
    if (bad.length > printedBadRows) {
      process.stderr.write(`… ${bad.length - printedBadRows} more\n`);
    }
    const seconds = (Date.now() - startedAt) / 1000;
    process.stdout.write(
      `import ${visitImport.id}: ${formatCount(visitImport.rows)} rows imported, ${bad.length} bad rows ` +
        `(${errorsFile}), ${seconds.toFixed(1)} s, ${formatCount(visitImport.rows / Math.max(seconds, 0.001))} rows/s\n`,
    );
  } catch (error) {
    if (error instanceof StoreBusyError || error instanceof VisitFileError) {
      throw new CliError(error.message);
    }
    throw error;
  } finally {
    await db.close();
  }
}
