import { sql } from 'kysely';
import { blankReportInput } from '../../core/report/blank.ts';
import {
  contactKinds,
  type ContactKind,
  type InvestigationReportInput,
  type ReportKind,
} from '../../core/report/types.ts';
import { loadCaseDossier } from '../cases/case-dossier.ts';
import type { Executor } from '../db/transaction.ts';
import type { SlaSettings } from '../investigations/investigations.service.ts';
import { findDivision } from '../jurisdictions/jurisdictions.repository.ts';
import { populationCategories } from '../persons/persons.schema.ts';
import { measureLine, placeMeasuresForCase, type CaseMeasure } from '../places/report-measures.ts';
import type { CaseActor } from '../trajectory/case-actor.ts';
import { loadEntries } from '../trajectory/trajectory.service.ts';
import { conditionLabels, exposureKindLabels, labelOf, symptomLabels } from './form-labels.ts';

export type ReportSettings = SlaSettings & { timeZone: string; reportRecipients: string[] };

/** Age in whole years on `onDate` (both `YYYY-MM-DD`). */
function ageOn(birthDate: string | null, onDate: string): number | null {
  if (!birthDate) {
    return null;
  }
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The district CDC that writes the report: the county of the case's division. */
async function reportingUnitOf(db: Executor, divisionCode: string): Promise<string> {
  const county = await findDivision(db, divisionCode.slice(0, 6));
  return county ? `${county.name}疾病预防控制中心` : '疾病预防控制中心';
}

async function namesOf(db: Executor, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return ids.flatMap((id) => rows.filter((r) => Number(r.id) === id).map((r) => r.display_name));
}

/**
 * The case's contacts by kind: identified; traced (reached by phone, or further along than identified);
 * sampled (at least one test done); placed (in quarantine or under home monitoring at some point).
 */
async function contactCounts(db: Executor, caseId: number): Promise<InvestigationReportInput['contacts']> {
  const rows = await db
    .selectFrom('contacts as c')
    .select([
      'c.classification',
      sql<number>`count(*)`.as('identified'),
      sql<number>`sum(case when c.notified_at is not null or c.status not in ('identified', 'lost') then 1 else 0 end)`.as(
        'traced',
      ),
      sql<number>`sum(case when exists (select 1 from contact_tests t where t.contact_id = c.id and t.done_at is not null) then 1 else 0 end)`.as(
        'sampled',
      ),
      sql<number>`sum(case when c.placed_on is not null then 1 else 0 end)`.as('placed'),
    ])
    .where('c.source_case_id', '=', caseId)
    .groupBy('c.classification')
    .execute();
  const isKind = (value: string): value is ContactKind => (contactKinds as readonly string[]).includes(value);
  return rows.flatMap((r) =>
    isKind(r.classification)
      ? [
          {
            kind: r.classification,
            identified: Number(r.identified),
            traced: Number(r.traced),
            sampled: Number(r.sampled),
            placed: Number(r.placed),
          },
        ]
      : [],
  );
}

/**
 * Gathers what the 流调报告 says about a case — the case and person, the investigation's form and times,
 * the trajectory with its evidence — into the composer's input. Personal fields come masked for roles that
 * may not read them, exactly as the case page shows them.
 */
export async function buildReportInput(
  db: Executor,
  actor: CaseActor,
  caseId: number,
  options: { kind: ReportKind; number: number | null; reportedAt: string; settings: ReportSettings },
): Promise<InvestigationReportInput> {
  const dossier = await loadCaseDossier(db, actor, caseId, options.settings);
  const { case: kase, person, investigation } = dossier;
  const form = investigation.form;
  const input = blankReportInput(
    {
      caseNumber: kase.caseNumber,
      reportingUnit: await reportingUnitOf(db, kase.divisionCode),
      kind: options.kind,
      number: options.number,
      reportedAt: options.reportedAt,
      recipients: options.settings.reportRecipients,
    },
    { name: person.name },
    options.settings.timeZone,
  );

  input.discovery = {
    route: kase.discoveryRoute,
    institution: kase.reportingInstitution,
    receivedAt: kase.receivedAt,
    dispatchedAt: investigation.dispatchedAt,
    arrivedAt: investigation.arrivedAt,
    classification: kase.classification,
    severity: kase.severity,
    diagnosedAt: kase.diagnosedAt,
  };
  input.person = {
    name: person.name,
    sex: person.sex,
    birthDate: person.birthDate,
    age: ageOn(person.birthDate, kase.onsetDate ?? kase.receivedAt.slice(0, 10)),
    ethnicity: person.ethnicity,
    documentNumber: person.documentNumber,
    phone: person.phone,
    occupation: form.basicInfo?.occupation ?? labelOf(populationCategories, person.populationCategory),
    workplace: person.workplace,
    currentAddress: person.currentAddress,
    householdAddress: person.householdAddress,
  };

  const health = form.underlyingDiseases;
  const pregnancy =
    health?.pregnant === true
      ? `妊娠${health.pregnancyWeeks ? `${health.pregnancyWeeks}周` : ''}`
      : health?.pregnant === false
        ? '否'
        : null;
  const doses = health?.vaccinationDoses;
  input.health = {
    underlyingDiseases: [
      ...(health?.conditions ?? []).filter((c) => c !== 'other').map((c) => labelOf(conditionLabels, c) ?? c),
      ...(health?.otherCondition ? [health.otherCondition] : []),
    ],
    underlyingNotes: health?.notes,
    pregnancy,
    vaccination:
      doses === null || doses === undefined
        ? null
        : doses === 0
          ? '未接种'
          : `已接种${doses}剂${health?.lastVaccinationDate ? `，末剂 ${health.lastVaccinationDate}` : ''}`,
  };

  input.travel = (form.travelHistory?.rows ?? []).map((r) => ({
    from: r.from,
    to: r.to,
    place: r.place,
    purpose: r.purpose,
    transport: r.transport,
  }));

  const exposures = form.exposure?.rows ?? [];
  input.exposure = {
    rows: exposures.map((r) => ({
      from: r.from,
      to: r.to,
      setting: r.place ?? null,
      description: `${labelOf(exposureKindLabels, r.kind) ?? ''}：${r.description}`,
    })),
    suspectedSource: exposures.map((r) => r.suspectedSource).find((s) => s !== undefined) ?? null,
    evidenceChain: form.exposure?.notes ? [form.exposure.notes] : [],
  };

  input.contactHistory = form.contactHistory?.text;
  input.trajectory = (await loadEntries(db, caseId)).map((e) => ({
    startAt: e.startAt,
    endAt: e.endAt,
    placeName: e.placeName,
    address: e.address,
    activity: e.activity,
    transportKind: e.transportKind,
    vehicleNumber: e.vehicleNumber,
    seat: e.seat,
    companions: e.companions,
    protection: e.protection,
    evidence: e.evidence.map((v) => ({ source: v.source, reference: v.reference, confidence: v.confidence })),
  }));

  input.contacts = await contactCounts(db, caseId);
  input.medicalVisits = (form.medicalVisits?.rows ?? []).map((v) => ({
    at: v.at,
    institution: v.institution,
    department: v.department,
    diagnosis: v.diagnosis,
    treatment: v.treatment,
  }));

  const symptoms = form.onset?.symptoms ?? [];
  input.onset = {
    date: kase.onsetDate,
    approximate: kase.onsetApproximate,
    symptoms: symptoms.map((s) => ({
      name: `${labelOf(symptomLabels, s.symptom) ?? s.symptom}${s.maxTemperature ? ` 最高${s.maxTemperature}℃` : ''}${s.detail ? `（${s.detail}）` : ''}`,
      date: s.since,
    })),
    notes: form.onset?.notes,
  };

  // Laboratory results are kept, until the samples feature lands, as evidence of classification changes.
  input.sampling = dossier.classificationHistory.flatMap((h) =>
    h.evidence.flatMap((ev) => {
      if (ev.kind === 'nat') {
        return [
          {
            sampledAt: ev.at,
            specimen: ev.specimen ?? '不详',
            test: '核酸检测',
            result: ev.result === 'positive' ? '阳性' : '阴性',
            lab: null,
          },
        ];
      }
      if (ev.kind === 'antibody') {
        const sign = (v: string) => (v === 'positive' ? '阳性' : '阴性');
        return [
          {
            sampledAt: ev.at,
            specimen: '血清',
            test: '抗体检测',
            result: `IgM ${sign(ev.igm)}，IgG ${sign(ev.igg)}`,
            lab: null,
          },
        ];
      }
      return [];
    }),
  );

  // Venue measures at the trajectory's places: a suspension still only recommended is a recommendation.
  const placeMeasures = await placeMeasuresForCase(db, caseId);
  const recommended = (m: CaseMeasure) => m.kind === 'suspension' && m.status === 'recommended';
  input.measures = [
    ...splitLines(form.measures?.text),
    ...placeMeasures.filter((m) => !recommended(m)).map(measureLine),
  ];
  input.riskAssessment = form.riskAssessment?.text;
  input.recommendations = [
    ...splitLines(form.recommendations?.text),
    ...placeMeasures.filter(recommended).map(measureLine),
  ];
  const teamIds = [
    ...(investigation.leadUserId === null ? [] : [investigation.leadUserId]),
    ...investigation.team,
  ];
  input.signOff = {
    investigators: await namesOf(db, [...new Set(teamIds)]),
    unit: input.header.reportingUnit,
    date: options.reportedAt,
  };
  return input;
}

/** Free text written one measure or recommendation a line becomes a numbered list. */
function splitLines(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(\d+[.、)）]|[-*•])\s*/, '').trim())
    .filter((line) => line !== '');
}
