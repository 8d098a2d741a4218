import { analyseChains, coExposures, type ChainEdge, type ChainNode } from '../../core/chains/index.ts';
import { maskName } from '../../core/identity/masking.ts';
import { offsetMinutes } from '../../core/time/zone.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { now, type Executor } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { auditOf, seesPersonal, type RecordActor } from '../persons/record-actor.ts';
import {
  chainCases,
  chainContacts,
  chainExposures,
  chainVisits,
  clusterRecordInside,
  findClusterRow,
  findClusterRows,
  insertClusterRow,
  updateClusterRow,
  type ChainCaseRow,
  type ChainContactRow,
  type ClusterRow,
} from './chains.repository.ts';
import type {
  ChainNodeView,
  ChainsQuery,
  ChainsResponse,
  ClusterView,
  PatchClusterBody,
} from './chains.schema.ts';

/** Distinct colours for clusters nobody has coloured yet, in order of cluster size. */
const palette = [
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#42d4f4',
  '#f032e6',
  '#9a6324',
  '#469990',
  '#808000',
  '#000075',
  '#bfef45',
];

// Cases and contacts share one id space in the chain core: a case is 2·id, a contact 2·id + 1.
const caseNode = (id: number) => 2 * id;
const contactNode = (id: number) => 2 * id + 1;
const nodeKey = (n: number) => (n % 2 === 0 ? `case:${n / 2}` : `contact:${(n - 1) / 2}`);

type Loaded = {
  cases: ChainCaseRow[];
  contacts: ChainContactRow[];
  nodes: ChainNode[];
  edges: ChainEdge[];
};

async function load(db: Executor, actor: RecordActor, query: ChainsQuery): Promise<Loaded> {
  const filter = { scope: actor.scope, outbreakId: query.outbreakId };
  const [cases, contacts, exposures, visits] = await Promise.all([
    chainCases(db, filter),
    chainContacts(db, filter),
    chainExposures(db, filter),
    query.coExposure === 'include' ? chainVisits(db, filter) : Promise.resolve([]),
  ]);
  const present = new Set<number>();
  const nodes: ChainNode[] = [];
  for (const c of cases) {
    present.add(caseNode(c.id));
    nodes.push({ id: caseNode(c.id), kind: 'case', onsetDate: c.onset_date });
  }
  for (const k of contacts) {
    present.add(contactNode(k.id));
    nodes.push({ id: contactNode(k.id), kind: 'contact', onsetDate: null });
  }
  const edges: ChainEdge[] = [];
  const seen = new Set<string>();
  const add = (source: number, target: number, kind: ChainEdge['kind']) => {
    const key = `${source}>${target}`;
    // Edges to records outside the jurisdiction are left out rather than leaking their existence.
    if (source === target || seen.has(key) || !present.has(source) || !present.has(target)) {
      return;
    }
    seen.add(key);
    edges.push({ source, target, kind });
  };
  for (const k of contacts) {
    const target = contactNode(k.id);
    const source =
      k.source_contact_id === null ? caseNode(k.source_case_id) : contactNode(k.source_contact_id);
    add(source, target, 'exposure');
    if (k.converted_case_id !== null) {
      add(target, caseNode(k.converted_case_id), 'conversion');
    }
  }
  for (const e of exposures) {
    if (e.source_contact_id !== null) {
      add(contactNode(e.source_contact_id), contactNode(e.contact_id), 'exposure');
    } else if (e.source_case_id !== null) {
      add(caseNode(e.source_case_id), contactNode(e.contact_id), 'exposure');
    }
  }
  const places = coExposures(
    visits.map((v) => ({ caseId: v.case_id, placeId: v.place_id, startAt: v.start_at, endAt: v.end_at })),
  );
  for (const p of places) {
    add(caseNode(p.a), caseNode(p.b), 'co_exposure');
  }
  return { cases, contacts, nodes, edges };
}

function clusterView(
  row: ClusterRow | undefined,
  key: string,
  position: number,
  c: {
    indexCaseId: number | null;
    nodeCount: number;
    caseCount: number;
    firstOnset: string | null;
    lastOnset: string | null;
  },
): ClusterView {
  return {
    key,
    name: row?.name ?? `聚集 ${position + 1}`,
    colour: row?.colour ?? palette[position % palette.length] ?? '#888888',
    version: row?.version ?? 0,
    indexCaseId: c.indexCaseId === null ? null : c.indexCaseId / 2,
    nodeCount: c.nodeCount,
    caseCount: c.caseCount,
    firstOnset: c.firstOnset,
    lastOnset: c.lastOnset,
  };
}

