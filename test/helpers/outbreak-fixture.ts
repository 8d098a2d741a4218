import type { Db } from '../../src/server/db/connect.ts';
import { insertTrajectoryEntry } from './case-rows.ts';

/**
 * A small outbreak written straight into the tables, with every number the dashboard, the chains and the
 * daily report should show for 2020-02-01 (Asia/Shanghai) worked out by hand in `expected`.
 *
 * Cases: c1 confirmed (莲花池, confirmed 01-26), c2 confirmed (城北, confirmed 01-31), c3 suspected and
 * c4 asymptomatic reported 02-01, c5 reported 01-31 and confirmed only on 02-02. Contacts: k1, k2 of c1
 * (k2 became c2), k3 of c2, k4 secondary through k3 (and exposed by c2 directly), k5 of c3. c3 and c4 were
 * at one place at the same time (co-exposure).
 */
export type OutbreakFixture = {
  outbreakId: number;
  cases: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5', number>;
  contacts: Record<'k1' | 'k2' | 'k3' | 'k4' | 'k5', number>;
  siteId: number;
  names: Record<string, string>;
};

let counter = 0;

export async function insertOutbreakFixture(db: Db): Promise<OutbreakFixture> {
  counter += 1;
  const k = db.kysely;
  const at = new Date().toISOString();
  const tag = `${counter}-${Math.random().toString(36).slice(2, 7)}`;
  const names: Record<string, string> = {};
  const person = async (key: string, division: string) => {
    const name = `链${key}${tag}`;
    names[key] = name;
    const row = await k
      .insertInto('persons')
      .values({
        name,
        document_type: null,
        document_number: null,
        sex: 'female',
        birth_date: '1980-01-01',
        phone: '13900001111',
        population_category: null,
        workplace: null,
        current_address: '离石区某小区',
        division_code: division,
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
    return Number(row.id);
  };
  const outbreak = await k
    .insertInto('outbreaks')
    .values({
      name: `链测试疫情${tag}`,
      disease: 'COVID-19',
      preset_id: 'covid-ed5',
      overlay_id: null,
      overlay_text: null,
      start_date: '2020-01-20',
      division_code: '141102',
      case_number_mask: 'C-####',
      case_counter: 5,
      created_at: at,
      updated_at: at,
      version: 1,
      archived: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const outbreakId = Number(outbreak.id);

  const caseSpecs = [
    [
      'c1',
      '141102001001',
      'confirmed',
      '2020-01-25T10:00:00+08:00',
      '2020-01-22',
      '2020-01-26T10:00:00+08:00',
    ],
    [
      'c2',
      '141102002001',
      'confirmed',
      '2020-01-31T09:00:00+08:00',
      '2020-01-29',
      '2020-01-31T20:00:00+08:00',
    ],
    ['c3', '141102001001', 'suspected', '2020-02-01T08:00:00+08:00', '2020-01-30', null],
    ['c4', '141102006001', 'asymptomatic', '2020-02-01T23:30:00+08:00', null, null],
    [
      'c5',
      '141102002001',
      'confirmed',
      '2020-01-31T23:59:00+08:00',
      '2020-02-01',
      '2020-02-02T09:00:00+08:00',
    ],
  ] as const;
  const cases: Record<string, number> = {};
  for (const [key, division, classification, received, onset, confirmed] of caseSpecs) {
    const personId = await person(key, division);
    const row = await k
      .insertInto('cases')
      .values({
        case_number: `C-${tag}-${key}`,
        person_id: personId,
        outbreak_id: outbreakId,
        division_code: division,
        received_at: new Date(received).toISOString(),
        reporting_institution: '吕梁市人民医院',
        discovery_route: 'clinic_visit',
        classification,
        severity: 'mild',
        onset_date: onset,
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
    const caseId = Number(row.id);
    cases[key] = caseId;
    await k
      .insertInto('case_classification_history')
      .values({
        case_id: caseId,
        at: new Date(received).toISOString(),
        user_id: null,
        username: 'fixture',
        from_classification: null,
        to_classification: confirmed === null ? classification : 'suspected',
        reason: '报告',
        evidence: '[]',
      })
      .execute();
    if (confirmed !== null) {
      await k
        .insertInto('case_classification_history')
        .values({
          case_id: caseId,
          at: new Date(confirmed).toISOString(),
          user_id: null,
          username: 'fixture',
          from_classification: 'suspected',
          to_classification: 'confirmed',
          reason: '核酸阳性',
          evidence: '[]',
        })
        .execute();
    }
    await k
      .insertInto('investigations')
      .values({
        case_id: caseId,
        state: key === 'c1' ? 'submitted' : 'investigating',
        team: '[]',
        lead_user_id: null,
        dispatched_at: new Date(received).toISOString(),
        arrived_at: new Date(received).toISOString(),
        core_info_at: null,
        submitted_at: key === 'c1' ? new Date(received).toISOString() : null,
        form: '{}',
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
  }

  const site = await k
    .insertInto('quarantine_sites')
    .values({
      name: `链测试隔离点${tag}`,
      address: '离石区某酒店',
      division_code: '141102001000',
      capacity: 50,
      occupied: 2,
      manager: null,
      phone: null,
      created_at: at,
      updated_at: at,
      version: 1,
      archived: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const siteId = Number(site.id);

  const c = (key: keyof OutbreakFixture['cases']) => cases[key] ?? 0;
  const contactSpecs = [
    ['k1', c('c1'), null, 'close', 'placed', '2020-02-01', null, 'centralized'],
    ['k2', c('c1'), null, 'close', 'converted', '2020-02-06', c('c2'), null],
    ['k3', c('c2'), null, 'close', 'home_monitoring', '2020-01-30', null, 'home'],
    ['k4', c('c2'), 'k3', 'secondary', 'identified', null, null, null],
    ['k5', c('c3'), null, 'close', 'placed', '2020-02-05', null, 'centralized'],
  ] as const;
  const contacts: Record<string, number> = {};
  for (const [
    key,
    source,
    sourceContact,
    classification,
    status,
    end,
    converted,
    placement,
  ] of contactSpecs) {
    const personId = await person(key, '141102001001');
    const row = await k
      .insertInto('contacts')
      .values({
        person_id: personId,
        outbreak_id: outbreakId,
        source_case_id: source,
        source_contact_id: sourceContact === null ? null : (contacts[sourceContact] ?? null),
        classification,
        status,
        division_code: '141102001001',
        last_exposure_at: '2020-01-24T04:00:00.000Z',
        observation_end: end,
        plan: '[]',
        placed_on: placement === null ? null : '2020-01-26',
        notified_at: null,
        released_on: null,
        release_reason: null,
        lost_reason: null,
        converted_case_id: converted,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const contactId = Number(row.id);
    contacts[key] = contactId;
    if (placement !== null) {
      await k
        .insertInto('placements')
        .values({
          contact_id: contactId,
          kind: placement,
          site_id: placement === 'centralized' ? siteId : null,
          room_id: null,
          address: placement === 'home' ? '离石区某小区' : null,
          division_code: '141102001001',
          check_in_at: '2020-01-26T02:00:00.000Z',
          planned_end: end,
          check_out_at: null,
          created_at: at,
          version: 1,
        })
        .execute();
    }
  }
  // k4 was also exposed by c2 directly: a second exposure row.
  await k
    .insertInto('exposures')
    .values({
      contact_id: contacts.k4 ?? 0,
      source_case_id: c('c2'),
      source_contact_id: null,
      kind: 'household',
      setting: null,
      first_at: '2020-01-30T02:00:00.000Z',
      last_at: '2020-01-30T04:00:00.000Z',
      proximity: 'within_1m',
      duration_minutes: 120,
      place_text: null,
      place_id: null,
      vehicle: null,
      seat: null,
      outside_window: 0,
      created_at: at,
      created_by: null,
    })
    .execute();

  const tests = [
    ['k1', '2020-02-01', 'pending', null, null],
    ['k3', '2020-01-30', 'pending', null, null],
    ['k5', '2020-02-01', 'done', 'negative', '2020-02-01T03:00:00.000Z'],
    ['k2', '2020-01-28', 'done', 'positive', '2020-01-28T03:00:00.000Z'],
  ] as const;
  for (const [key, due, status, result, doneAt] of tests) {
    const contactId = contacts[key] ?? 0;
    const task = await k
      .insertInto('tasks')
      .values({
        type: 'contact_test',
        subject_type: 'contact',
        subject_id: contactId,
        title: '核酸检测',
        assignee_id: null,
        division_code: '141102001001',
        due_at: new Date(`${due}T18:00:00+08:00`).toISOString(),
        status: status === 'done' ? 'done' : 'open',
        priority: 'normal',
        created_at: at,
        updated_at: at,
        closed_at: doneAt,
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await k
      .insertInto('contact_tests')
      .values({
        contact_id: contactId,
        task_id: Number(task.id),
        phase: 'quarantine',
        day_of_phase: 1,
        planned_date: due,
        due_date: due,
        status,
        result,
        done_at: doneAt,
        division_code: '141102001001',
      })
      .execute();
    await insertSample(db, contactId, {
      planned_date: due,
      status: status === 'done' ? 'tested' : 'planned',
      collected_at: doneAt,
      tested_at: doneAt,
      result,
    });
  }
  // Collected on 02-01, at the lab without a result yet.
  await insertSample(db, contacts.k4 ?? 0, {
    planned_date: '2020-02-01',
    status: 'received',
    collected_at: '2020-02-01T01:00:00.000Z',
    tested_at: null,
    result: null,
  });

  const place = await k
    .insertInto('places')
    .values({
      name: `链测试超市${tag}`,
      type: 'supermarket',
      address: '离石区永宁中路',
      division_code: '141102001000',
      lat: null,
      lng: null,
      venue_code: null,
      created_at: at,
      updated_at: at,
      version: 1,
      archived: 0,
      archived_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [key, start, end] of [
    ['c3', '2020-01-28T02:00:00.000Z', '2020-01-28T03:00:00.000Z'],
    ['c4', '2020-01-28T02:30:00.000Z', '2020-01-28T04:00:00.000Z'],
  ] as const) {
    await insertTrajectoryEntry(db, {
      caseId: c(key),
      start,
      end,
      placeName: '超市',
      placeKind: 'shop',
      divisionCode: '141102001001',
      placeId: Number(place.id),
    });
  }
  return {
    outbreakId,
    cases: { c1: c('c1'), c2: c('c2'), c3: c('c3'), c4: c('c4'), c5: c('c5') },
    contacts: {
      k1: contacts.k1 ?? 0,
      k2: contacts.k2 ?? 0,
      k3: contacts.k3 ?? 0,
      k4: contacts.k4 ?? 0,
      k5: contacts.k5 ?? 0,
    },
    siteId,
    names,
  };
}

/** A throat swab of a contact's sampling plan, as the samples feature stores it. */
async function insertSample(
  db: Db,
  contactId: number,
  row: {
    planned_date: string;
    status: string;
    collected_at: string | null;
    tested_at: string | null;
    result: string | null;
  },
): Promise<void> {
  const contact = await db.kysely
    .selectFrom('contacts')
    .select(['person_id', 'outbreak_id', 'division_code'])
    .where('id', '=', contactId)
    .executeTakeFirstOrThrow();
  const at = '2020-01-25T00:00:00.000Z';
  await db.kysely
    .insertInto('samples')
    .values({
      outbreak_id: contact.outbreak_id,
      subject_type: 'contact',
      subject_id: contactId,
      person_id: contact.person_id,
      division_code: contact.division_code,
      source: 'plan',
      plan_ref: null,
      contact_test_id: null,
      planned_date: row.planned_date,
      window_end: null,
      specimen: 'throat_swab',
      replicate: 1,
      label: null,
      status: row.status,
      collected_at: row.collected_at,
      collected_by: null,
      lab: null,
      received_at: row.collected_at,
      tested_at: row.tested_at,
      pool_id: null,
      retest_of_pool_id: null,
      result: row.result,
      task_id: null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
}
