import type { Executor } from '../db/transaction.ts';
import { measuresOfPlaces } from './measures.repository.ts';
import { toMeasure } from './measures.service.ts';
import type { PlaceMeasure } from './measures.schema.ts';

export type CaseMeasure = PlaceMeasure & { placeName: string };

/**
 * The measures (suspensions, terminal disinfections) at the places of a case's trajectory, for the
 * 流调报告's 应对措施 and 建议 sections. Pending suspensions are recommendations; the others are measures
 * taken.
 */
export async function placeMeasuresForCase(db: Executor, caseId: number): Promise<CaseMeasure[]> {
  const places = await db
    .selectFrom('trajectory_entries')
    .innerJoin('places', 'places.id', 'trajectory_entries.place_id')
    .select(['places.id', 'places.name'])
    .where('trajectory_entries.case_id', '=', caseId)
    .where('trajectory_entries.archived', '=', 0)
    .distinct()
    .execute();
  const names = new Map(places.map((p) => [Number(p.id), p.name]));
  const rows = await measuresOfPlaces(db, [...names.keys()]);
  return rows.map((row) => {
    const measure = toMeasure(row);
    return { ...measure, placeName: names.get(measure.placeId) ?? '' };
  });
}

/** One line of the report per measure, in Chinese as the report is written. */
export function measureLine(measure: CaseMeasure): string {
  if (measure.kind === 'disinfection') {
    const done = measure.status === 'done';
    return done
      ? `${measure.placeName}已完成终末消毒（${measure.scope ?? ''}，${measure.agent ?? ''} ${measure.concentration ?? ''}，${measure.operator ?? ''}），评价：${measure.evaluation ?? ''}`
      : `${measure.placeName}待开展终末消毒（${measure.scope ?? ''}，${measure.agent ?? ''} ${measure.concentration ?? ''}）`;
  }
  const labels: Record<string, string> = {
    recommended: '建议暂停营业',
    approved: '暂停营业已批准',
    in_force: '已暂停营业',
    lifted: '已恢复营业',
  };
  const status = labels[measure.status] ?? measure.status;
  return `${measure.placeName}${status}${measure.reason ? `（${measure.reason}）` : ''}`;
}
