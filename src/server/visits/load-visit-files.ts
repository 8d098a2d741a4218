import { clusterVisitsBy, type VisitClusters } from '../../core/colocation/clusters.ts';
import { sortIds } from '../../core/colocation/renumber.ts';
import type { CaseVisitColumns, VisitColumns } from '../../core/colocation/types.ts';
import { createDictionaries, type BadRow, type VisitDictionaries } from '../../core/colocation/visit-csv.ts';
import { readVisitsInHalves } from './read-in-halves.ts';
import { readVisitFile, type ReadProgress } from './read-visit-file.ts';

export type LoadedVisits = {
  visits: VisitColumns;
  cases: CaseVisitColumns;
  /** Label the dense ids of the columns with the files' ids. */
  dictionaries: VisitDictionaries;
  bad: { visits: BadRow[]; cases: BadRow[] };
  /** The visits clustered by the keys asked for, for the engine's `clusters` option. */
  clusters: { place?: VisitClusters; cell?: VisitClusters };
};

/**
 * Reads a case-visit file and a visit file with shared id dictionaries, renumbers the ids so that the
 * engine's numeric order is the files' id order, then clusters the visits by the keys asked for (place for
 * contacts, cell for companions; docs/decisions/009).
 */
export async function loadVisitFiles(options: {
  visitsPath: string;
  caseVisitsPath: string;
  dwell?: number;
  requireCell?: boolean;
  cluster?: ('place' | 'cell')[];
  onProgress?: ReadProgress;
}): Promise<LoadedVisits> {
  const dictionaries = createDictionaries();
  const common = { dictionaries, dwell: options.dwell, requireCell: options.requireCell };
  const cases = await readVisitFile(options.caseVisitsPath, { ...common, kind: 'case-visits' });
  const visits = await readVisitsInHalves(
    options.visitsPath,
    { ...common, kind: 'visits' },
    options.onProgress,
  );
  const visitColumns = visits.columns;
  const caseColumns = cases.caseVisitColumns();
  const sorted = sortIds(dictionaries, visitColumns, caseColumns);
  const wanted = new Set(options.cluster);
  const { place, cell } = visitColumns;
  const byPlace = wanted.has('place');
  const byCell = wanted.has('cell') && cell !== undefined;
  const keys = [...(byPlace ? [place] : []), ...(byCell && cell ? [cell] : [])];
  const clustered = clusterVisitsBy(visitColumns, keys);
  return {
    visits: visitColumns,
    cases: caseColumns,
    dictionaries: sorted,
    bad: { visits: visits.bad, cases: cases.bad },
    clusters: { place: byPlace ? clustered[0] : undefined, cell: byCell ? clustered.at(-1) : undefined },
  };
}
