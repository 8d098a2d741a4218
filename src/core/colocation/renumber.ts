import { translateIds, type VisitDictionaries } from './id-dictionary.ts';
import type { CaseVisitColumns, VisitColumns } from './types.ts';

/**
 * Renumbers the id columns in place so that numeric order of the ids is the order of the external ids
 * (integers numerically, then text); the engine's sorted output is then sorted by external id too.
 * Returns dictionaries that label the new numbers. Columns of direct dictionaries that met only small
 * integer ids are in that order already and are left as they are.
 */
export function sortIds(
  dictionaries: VisitDictionaries,
  visits: VisitColumns,
  cases: CaseVisitColumns,
): VisitDictionaries {
  const next = { ...dictionaries };
  const columnsOf = {
    person: [visits.person, cases.person],
    place: [visits.place, cases.place],
    cell: [visits.cell, cases.cell],
    caseId: [undefined, cases.caseId],
  } satisfies Record<keyof VisitDictionaries, (Int32Array | undefined)[]>;
  for (const key of ['person', 'place', 'cell', 'caseId'] as const) {
    const ordered = dictionaries[key].inOrder();
    if (!ordered) {
      continue;
    }
    const [visitColumn, caseColumn] = columnsOf[key];
    if (visitColumn) {
      translateIds(visitColumn, ordered.translation, 0, visits.length);
    }
    if (caseColumn) {
      translateIds(caseColumn, ordered.translation, 0, cases.length);
    }
    next[key] = ordered.dictionary;
  }
  return next;
}
