import type { VisitDictionaries } from './id-dictionary.ts';
import type { CaseVisitColumns, VisitColumns } from './types.ts';

function remap(column: Int32Array | undefined, length: number, rank: Int32Array): void {
  if (!column) {
    return;
  }
  for (let i = 0; i < length; i++) {
    const id = column[i] ?? -1;
    if (id >= 0) {
      column[i] = rank[id] ?? id;
    }
  }
}

/**
 * Renumbers the id columns in place so that numeric order of the dense ids is the order of the external
 * ids (integers numerically, then text); the engine's sorted output is then sorted by external id too.
 * Returns dictionaries that label the new numbers.
 */
export function sortIds(
  dictionaries: VisitDictionaries,
  visits: VisitColumns,
  cases: CaseVisitColumns,
): VisitDictionaries {
  const next: Partial<VisitDictionaries> = {};
  const columnsOf = {
    person: [visits.person, cases.person],
    place: [visits.place, cases.place],
    cell: [visits.cell, cases.cell],
    caseId: [undefined, cases.caseId],
  } satisfies Record<keyof VisitDictionaries, (Int32Array | undefined)[]>;
  for (const key of ['person', 'place', 'cell', 'caseId'] as const) {
    const dictionary = dictionaries[key];
    const rank = dictionary.ranks();
    const [visitColumn, caseColumn] = columnsOf[key];
    remap(visitColumn, visits.length, rank);
    remap(caseColumn, cases.length, rank);
    next[key] = dictionary.renumbered(rank);
  }
  return {
    person: next.person ?? dictionaries.person,
    place: next.place ?? dictionaries.place,
    cell: next.cell ?? dictionaries.cell,
    caseId: next.caseId ?? dictionaries.caseId,
  };
}
