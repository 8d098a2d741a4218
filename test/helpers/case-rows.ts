import type { Db } from '../../src/server/db/connect.ts';

let counter = 0;

/**
 * A case written straight into the tables (person, outbreak, case, investigation), for tests of what hangs
 * off a case. Onset 2020-01-23, reported 2020-01-25 03:00 Beijing time, in 离石区 unless told otherwise.
 */
export async function insertCase(
  db: Db,
  options: { divisionCode?: string; presetId?: string; state?: string; onsetDate?: string | null } = {},
): Promise<{ caseId: number; caseNumber: string; investigationId: number }> {
  counter += 1;
  const at = new Date().toISOString();
  const k = db.kysely;
  const person = await k
    .insertInto('persons')
    .values({
      name: `测试病例${counter}`,
      document_type: null,
      document_number: null,
      sex: 'male',
      birth_date: '1975-03-02',
      phone: '13800001234',
      population_category: null,
      workplace: null,
      current_address: '离石区某小区',
      division_code: options.divisionCode ?? '141102',
      household_address: null,
      ethnicity: '汉族',
      created_at: at,
      updated_at: at,
      version: 1,
      archived: 0,
      archived_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const outbreak = await k
    .insertInto('outbreaks')
    .values({
      name: `测试疫情${counter}-${Math.random().toString(36).slice(2, 8)}`,
      disease: 'COVID-19',
      preset_id: options.presetId ?? 'covid-ed5',
      overlay_id: null,
      overlay_text: null,
      start_date: '2020-01-20',
      division_code: '141102',
      case_number_mask: 'T-####',
      case_counter: 1,
      created_at: at,
      updated_at: at,
      version: 1,
      archived: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const caseNumber = `T-${Date.now().toString(36)}-${counter}`;
  const c = await k
    .insertInto('cases')
    .values({
      case_number: caseNumber,
      person_id: Number(person.id),
      outbreak_id: Number(outbreak.id),
      division_code: options.divisionCode ?? '141102',
      received_at: '2020-01-24T19:00:00.000Z',
      reporting_institution: '吕梁市人民医院',
      discovery_route: 'clinic_visit',
      classification: 'suspected',
      severity: 'moderate',
      onset_date: options.onsetDate === undefined ? '2020-01-23' : options.onsetDate,
      onset_approximate: 0,
      diagnosed_at: null,
      imported: 0,
      import_related: 0,
      hospital: '吕梁市人民医院',
      status: 'in_hospital',
      created_at: at,
      updated_at: at,
      version: 1,
      archived: 0,
      archived_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const investigation = await k
    .insertInto('investigations')
    .values({
      case_id: Number(c.id),
      state: options.state ?? 'investigating',
      team: '[]',
      lead_user_id: null,
      dispatched_at: '2020-01-24T19:08:00.000Z',
      arrived_at: '2020-01-24T19:14:00.000Z',
      core_info_at: null,
      submitted_at: null,
      form: '{}',
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { caseId: Number(c.id), caseNumber, investigationId: Number(investigation.id) };
}

/** A trajectory entry of the case written straight into its table (a shop visit unless told); its id. */
export async function insertTrajectoryEntry(
  db: Db,
  entry: {
    caseId: number;
    start: string;
    end: string;
    placeName: string;
    placeKind?: string;
    divisionCode?: string;
    placeId?: number | null;
    activity?: string | null;
  },
): Promise<number> {
  const at = new Date().toISOString();
  const row = await db.kysely
    .insertInto('trajectory_entries')
    .values({
      case_id: entry.caseId,
      start_at: entry.start,
      end_at: entry.end,
      place_name: entry.placeName,
      place_kind: entry.placeKind ?? 'other',
      address: null,
      division_code: entry.divisionCode ?? '141102',
      place_id: entry.placeId ?? null,
      activity: entry.activity === undefined ? '购物' : entry.activity,
      transport_kind: null,
      vehicle_number: null,
      seat: null,
      companions: null,
      protection: null,
      created_at: at,
      updated_at: at,
      version: 1,
      archived: 0,
      archived_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
