// saolei's reader on both CSV files, timed for the co-location benchmark.
import { loadVisitFiles, type LoadedVisits } from '../src/server/visits/load-visit-files.ts';
import { medianOf, type Sample } from './timing.ts';

type VisitLoad = Parameters<typeof loadVisitFiles>[0];
export type LoadOptions = Pick<VisitLoad, 'requireCell' | 'onlyReaching'>;

/** The reader `runs` times: the median time and the last load. */
export async function timedVisitLoad(
  runs: number,
  load: VisitLoad,
): Promise<{ sample: Sample; loaded: LoadedVisits }> {
  let loaded: LoadedVisits | undefined;
  const sample = await medianOf(runs, async () => {
    loaded = undefined;
    loaded = await loadVisitFiles(load);
  });
  if (!loaded) {
    throw new Error('nothing loaded');
  }
  return { sample, loaded };
}
