// A seeded, deterministic generator of persons and cases at district scale for bench/cases.bench.ts.
import { checkCharacter } from '../src/core/identity/resident-id.ts';
import type { NewCaseRow, NewInvestigationRow, NewPersonRow } from '../src/server/db/schema.ts';

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const surnames = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕'];
const given = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玉兰文斌志刚海燕'];
/** 离石区's streets and towns (most people) and two neighbouring districts (outside the bench user's scope). */
const divisions = [
  '141102001001',
  '141102001000',
  '141102002001',
  '141102002000',
  '141102003000',
  '141102004000',
  '141102005000',
  '141102006001',
  '141102006002',
  '141102006003',
  '141102006000',
  '141102100000',
  '141102101001',
  '141102101002',
  '141102102000',
  '141102103000',
  '141102104000',
];
const elsewhere = ['141101001000', '141121100000'];

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export type Generated = { persons: NewPersonRow[]; cases: NewCaseRow[] };

/** Person number `i` (0-based); the same seed and index give the same person. */
export function makePerson(random: () => number, i: number, at: string): NewPersonRow {
  const division = random() < 0.85 ? pick(random, divisions) : pick(random, elsewhere);
  const born = Date.UTC(1940, 0, 1) + Math.floor(random() * 70 * 365.25) * 86_400_000;
  const birthDate = isoDay(born);
  const sequence = String(i % 1000).padStart(3, '0');
  const first17 = `${division.slice(0, 6)}${birthDate.replaceAll('-', '')}${sequence}`;
  const sex = Number(sequence[2]) % 2 === 1 ? 'male' : 'female';
  return {
    name: `${pick(random, surnames)}${pick(random, given)}${random() < 0.6 ? pick(random, given) : ''}`,
    document_type: 'resident_id',
    // The sequence number alone would collide; the index keeps every bench person's number unique.
    document_number: `${first17}${checkCharacter(first17)}-${i}`,
    sex,
    birth_date: birthDate,
    phone: `1${3 + Math.floor(random() * 7)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
    population_category: pick(random, [
      'farmer',
      'worker',
      'student',
      'retired',
      'commercial_service',
      'unknown',
    ]),
    workplace: null,
    current_address: `离石区某街道${Math.floor(random() * 300)}号`,
    division_code: division,
    household_address: null,
    ethnicity: '汉族',
    created_at: at,
    updated_at: at,
    version: 1,
    archived: 0,
    archived_reason: null,
  };
}

const classificationWeights: ReadonlyArray<readonly [string, number]> = [
  ['suspected', 0.3],
  ['confirmed', 0.4],
  ['asymptomatic', 0.2],
  ['excluded', 0.1],
];

function weighted(random: () => number): string {
  let r = random();
  for (const [value, weight] of classificationWeights) {
    r -= weight;
    if (r < 0) {
      return value;
    }
  }
  return 'suspected';
}

const START = Date.UTC(2020, 0, 24, 16);
const SPAN_MS = 3 * 365 * 86_400_000;

/** Case number `i`, of a person drawn from `personCount`, reported in 2020–2022. */
export function makeCase(
  random: () => number,
  i: number,
  person: { id: number; division: string },
  outbreakId: number,
  at: string,
): NewCaseRow {
  const received = START + Math.floor(random() * SPAN_MS);
  const onset =
    random() < 0.1 ? null : isoDay(received - Math.floor(random() * 7) * 86_400_000 + 8 * 3_600_000);
  return {
    case_number: `LS-B-${String(i + 1).padStart(6, '0')}`,
    person_id: person.id,
    outbreak_id: outbreakId,
    division_code: person.division,
    received_at: new Date(received).toISOString(),
    reporting_institution: pick(random, ['吕梁市人民医院', '离石区人民医院', '离石区疾病预防控制中心']),
    discovery_route: pick(random, [
      'clinic_visit',
      'contact_screening',
      'mass_screening',
      'entry_quarantine',
    ]),
    classification: weighted(random),
    severity: null,
    onset_date: onset,
    onset_approximate: 0,
    diagnosed_at: null,
    imported: 0,
    import_related: 0,
    hospital: null,
    status: pick(random, ['in_hospital', 'discharged', 'discharged']),
    created_at: at,
    updated_at: at,
    version: 1,
    archived: 0,
    archived_reason: null,
  };
}

export function makeInvestigation(caseId: number, at: string): NewInvestigationRow {
  return {
    case_id: caseId,
    state: 'submitted',
    team: '[]',
    lead_user_id: null,
    dispatched_at: null,
    arrived_at: null,
    core_info_at: null,
    submitted_at: null,
    form: '{}',
    created_at: at,
    updated_at: at,
    version: 1,
  };
}
