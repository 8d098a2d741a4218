import type { CaseVisitColumns } from '../../core/colocation/types.ts';
import type { Executor } from '../db/transaction.ts';
import { clipToLookBack, lookBackOfCases } from '../places/case-windows.ts';

/** A case's trajectory entry at a place with a venue code, clipped to the case's look-back window. */
export type CaseVisit = {
  caseId: number;
  personId: number;
  placeId: number;
  venueCode: string;
  start: number;
  end: number;
};

/** The case visits of an outbreak: trajectory entries at registered places with venue codes. */
export async function caseVisitsOfOutbreak(
  db: Executor,
  outbreakId: number,
  timeZone: string,
): Promise<CaseVisit[]> {
  const rows = await db
    .selectFrom('trajectory_entries')
    .innerJoin('cases', 'cases.id', 'trajectory_entries.case_id')
    .innerJoin('places', 'places.id', 'trajectory_entries.place_id')
    .select([
      'trajectory_entries.case_id',
      'trajectory_entries.start_at',
      'trajectory_entries.end_at',
      'cases.person_id',
      'places.id as place_id',
      'places.venue_code',
    ])
    .where('cases.outbreak_id', '=', outbreakId)
    .where('cases.archived', '=', 0)
    .where('trajectory_entries.archived', '=', 0)
    .where('places.venue_code', 'is not', null)
    .orderBy('trajectory_entries.id')
    .execute();
  const lookBacks = await lookBackOfCases(db, [...new Set(rows.map((r) => Number(r.case_id)))], timeZone);
  return rows.flatMap((row) => {
    const lookBack = lookBacks.get(Number(row.case_id));
    const clipped = lookBack ? clipToLookBack(lookBack, row.start_at, row.end_at) : null;
    if (!clipped || row.venue_code === null) {
      return [];
    }
    return [
      {
        caseId: Number(row.case_id),
        personId: Number(row.person_id),
        placeId: Number(row.place_id),
        venueCode: row.venue_code,
        start: Date.parse(clipped.start) / 1000,
        end: Date.parse(clipped.end) / 1000,
      },
    ];
  });
}

/**
 * The external ids (persons reference) that are the case persons themselves: same document number or
 * same phone. Keyed by case id.
 */
export async function ownExternalIds(db: Executor, outbreakId: number): Promise<Map<number, Set<string>>> {
  const cases = await db
    .selectFrom('cases')
    .innerJoin('persons', 'persons.id', 'cases.person_id')
    .select(['cases.id', 'persons.document_number', 'persons.phone'])
    .where('cases.outbreak_id', '=', outbreakId)
    .execute();
  const result = new Map<number, Set<string>>();
  for (const kase of cases) {
    const ids = new Set<string>();
    const documentNumber = kase.document_number;
    const phone = kase.phone;
    if (documentNumber !== null || phone !== null) {
      const refs = await db
        .selectFrom('visit_person_refs')
        .select('external_id')
        .where((eb) =>
          eb.or([
            ...(documentNumber !== null ? [eb('document_number', '=', documentNumber)] : []),
            ...(phone !== null ? [eb('phone', '=', phone)] : []),
          ]),
        )
        .execute();
      for (const ref of refs) {
        ids.add(ref.external_id);
      }
    }
    result.set(Number(kase.id), ids);
  }
  return result;
}

/** Engine columns of case visits; `person` is the case person's dense id in the log (or an id no visit has). */
export function caseColumns(
  visits: ReadonlyArray<{ caseId: number; person: number; location: number; start: number; end: number }>,
  withCells: boolean,
): CaseVisitColumns {
  const n = visits.length;
  const columns: CaseVisitColumns = {
    length: n,
    caseId: new Int32Array(n),
    person: new Int32Array(n),
    place: new Int32Array(n),
    start: new Float64Array(n),
    end: new Float64Array(n),
  };
  const cells = withCells ? new Int32Array(n) : undefined;
  visits.forEach((v, i) => {
    columns.caseId[i] = v.caseId;
    columns.person[i] = v.person;
    (cells ?? columns.place)[i] = v.location;
    if (cells) {
      columns.place[i] = -1;
    }
    columns.start[i] = v.start;
    columns.end[i] = v.end;
  });
  if (cells) {
    columns.cell = cells;
  }
  return columns;
}
