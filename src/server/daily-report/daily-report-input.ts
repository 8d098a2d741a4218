import type { DailyReportInput } from '../../core/daily-report/types.ts';
import { maskName } from '../../core/identity/masking.ts';
import { dateIn, nextDate, startOfDay } from '../../core/time/zone.ts';
import { dashboardOf, type DashboardSettings } from '../dashboard/dashboard.service.ts';
import type { Dialect } from '../db/connect.ts';
import type { Executor } from '../db/transaction.ts';
import { measureLine } from '../places/report-measures.ts';
import { toMeasure } from '../places/measures.service.ts';
import { seesPersonal, type RecordActor } from '../persons/record-actor.ts';
import { cumulativeCases, divisionName, measuresAsOf, newCasesBetween } from './daily-report.repository.ts';

export type DailyActor = RecordActor & { displayName: string; jurisdictionCode: string };

function ageOn(birthDate: string | null, date: string): number | null {
  if (birthDate === null || !/^\d{4}-\d{2}-\d{2}/.test(birthDate)) {
    return null;
  }
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5, 10) ? years - 1 : years;
}

/** Everything the 疫情日报 of `date` says, read from the records inside the author's jurisdiction. */
export async function dailyReportInput(
  db: Executor,
  dialect: Dialect,
  actor: DailyActor,
  date: string,
  meta: { number: number; createdAt: string; recommendations: string },
  settings: DashboardSettings,
): Promise<DailyReportInput> {
  const { timeZone } = settings;
  const dayStart = startOfDay(date, timeZone);
  const dayEnd = startOfDay(nextDate(date), timeZone);
  const dashboard = await dashboardOf(db, dialect, actor, { date, curve: 'onset' }, settings);
  const cumulative = await cumulativeCases(db, actor.scope, dayEnd);
  const cases = await newCasesBetween(db, actor.scope, dayStart, dayEnd);
  const measures = await measuresAsOf(db, actor.scope, date, dayEnd);
  const jurisdiction = (await divisionName(db, actor.jurisdictionCode)) ?? actor.jurisdictionCode;
  const county = (await divisionName(db, actor.jurisdictionCode.slice(0, 6))) ?? jurisdiction;
  const visible = seesPersonal(actor, true);
  return {
    date,
    timeZone,
    unit: `${county}疾病预防控制中心`,
    jurisdiction,
    author: actor.displayName,
    number: meta.number,
    createdAt: meta.createdAt,
    newCases: { today: dashboard.newCases.today, yesterday: dashboard.newCases.yesterday },
    cumulative: Object.fromEntries(cumulative.map((c) => [c.classification, c.n])),
    zeroStreak: {
      jurisdiction: {
        lastConfirmedOn: dashboard.zeroStreak.jurisdiction.lastConfirmedOn,
        days: dashboard.zeroStreak.jurisdiction.days,
      },
      divisions: dashboard.zeroStreak.divisions.map((d) => ({
        name: d.name,
        lastConfirmedOn: d.lastConfirmedOn,
        days: d.days,
      })),
    },
    cases: cases.map((c) => ({
      caseNumber: c.case_number,
      name: visible ? c.name : maskName(c.name),
      sex: c.sex,
      age: ageOn(c.birth_date, dateIn(new Date(c.received_at), timeZone)),
      division: c.division_name ?? c.division_code,
      classification: c.classification,
      severity: c.severity,
      onsetDate: c.onset_date,
      receivedAt: new Date(c.received_at).toISOString(),
      discoveryRoute: c.discovery_route,
      hospital: c.hospital,
      contacts: c.contacts,
    })),
    contacts: {
      total: dashboard.contacts.total,
      byStatus: dashboard.contacts.byStatus,
      underObservation: dashboard.observation.bySite.map((s) => ({
        regime: s.kind,
        site: s.siteName,
        count: s.count,
      })),
      releasesDueToday: dashboard.releases.dueToday,
      releasesOverdue: dashboard.releases.overdue,
      becameCases: dashboard.contacts.becameCases,
    },
    tests: {
      dueToday: dashboard.samples.dueToday,
      doneToday: dashboard.samples.doneToday,
      pendingOverdue: dashboard.samples.pendingOverdue,
      positive: dashboard.samples.positive,
    },
    measures: measures.map((m) => measureLine({ ...toMeasure(m), placeName: m.place_name })),
    recommendations: meta.recommendations,
  };
}
