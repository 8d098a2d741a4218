import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { MatchRows } from '../../core/colocation/types.ts';
import { compareIdKeys, externalIdKey, type VisitDictionaries } from '../../core/colocation/id-dictionary.ts';
import type { BadRow } from '../../core/colocation/visit-csv.ts';

const rowsPerWrite = 50_000;

/** Quotes a CSV field only when it needs it. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Writes a file through a temporary one renamed at the end, so that a failed run never leaves a truncated
 * result under the requested name.
 */
function writeReplacing(path: string, write: (file: number) => void): void {
  const temporary = `${path}.partial`;
  const file = openSync(temporary, 'w');
  try {
    write(file);
  } finally {
    closeSync(file);
  }
  renameSync(temporary, path);
}

/** Writes the engine's rows with the files' own ids (see writeReplacing). */
export function writeMatchCsv(
  path: string,
  rows: MatchRows,
  dictionaries: VisitDictionaries,
  locationColumn: 'place_id' | 'cell_id',
): void {
  const person = fieldsOf(dictionaries.person);
  const caseId = fieldsOf(dictionaries.caseId);
  const location = fieldsOf(locationColumn === 'place_id' ? dictionaries.place : dictionaries.cell);
  writeReplacing(path, (file) => {
    writeSync(file, `${matchHeader(locationColumn)}\n`);
    for (let from = 0; from < rows.length; from += rowsPerWrite) {
      let text = '';
      for (let r = from; r < Math.min(from + rowsPerWrite, rows.length); r++) {
        text += `${person(rows.person[r] ?? 0)},${caseId(rows.caseId[r] ?? 0)},${location(rows.location[r] ?? 0)},${rows.overlap[r] ?? 0}\n`;
      }
      writeSync(file, text);
    }
  });
}

function matchHeader(locationColumn: 'place_id' | 'cell_id'): string {
  return `person_id,case_id,${locationColumn},overlap_seconds`;
}

/**
 * Writes match rows given as external ids (the database mode's candidates), in the file mode's order:
 * by person, case and location, integers numerically before text (compareIdKeys; each id's key is made
 * once, not at every comparison).
 */
export function writeExternalMatchCsv(
  path: string,
  rows: { person: string; caseId: string; location: string; overlap: number }[],
  locationColumn: 'place_id' | 'cell_id',
): void {
  const keyed = rows.map((row) => ({
    row,
    person: externalIdKey(row.person),
    caseId: externalIdKey(row.caseId),
    location: externalIdKey(row.location),
  }));
  keyed.sort(
    (a, b) =>
      compareIdKeys(a.person, b.person) ||
      compareIdKeys(a.caseId, b.caseId) ||
      compareIdKeys(a.location, b.location),
  );
  const lines = keyed.map(
    ({ row: r }) => `${csvField(r.person)},${csvField(r.caseId)},${csvField(r.location)},${r.overlap}\n`,
  );
  writeReplacing(path, (file) => writeSync(file, `${matchHeader(locationColumn)}\n${lines.join('')}`));
}

/**
 * The CSV field of a dense id: integer ids are written as they are (no quoting to check); a column with
 * textual ids quotes them when needed, each id once.
 */
function fieldsOf(dictionary: VisitDictionaries['person']): (id: number) => string {
  if (dictionary.allIntegers) {
    return (id) => dictionary.label(id);
  }
  const fields: string[] = [];
  return (id) => (fields[id] ??= csvField(dictionary.label(id)));
}

export type FileBadRows = { file: string; rows: BadRow[] };

/** Every bad row, in full, next to the output; a stale errors file from an earlier run is removed. */
export function writeErrorsCsv(path: string, bad: FileBadRows[]): number {
  const count = bad.reduce((total, { rows }) => total + rows.length, 0);
  if (count === 0) {
    rmSync(path, { force: true });
    return 0;
  }
  const lines = ['file,line,field,reason\n'];
  for (const { file, rows } of bad) {
    for (const row of rows) {
      lines.push(`${csvField(file)},${row.line},${csvField(row.field)},${csvField(row.reason)}\n`);
    }
  }
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, lines.join(''));
  } finally {
    closeSync(fd);
  }
  return count;
}

/** The one-paragraph stderr summary of bad rows: the count and the first few. */
export function badRowSummary(bad: FileBadRows[], errorsPath: string, shown = 5): string {
  const all = bad.flatMap(({ file, rows }) => rows.map((row) => ({ file, ...row })));
  if (all.length === 0) {
    return '';
  }
  const first = all
    .slice(0, shown)
    .map((row) => `  ${row.file} line ${row.line}, ${row.field}: ${row.reason}`)
    .join('\n');
  return `${all.length} bad row${all.length === 1 ? '' : 's'} left out (all in ${errorsPath}):\n${first}\n`;
}

/** A progress line for a TTY, redrawn in place at most five times a second. */
export function progressReporter(stream: NodeJS.WriteStream, label: string) {
  const started = performance.now();
  let lastDraw = 0;
  return {
    update(bytes: number, rows: number, totalBytes: number): void {
      const now = performance.now();
      if (!stream.isTTY || now - lastDraw < 200) {
        return;
      }
      lastDraw = now;
      const seconds = (now - started) / 1000;
      const rate = rows / Math.max(seconds, 1e-3);
      const share = totalBytes > 0 ? bytes / totalBytes : 1;
      const eta = share > 0 ? (seconds / share) * (1 - share) : 0;
      stream.write(
        `\r${label}: ${(share * 100).toFixed(0)}%  ${rows.toLocaleString('en')} rows  ${Math.round(rate).toLocaleString('en')} rows/s  ETA ${eta.toFixed(0)} s   `,
      );
    },
    done(): void {
      if (stream.isTTY && lastDraw > 0) {
        stream.write('\r\u001b[2K');
      }
    },
  };
}

/**
 * The process's peak resident memory in MiB. On Linux from /proc (VmHWM): the maxRSS of getrusage
 * carries over the parent's peak into a process it spawned, so a small run started by a large one would
 * report the parent's figure.
 */
export function peakMemoryMb(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) {
      return Math.round(Number(match[1]) / 1024);
    }
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
