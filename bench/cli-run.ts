// `saolei match contacts` as a user runs it, for the co-location benchmark: one process from the two CSV
// files to the CSV of candidates (start-up, reading, readying the engine while the second thread reads,
// the query, writing).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { medianOf, type Sample } from './timing.ts';

export type CliRuns = {
  sample: Sample;
  /** Medians over the runs of the figures the command's summary line reports. */
  matchMs: number;
  /** The warm-up's time, median over the runs that had one (NaN if none did), and how many did. */
  readyMs: number;
  readied: number;
  peakMb: number;
  kept: number;
};

export async function runMatchCli(
  runs: number,
  files: { visits: string; caseVisits: string; out: string; dwell: number },
): Promise<CliRuns> {
  const logs: string[] = [];
  const sample = await medianOf(runs, async () => {
    const args = [
      'bin/saolei.js',
      'match',
      'contacts',
      '--visits',
      files.visits,
      '--case-visits',
      files.caseVisits,
    ];
    const { stderr } = await promisify(execFile)(
      process.execPath,
      [...args, '--out', files.out, '--dwell', String(files.dwell)],
      { maxBuffer: 1 << 24 },
    );
    logs.push(stderr);
  });
  const figure = (pattern: RegExp) => {
    const figures = logs
      .map((line) => Number(pattern.exec(line)?.[1] ?? NaN))
      .filter((value) => !Number.isNaN(value))
      .sort((a, b) => a - b);
    return figures[figures.length >> 1] ?? NaN;
  };
  const readiedPattern = /readied the engine in (\d+) ms/;
  return {
    sample,
    matchMs: figure(/matched in (\d+) ms/),
    readyMs: figure(readiedPattern),
    readied: logs.filter((line) => readiedPattern.test(line)).length,
    peakMb: figure(/peak memory (\d+) MB/),
    kept: figure(/kept the (\d+) visits/),
  };
}
