import path from 'node:path';
import { clusterVisits, type VisitClusters } from '../../core/colocation/clusters.ts';
import { matchCompanions, matchContacts } from '../../core/colocation/index.ts';
import type { MatchRows, VisitColumns } from '../../core/colocation/types.ts';
import {
  loadSegmentClusters,
  loadVisitColumns,
  readLabels,
  readManifest,
  rowCount,
  storeDir,
  type Manifest,
} from '../visits/visit-store.ts';
import { caseColumns, type CaseVisit } from './case-visits.ts';
import { sumThread } from './sum-thread.ts';

export type DiscoveryParams = { tolerance: number; minOverlap: number };

/** One candidate as the engine found it, labelled with the log's external ids. */
export type FoundCandidate = {
  kind: 'contact' | 'companion';
  externalPersonId: string;
  caseId: number;
  placeId: number | null;
  cell: string | null;
  overlapSeconds: number;
  firstAt: number;
  lastAt: number;
};

export type MatchOutcome = { candidates: FoundCandidate[]; caseVisits: number; visitsScanned: number };

type Located = { caseId: number; person: number; location: number; start: number; end: number };

type Clusters = VisitClusters | readonly VisitClusters[];
type Log = { visits: VisitColumns; byPlace?: Clusters | undefined; byCell?: Clusters | undefined };

/** The log a server keeps for its next discovery runs, with the manifest segments it was read from. */
let kept: { key: string; log: Log } | undefined;

/**
 * The committed log as the engine reads it, with each segment's clusterings by place and by cell as the
 * import stored them (docs/decisions/009): the engine then probes them instead of scanning the log. A
 * server keeps the log for its next runs, since an outbreak's discovery is run again as cases and
 * trajectories come in; a new import names a new segment, which replaces what was kept. When a segment
 * has no stored clusters (imported before they were stored), a server clusters the log in memory once,
 * and a one-off run (the CLI) scans it.
 */
function logOf(dir: string, manifest: Manifest, keep: boolean): Log {
  const key = `${path.resolve(dir)}\n${JSON.stringify(manifest.segments)}`;
  if (keep && kept?.key === key) {
    return kept.log;
  }
  if (keep) {
    // The old log is let go before the new one is read: two logs need not fit in memory at once.
    kept = undefined;
  }
  const visits = loadVisitColumns(dir, manifest);
  const stored = {
    byPlace: loadSegmentClusters(dir, manifest, 'place'),
    byCell: visits.cell ? loadSegmentClusters(dir, manifest, 'cell') : undefined,
  };
  if (!keep) {
    return { visits, ...stored };
  }
  const inMemory = (column: Int32Array) => clusterVisits(visits, column);
  const log: Log = {
    visits,
    byPlace: stored.byPlace ?? inMemory(visits.place),
    byCell: visits.cell ? (stored.byCell ?? inMemory(visits.cell)) : undefined,
  };
  kept = { key, log };
  return log;
}

/**
 * Runs the engine over the visit store: contacts at the places of the case visits, and, when the log has
 * grid cells, companions of the case persons' own records in the log (clipped to their look-back windows).
 * Rows of a case's own person (by the persons reference) are dropped.
 */
export function matchOverStore(
  dataDir: string,
  caseVisits: readonly CaseVisit[],
  own: Map<number, Set<string>>,
  lookBacks: Map<number, { start: number; end: number }>,
  params: DiscoveryParams,
  keepLog = false,
): MatchOutcome {
  const dir = storeDir(dataDir);
  const manifest = readManifest(dir);
  const personLabels = readLabels(dir, manifest, 'person');
  const placeLabels = readLabels(dir, manifest, 'place');
  const placeDense = new Map(placeLabels.map((label, id) => [label, id]));
  const ownDense = new Map<number, Set<number>>();
  const wanted = new Map<string, number[]>();
  for (const [caseId, ids] of own) {
    ownDense.set(caseId, new Set());
    for (const id of ids) {
      wanted.set(id, [...(wanted.get(id) ?? []), caseId]);
    }
  }
  personLabels.forEach((label, dense) => {
    for (const caseId of wanted.get(label) ?? []) {
      ownDense.get(caseId)?.add(dense);
    }
  });
  const nobody = personLabels.length;
  const personOf = (caseId: number) => [...(ownDense.get(caseId) ?? [])][0] ?? nobody;
  const placeIdOf = new Map<number, number>();
  const located: Located[] = [];
  for (const visit of caseVisits) {
    const dense = placeDense.get(visit.venueCode);
    if (dense === undefined) {
      continue;
    }
    placeIdOf.set(dense, visit.placeId);
    located.push({
      caseId: visit.caseId,
      person: personOf(visit.caseId),
      location: dense,
      start: visit.start,
      end: visit.end,
    });
  }
  // A server lends the engine its helper thread (decision 013), started before the log is read so that
  // it is up by the time the engine runs; a one-off run is over before it would be. A log of fewer visits
  // than the thread's minimum of pairs seldom gives that many (a pair is a visit meeting a case visit), so
  // a server holding such a log does not start it.
  const thread = keepLog ? sumThread() : undefined;
  const helper = thread && rowCount(manifest) >= thread.minPairs ? thread : undefined;
  helper?.start();
  const { visits, byPlace, byCell } = logOf(dir, manifest, keepLog);
  const candidates: FoundCandidate[] = [];
  const isOwn = (caseId: number, person: number) => ownDense.get(caseId)?.has(person) === true;
  const contacts = matchContacts(caseColumns(located, false), visits, {
    tolerance: params.tolerance,
    clusters: byPlace,
    helper,
  });
  const contactTimes = overlapTimes(contacts, located, visits, visits.place, params.tolerance);
  for (let r = 0; r < contacts.length; r++) {
    const person = contacts.person[r] ?? 0;
    const caseId = contacts.caseId[r] ?? 0;
    const location = contacts.location[r] ?? 0;
    if (isOwn(caseId, person)) {
      continue;
    }
    const times = contactTimes.get(`${person}|${caseId}|${location}`);
    candidates.push({
      kind: 'contact',
      externalPersonId: personLabels[person] ?? String(person),
      caseId,
      placeId: placeIdOf.get(location) ?? null,
      cell: null,
      overlapSeconds: contacts.overlap[r] ?? 0,
      firstAt: times?.first ?? 0,
      lastAt: times?.last ?? 0,
    });
  }
  if (visits.cell) {
    const cellLabels = readLabels(dir, manifest, 'cell');
    const own = ownCellVisits(visits, ownDense, lookBacks);
    const companions = matchCompanions(caseColumns(own, true), visits, {
      minOverlap: params.minOverlap,
      clusters: byCell,
      helper,
    });
    const times = overlapTimes(companions, own, visits, visits.cell, 0);
    for (let r = 0; r < companions.length; r++) {
      const person = companions.person[r] ?? 0;
      const caseId = companions.caseId[r] ?? 0;
      const location = companions.location[r] ?? 0;
      if (isOwn(caseId, person)) {
        continue;
      }
      const t = times.get(`${person}|${caseId}|${location}`);
      candidates.push({
        kind: 'companion',
        externalPersonId: personLabels[person] ?? String(person),
        caseId,
        placeId: null,
        cell: cellLabels[location] ?? String(location),
        overlapSeconds: companions.overlap[r] ?? 0,
        firstAt: t?.first ?? 0,
        lastAt: t?.last ?? 0,
      });
    }
  }
  return { candidates, caseVisits: located.length, visitsScanned: visits.length };
}

