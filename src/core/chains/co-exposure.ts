/**
 * Place-based co-exposure: two cases whose trajectory entries name the same place within overlapping
 * windows. Neither exposed the other for certain, so the edge links clusters without a direction.
 */

export type PlaceVisit = { caseId: number; placeId: number; startAt: string; endAt: string };

export type CoExposure = { a: number; b: number; placeId: number };

/**
 * Each unordered pair of cases once (the first shared place found), by a sweep over each place's visits
 * sorted by start: a visit overlaps those still open when it starts.
 */
export function coExposures(visits: readonly PlaceVisit[]): CoExposure[] {
  const byPlace = new Map<number, Array<{ caseId: number; start: number; end: number }>>();
  for (const v of visits) {
    const start = Date.parse(v.startAt);
    const end = Date.parse(v.endAt);
    if (Number.isNaN(start) || Number.isNaN(end)) {
      continue;
    }
    const list = byPlace.get(v.placeId) ?? [];
    list.push({ caseId: v.caseId, start, end: Math.max(start, end) });
    byPlace.set(v.placeId, list);
  }
  const seen = new Set<string>();
  const result: CoExposure[] = [];
  for (const [placeId, list] of byPlace) {
    list.sort((x, y) => x.start - y.start);
    let open: Array<{ caseId: number; end: number }> = [];
    for (const visit of list) {
      open = open.filter((o) => o.end >= visit.start);
      for (const o of open) {
        if (o.caseId === visit.caseId) {
          continue;
        }
        const a = Math.min(o.caseId, visit.caseId);
        const b = Math.max(o.caseId, visit.caseId);
        const key = `${a}:${b}`;
        if (!seen.has(key)) {
          seen.add(key);
          result.push({ a, b, placeId });
        }
      }
      open.push({ caseId: visit.caseId, end: visit.end });
    }
  }
  return result;
}