/** Nodes, edges, clusters, serial intervals, the histogram and the onset checks, computed now. */
export async function chainsOf(
  db: Executor,
  actor: RecordActor,
  query: ChainsQuery,
  settings: { timeZone: string },
): Promise<ChainsResponse> {
  const started = performance.now();
  const { cases, contacts, nodes, edges } = await load(db, actor, query);
  const analysis = analyseChains(nodes, edges);
  const keys = analysis.clusters.map((c) => nodeKey(c.key));
  const stored = new Map((await findClusterRows(db, keys)).map((r) => [r.key, r]));
  const clusters = analysis.clusters.map((c, i) =>
    clusterView(stored.get(keys[i] ?? ''), keys[i] ?? '', i, c),
  );
  const visible = seesPersonal(actor, true);
  const dayOf = daysIn(settings.timeZone);
  const views: ChainNodeView[] = [];
  cases.forEach((c, i) => {
    views.push({
      id: `case:${c.id}`,
      kind: 'case',
      recordId: c.id,
      classification: c.classification,
      status: null,
      onset: c.onset_date,
      date: c.onset_date ?? dayOf(c.received_at),
      cluster: keys[analysis.clusterOf[i] ?? 0] ?? '',
      generation: nonNegative(analysis.generation[i]),
      label: `${c.case_number} ${visible ? c.person_name : maskName(c.person_name)}`,
      masked: !visible,
    });
  });
  contacts.forEach((k, j) => {
    const i = cases.length + j;
    views.push({
      id: `contact:${k.id}`,
      kind: 'contact',
      recordId: k.id,
      classification: k.classification,
      status: k.status,
      onset: null,
      date: dayOf(k.last_exposure_at),
      cluster: keys[analysis.clusterOf[i] ?? 0] ?? '',
      generation: nonNegative(analysis.generation[i]),
      label: visible ? k.person_name : maskName(k.person_name),
      masked: !visible,
    });
  });
  const kept = views.filter(
    (v) =>
      (query.from === undefined || v.date >= query.from) &&
      (query.to === undefined || v.date <= query.to) &&
      (query.clusterId === undefined || v.cluster === query.clusterId),
  );
  const keptIds = new Set(kept.map((v) => v.id));
  const keptEdges = edges
    .map((e) => ({ source: nodeKey(e.source), target: nodeKey(e.target), kind: e.kind }))
    .filter((e) => keptIds.has(e.source) && keptIds.has(e.target));
  const pair = (p: { sourceId: number; targetId: number; serialInterval: number | null }) => ({
    sourceId: nodeKey(p.sourceId),
    targetId: nodeKey(p.targetId),
    serialInterval: p.serialInterval,
  });
  return {
    nodes: kept,
    edges: keptEdges,
    clusters: query.clusterId === undefined ? clusters : clusters.filter((c) => c.key === query.clusterId),
    serialInterval: analysis.serialInterval,
    histogram: analysis.histogram,
    checks: {
      onsetBeforeSource: analysis.checks.onsetBeforeSource.map(pair),
      longGaps: analysis.checks.longGaps.map(pair),
    },
    computedMs: Math.round(performance.now() - started),
  };
}

/**
 * The calendar day of many instants in one zone. Asking Intl for the offset of each of 10k instants took
 * most of the request (about a second); an offset never changes within an hour, so it is asked once per hour.
 */
function daysIn(timeZone: string): (instant: string) => string {
  const offsets = new Map<number, number>();
  return (instant) => {
    const ms = Date.parse(instant);
    const hour = Math.floor(ms / 3_600_000);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      offset = offsetMinutes(new Date(ms), timeZone);
      offsets.set(hour, offset);
    }
    return new Date(ms + offset * 60_000).toISOString().slice(0, 10);
  };
}

function nonNegative(value: number | undefined): number | null {
  return value === undefined || value < 0 ? null : value;
}

/** Names or recolours a cluster; version 0 names it the first time. */
export async function patchCluster(
  trx: Executor,
  actor: RecordActor,
  key: string,
  body: PatchClusterBody,
): Promise<{ key: string; name: string; colour: string; version: number }> {
  if (!(await clusterRecordInside(trx, actor.scope, key))) {
    throw new AppError('NOT_FOUND', { params: { entity: 'cluster' } });
  }
  const before = await findClusterRow(trx, key);
  const at = now();
  let after: ClusterRow | undefined;
  if (before === undefined) {
    if (body.version !== 0) {
      throw new AppError('VERSION_CONFLICT');
    }
    after = await insertClusterRow(trx, {
      key,
      name: body.name,
      colour: body.colour,
      updated_at: at,
      updated_by: actor.username,
    });
  } else {
    after = await updateClusterRow(trx, key, body.version, {
      name: body.name,
      colour: body.colour,
      updated_at: at,
      updated_by: actor.username,
    });
  }
  if (after === undefined) {
    throw new AppError('VERSION_CONFLICT');
  }
  await recordAudit(trx, auditOf(actor), {
    action: 'cluster.edit',
    entity: 'cluster',
    entityId: key,
    changes: {
      name: { before: before?.name, after: after.name },
      colour: { before: before?.colour, after: after.colour },
    },
  });
  return { key: after.key, name: after.name, colour: after.colour, version: after.version };
}
