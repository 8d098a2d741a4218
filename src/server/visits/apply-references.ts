import type { BadRow } from '../../core/colocation/visit-csv.ts';
import { isWithin } from '../../core/divisions/scope.ts';
import { now, type Executor } from '../db/transaction.ts';
import { findPlaceByVenueCode, insertPlace } from '../places/places.repository.ts';
import type { PersonRef, PlaceRef } from './reference-files.ts';

export type ReferenceCounts = { persons: number; placesCreated: number; placesUpdated: number };

const batch = 500;

/**
 * Stores the persons reference (upsert by external id) and creates or updates places by venue code. A
 * place outside the importer's jurisdiction is not touched and becomes a bad row.
 */
export async function applyReferences(
  trx: Executor,
  scope: string,
  persons: readonly PersonRef[],
  places: readonly PlaceRef[],
  bad: BadRow[],
): Promise<ReferenceCounts> {
  const at = now();
  for (let i = 0; i < persons.length; i += batch) {
    const rows = persons.slice(i, i + batch).map((p) => ({
      external_id: p.externalId,
      name: p.name,
      document_type: p.documentType,
      document_number: p.documentNumber,
      phone: p.phone,
      updated_at: at,
    }));
    await trx
      .insertInto('visit_person_refs')
      .values(rows)
      .onConflict((oc) =>
        oc.column('external_id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          document_type: eb.ref('excluded.document_type'),
          document_number: eb.ref('excluded.document_number'),
          phone: eb.ref('excluded.phone'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  let placesCreated = 0;
  let placesUpdated = 0;
  for (const ref of places) {
    if (!isWithin(scope, ref.divisionCode)) {
      bad.push({
        line: ref.line,
        field: 'places reference: division_code',
        reason: 'outside your jurisdiction',
      });
      continue;
    }
    const held = await findPlaceByVenueCode(trx, ref.venueCode);
    if (!held) {
      await insertPlace(trx, {
        name: ref.name,
        type: ref.type,
        address: ref.address,
        division_code: ref.divisionCode,
        lat: null,
        lng: null,
        venue_code: ref.venueCode,
        created_at: at,
        updated_at: at,
        version: 1,
        archived: 0,
        archived_reason: null,
      });
      placesCreated++;
      continue;
    }
    if (!isWithin(scope, held.division_code)) {
      bad.push({
        line: ref.line,
        field: 'places reference: place_id',
        reason: 'the place is outside your jurisdiction',
      });
      continue;
    }
    await trx
      .updateTable('places')
      .set({
        name: ref.name,
        type: ref.type,
        address: ref.address,
        division_code: ref.divisionCode,
        updated_at: at,
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', held.id)
      .execute();
    placesUpdated++;
  }
  return { persons: persons.length, placesCreated, placesUpdated };
}
