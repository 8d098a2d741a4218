// Ratios taken round by round: on a shared machine the load changes within seconds, while the medians of
// a benchmark's main table are taken minutes apart (all of saolei's runs, then all of DuckDB's).
import { measure, median } from './timing.ts';

/** One comparison: saolei's work and the other system's, timed back to back in every round. */
export type Pairing = { name: string; saolei: () => unknown; other: () => unknown };

export type PairedResult = { name: string; saolei: number[]; other: number[]; ratios: number[] };

/**
 * Runs `rounds` rounds of every pairing; each round times both sides back to back, alternating which goes
 * first, and takes the ratio of the other's wall time to saolei's. The sides have run before (the medians
 * of the main table), so these are warm calls.
 */
export async function pairedRounds(rounds: number, pairings: Pairing[]): Promise<PairedResult[]> {
  const results: PairedResult[] = pairings.map((p) => ({ name: p.name, saolei: [], other: [], ratios: [] }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, pairing] of pairings.entries()) {
      const result = results[i];
      if (!result) {
        continue;
      }
      const first = round % 2 === 0 ? pairing.saolei : pairing.other;
      const second = round % 2 === 0 ? pairing.other : pairing.saolei;
      const a = (await measure(first)).wall;
      const b = (await measure(second)).wall;
      const [saolei, other] = round % 2 === 0 ? [a, b] : [b, a];
      result.saolei.push(saolei);
      result.other.push(other);
      result.ratios.push(other / saolei);
    }
  }
  return results;
}

/** A Markdown table: per comparison, the medians of both sides and the median and range of the ratios. */
export function formatPaired(results: PairedResult[], other: string): string {
  const lines = results.map((r) => {
    const ratios = [...r.ratios].sort((a, b) => a - b);
    const range = `${(ratios[0] ?? 0).toFixed(1)}–${(ratios[ratios.length - 1] ?? 0).toFixed(1)}×`;
    return (
      `| ${r.name} | ${r.ratios.length} | ${Math.round(median(r.saolei))} | ${Math.round(median(r.other))} | ` +
      `${median(r.ratios).toFixed(1)}× | ${range} |`
    );
  });
  return [
    `| comparison, round by round | rounds | saolei ms | ${other} ms | ${other} / saolei, median | range |`,
    '|---|---:|---:|---:|---:|---:|',
    ...lines,
  ].join('\n');
}