/** The case persons' own located records in the log, clipped to their cases' look-back windows. */
function ownCellVisits(
  visits: VisitColumns,
  ownDense: Map<number, Set<number>>,
  lookBacks: Map<number, { start: number; end: number }>,
): Located[] {
  const casesOf = new Map<number, number[]>();
  for (const [caseId, persons] of ownDense) {
    for (const person of persons) {
      casesOf.set(person, [...(casesOf.get(person) ?? []), caseId]);
    }
  }
  const result: Located[] = [];
  if (casesOf.size === 0 || !visits.cell) {
    return result;
  }
  for (let i = 0; i < visits.length; i++) {
    const person = visits.person[i] ?? -1;
    const caseIds = casesOf.get(person);
    const cell = visits.cell[i] ?? -1;
    if (!caseIds || cell < 0) {
      continue;
    }
    for (const caseId of caseIds) {
      const window = lookBacks.get(caseId);
      const start = Math.max(visits.start[i] ?? 0, window?.start ?? -Infinity);
      const end = Math.min(visits.end[i] ?? 0, window?.end ?? Infinity);
      if (start < end) {
        result.push({ caseId, person, location: cell, start, end });
      }
    }
  }
  return result;
}

/**
 * First and last instant of overlap of each result row: a second pass over the visits, touching only
 * visits whose person and location appear in the results (the engine sums overlaps and keeps no times).
 */
function overlapTimes(
  rows: MatchRows,
  located: readonly Located[],
  visits: VisitColumns,
  locations: Int32Array | undefined,
  tolerance: number,
): Map<string, { first: number; last: number }> {
  const times = new Map<string, { first: number; last: number }>();
  if (rows.length === 0 || !locations) {
    return times;
  }
  let maxPerson = 0;
  for (let r = 0; r < rows.length; r++) {
    maxPerson = Math.max(maxPerson, rows.person[r] ?? 0);
  }
  // A flag per person id keeps the pass over the log at one array read per visit.
  const persons = new Uint8Array(maxPerson + 1);
  for (let r = 0; r < rows.length; r++) {
    persons[rows.person[r] ?? 0] = 1;
    times.set(`${rows.person[r]}|${rows.caseId[r]}|${rows.location[r]}`, {
      first: Infinity,
      last: -Infinity,
    });
  }
  const byLocation = new Map<number, Located[]>();
  for (const visit of located) {
    byLocation.set(visit.location, [...(byLocation.get(visit.location) ?? []), visit]);
  }
  for (let i = 0; i < visits.length; i++) {
    const person = visits.person[i] ?? -1;
    if (persons[person] !== 1) {
      continue;
    }
    const at = byLocation.get(locations[i] ?? -1);
    if (!at) {
      continue;
    }
    const vs = visits.start[i] ?? 0;
    const ve = visits.end[i] ?? 0;
    for (const c of at) {
      if (c.person === person || !(vs < c.end + tolerance && ve > c.start - tolerance)) {
        continue;
      }
      const held = times.get(`${person}|${c.caseId}|${c.location}`);
      if (held) {
        held.first = Math.min(held.first, Math.max(vs, c.start - tolerance));
        held.last = Math.max(held.last, Math.min(ve, c.end + tolerance));
      }
    }
  }
  return times;
}
