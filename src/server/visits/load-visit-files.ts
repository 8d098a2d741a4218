import { reachSpec } from '../../core/colocation/reach-filter.ts';
import { sortIds } from '../../core/colocation/renumber.ts';
import type { CaseVisitColumns, VisitColumns } from '../../core/colocation/types.ts';
import { createDictionaries, type VisitDictionaries } from '../../core/colocation/id-dictionary.ts';
import type { BadRow } from '../../core/colocation/visit-csv.ts';
import { readVisitsInHalves } from './read-in-halves.ts';
import { readVisitFile, type ReadProgress } from './read-visit-file.ts';

export type LoadedVisits = {
  visits: VisitColumns;
  cases: CaseVisitColumns;
  /** Label the dense ids of the columns with the files' ids. */
  dictionaries: VisitDictionaries;
  bad: { visits: BadRow[]; cases: BadRow[] };
  /** Valid visits read but left out because they cannot meet a case visit (with `onlyReaching`). */
  unreachable: number;
};

/**
 * Reads a case-visit file and a visit file (a large one on two threads) with shared id dictionaries, then
 * renumbers the ids so that the engine's numeric order is the files' id order. With `onlyReaching`, the
 * readers keep only the visits that overlap a case visit widened by the tolerance at the same place (or
 * cell): for one query, the rest of the log need not be held, numbered or scanned, and the engine's rows
 * are the same.
 */
export async function loadVisitFiles(options: {
  visitsPath: string;
  caseVisitsPath: string;
  dwell?: number;
  requireCell?: boolean;
  onProgress?: ReadProgress;
  onlyReaching?: { location: 'place' | 'cell'; tolerance: number };
  /**
   * Called while the visit file's second half is still being read on the other thread: the case visits,
   * the visits kept from the first half (neither to be changed; their ids are not yet renumbered), and an
   * estimate of the visits the whole file keeps.
   */
  whileReading?: (cases: CaseVisitColumns, firstHalf: VisitColumns, expectedVisits: number) => void;
}): Promise<LoadedVisits> {
  const dictionaries = createDictionaries({ direct: true });
  const common = { dictionaries, dwell: options.dwell, requireCell: options.requireCell };
  const cases = await readVisitFile(options.caseVisitsPath, { ...common, kind: 'case-visits' });
  const reaching = options.onlyReaching;
  const reach =
    reaching &&
    reachSpec(
      cases.caseVisitColumns(),
      dictionaries[reaching.location],
      reaching.location,
      reaching.tolerance,
    );
  const { whileReading } = options;
  const visits = await readVisitsInHalves(
    options.visitsPath,
    { ...common, kind: 'visits', reach },
    options.onProgress,
    {
      whileWaiting:
        whileReading &&
        ((firstHalf, share) =>
          whileReading(cases.caseVisitColumns(), firstHalf, Math.ceil(firstHalf.length / share))),
    },
  );
  const visitColumns = visits.columns;
  const caseColumns = cases.caseVisitColumns();
  return {
    visits: visitColumns,
    cases: caseColumns,
    dictionaries: sortIds(dictionaries, visitColumns, caseColumns),
    bad: { visits: visits.bad, cases: cases.bad },
    unreachable: visits.unreachable,
  };
}
