import type { Executor } from '../db/transaction.ts';
import { auditOf, type RecordActor } from '../persons/record-actor.ts';
import { recommendSuspension } from '../places/measures.service.ts';
import { findPlaceByVenueCode } from '../places/places.repository.ts';
import type { PlaceType } from '../places/places.schema.ts';
import { createPlace, linkEntryToPlace } from '../places/places.service.ts';
import { findCaseIdByNumber } from '../trajectory/case-scope.ts';
import { findUserByUsername } from '../users/users.repository.ts';
import { DEMO_FIRST_CASE } from './trajectory.ts';

/**
 * The places of the demo trajectory, with the venue codes that `visits-demo.csv` (next to this file, with
 * its persons reference `visits-demo-persons.csv`) uses: upload both to find the demo outbreak's candidates.
 */
const demoPlaces: ReadonlyArray<{
  entryName: string;
  name: string;
  type: PlaceType;
  address: string;
  venueCode: string;
}> = [
  {
    entryName: '离石区某大药房',
    name: '离石区某大药房',
    type: 'pharmacy',
    address: '山西省吕梁市离石区永宁中路',
    venueCode: 'LS-YF-0001',
  },
  {
    entryName: '离石区某购物中心',
    name: '离石区某购物中心',
    type: 'mall',
    address: '山西省吕梁市离石区滨河北中路',
    venueCode: 'LS-SC-0002',
  },
];

/**
 * Registers the pharmacy and the mall of the first demo case's trajectory, links the entries to them and
 * recommends a suspension of business at the pharmacy. Does nothing once the places exist.
 */
export async function loadDemoPlaces(trx: Executor): Promise<boolean> {
  const caseId = await findCaseIdByNumber(trx, '', DEMO_FIRST_CASE);
  const user = await findUserByUsername(trx, 'investigator');
  const first = demoPlaces[0];
  if (caseId === null || !user || !first || (await findPlaceByVenueCode(trx, first.venueCode))) {
    return false;
  }
  const actor: RecordActor = {
    userId: Number(user.id),
    username: user.username,
    role: 'investigator',
    scope: '',
    ip: null,
  };
  const placeActor = { audit: auditOf(actor), scope: '' };
  for (const demo of demoPlaces) {
    const place = await createPlace(trx, placeActor, {
      name: demo.name,
      type: demo.type,
      address: demo.address,
      divisionCode: '141102001000',
      venueCode: demo.venueCode,
    });
    const entries = await trx
      .selectFrom('trajectory_entries')
      .select('id')
      .where('case_id', '=', caseId)
      .where('place_name', '=', demo.entryName)
      .execute();
    for (const entry of entries) {
      await linkEntryToPlace(trx, placeActor, place.id, Number(entry.id));
    }
    if (demo.type === 'pharmacy') {
      await recommendSuspension(trx, actor, place.id, {
        reason: '疑似病例 LS-2020-0001 于 1 月 22 日上午到店购药，建议暂停营业并开展终末消毒',
        caseId,
      });
    }
  }
  return true;
}
