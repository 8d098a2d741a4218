/** One measurement: wall-clock and process CPU time (user + system, all threads) in milliseconds. */
export type Sample = { wall: number; cpu: number };

export async function measure(work: () => unknown): Promise<Sample> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Medians of `runs` measurements; `setup` runs before each, untimed. */
export async function medianOf(
  runs: number,
  work: () => unknown,
  setup: () => unknown = () => undefined,
): Promise<Sample> {
  const samples: Sample[] = [];
  for (let run = 0; run < runs; run++) {
    await setup();
    samples.push(await measure(work));
  }
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)) };
}

export type TableRow = { step: string; rows: number; saolei: Sample; duckdb: Sample; sqlite: Sample };

const ms = (sample: Sample) => `${Math.round(sample.wall)} (${Math.round(sample.cpu)})`;
const ratio = (other: Sample, saolei: Sample) =>
  `${(other.wall / saolei.wall).toFixed(1)}× (${(other.cpu / saolei.cpu).toFixed(1)}×)`;

/** A Markdown table: medians in ms as "wall (cpu)", ratios as "wall× (cpu×)" relative to saolei. */
export function formatTable(rows: TableRow[]): string {
  const header = [
    '| step | result rows | saolei ms | DuckDB ms | SQLite ms | DuckDB / saolei | SQLite / saolei |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  const lines = rows.map(
    (r) =>
      `| ${r.step} | ${r.rows.toLocaleString('en')} | ${ms(r.saolei)} | ${ms(r.duckdb)} | ${ms(r.sqlite)} | ` +
      `${ratio(r.duckdb, r.saolei)} | ${ratio(r.sqlite, r.saolei)} |`,
  );
  return [...header, ...lines].join('\n');
}

/** The nearest-rank `p`-th percentile of values already sorted ascending. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export type Latency = { p50: number; p95: number };

/**
 * p50 and p95 wall time in ms over `runs` calls of `work`, after `warmup` untimed calls that fill the
 * database's page cache and prepare its statements, so the figures are those of a warm server.
 */
export async function latency(work: () => Promise<unknown>, runs: number, warmup: number): Promise<Latency> {
  for (let i = 0; i < warmup; i++) {
    await work();
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export type LatencyRow = Latency & { db: string; query: string };

/** The lines of a Markdown table of p50/p95 per database and query. */
export function latencyTable(rows: LatencyRow[]): string[] {
  return [
    '| database | query | p50 ms | p95 ms |',
    '|---|---|---:|---:|',
    ...rows.map((r) => `| ${r.db} | ${r.query} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} |`),
  ];
}
