// The machine may be shared: the 1-minute load average is sampled through a run (every 5 s while the
// event loop is free, and whenever a step calls `sample`) and summed up with the results.
import { loadavg } from 'node:os';

export function loadAverageSampler(): { sample: () => void; summary: () => string } {
  const loads: number[] = [];
  const sample = () => void loads.push(loadavg()[0] ?? 0);
  setInterval(sample, 5000).unref();
  sample();
  return {
    sample,
    summary() {
      const sorted = [...loads].sort((a, b) => a - b);
      const at = (q: number) =>
        (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1);
      return `min ${at(0)}, median ${at(0.5)}, max ${at(1)} (${sorted.length} samples)`;
    },
  };
}
