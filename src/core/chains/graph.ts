/**
 * A transmission graph in the compact form the chain computations share: nodes by index, edges in flat
 * typed arrays, so that a city's outbreak (100k cases, 1M contacts) is analysed in well under a second.
 */

export type NodeKind = 'case' | 'contact';

/**
 * `exposure`: the source exposed the target (case → contact, close contact → secondary contact, case → case).
 * `conversion`: a contact became this case — the same person, so no generation passes.
 * `co_exposure`: both were at the same place in the same window; it links clusters but has no direction.
 */
export const edgeKinds = ['exposure', 'conversion', 'co_exposure'] as const;
export type EdgeKind = (typeof edgeKinds)[number];

export type ChainNode = { id: number; kind: NodeKind; onsetDate: string | null };
export type ChainEdge = { source: number; target: number; kind: EdgeKind };

export class ChainInputError extends Error {
  readonly field: string;
  readonly code: string;

  constructor(field: string, code: string) {
    super(`${field}: ${code}`);
    this.name = 'ChainInputError';
    this.field = field;
    this.code = code;
  }
}

export type ChainGraph = {
  ids: Float64Array;
  isCase: Uint8Array;
  /** Onset as whole days since 1970-01-01 (UTC calendar), NaN when unknown. */
  onsetDay: Float64Array;
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  /** Index into `edgeKinds`. */
  edgeKind: Uint8Array;
  /** The node index of an id, or -1. */
  indexOf: (id: number) => number;
};

export const EXPOSURE = 0;
export const CONVERSION = 1;
export const CO_EXPOSURE = 2;

/** The edge kind's code, or -1 for a kind that is not one (the input may come from outside). */
function kindCode(kind: string): number {
  switch (kind) {
    case 'exposure':
      return EXPOSURE;
    case 'conversion':
      return CONVERSION;
    case 'co_exposure':
      return CO_EXPOSURE;
    default:
      return -1;
  }
}
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole days since the epoch of a 'YYYY-MM-DD' calendar date, or NaN when it is not a real date. */
export function dayNumber(date: string): number {
  const match = datePattern.exec(date);
  if (!match) {
    return Number.NaN;
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return Number.NaN;
  }
  return ms / 86_400_000;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Node ids are database ids: mostly dense small integers, for which an array lookup is several times faster
 * than a Map at a million nodes. Sparse or negative ids fall back to a Map.
 */
function idIndex(nodes: readonly ChainNode[]): (id: number) => number {
  let maxId = -1;
  let dense = true;
  for (const node of nodes) {
    if (!Number.isInteger(node.id) || node.id < 0) {
      dense = false;
      break;
    }
    maxId = Math.max(maxId, node.id);
  }
  dense = dense && maxId <= 4 * nodes.length + 1024;
  if (dense) {
    const table = new Int32Array(maxId + 1).fill(-1);
    nodes.forEach((node, i) => {
      if ((table[node.id] ?? -1) >= 0) {
        throw new ChainInputError(`nodes.${i}.id`, 'duplicate');
      }
      table[node.id] = i;
    });
    return (id) => (Number.isInteger(id) && id >= 0 && id <= maxId ? (table[id] ?? -1) : -1);
  }
  const map = new Map<number, number>();
  nodes.forEach((node, i) => {
    if (map.has(node.id)) {
      throw new ChainInputError(`nodes.${i}.id`, 'duplicate');
    }
    map.set(node.id, i);
  });
  return (id) => map.get(id) ?? -1;
}

/** Indexes the nodes and edges; unknown ids, duplicate ids and bad dates are refused by field. */
export function buildChainGraph(nodes: readonly ChainNode[], edges: readonly ChainEdge[]): ChainGraph {
  const n = nodes.length;
  const ids = new Float64Array(n);
  const isCase = new Uint8Array(n);
  const onsetDay = new Float64Array(n);
  const indexOf = idIndex(nodes);
  for (let i = 0; i < n; i++) {
    const node = nodes[i];
    if (!node) {
      continue;
    }
    ids[i] = node.id;
    isCase[i] = node.kind === 'case' ? 1 : 0;
    if (node.onsetDate === null) {
      onsetDay[i] = Number.NaN;
    } else {
      const day = dayNumber(node.onsetDate);
      if (Number.isNaN(day)) {
        throw new ChainInputError(`nodes.${i}.onsetDate`, 'iso_date');
      }
      onsetDay[i] = day;
    }
  }
  const m = edges.length;
  const edgeSource = new Int32Array(m);
  const edgeTarget = new Int32Array(m);
  const edgeKind = new Uint8Array(m);
  for (let e = 0; e < m; e++) {
    const edge = edges[e];
    if (!edge) {
      continue;
    }
    const source = indexOf(edge.source);
    const target = indexOf(edge.target);
    if (source < 0) {
      throw new ChainInputError(`edges.${e}.source`, 'unknown_node');
    }
    if (target < 0) {
      throw new ChainInputError(`edges.${e}.target`, 'unknown_node');
    }
    const kind = kindCode(edge.kind);
    if (kind < 0) {
      throw new ChainInputError(`edges.${e}.kind`, 'invalid_value');
    }
    edgeSource[e] = source;
    edgeTarget[e] = target;
    edgeKind[e] = kind;
  }
  return { ids, isCase, onsetDay, edgeSource, edgeTarget, edgeKind, indexOf };
}

/** Outgoing directed edges (exposure and conversion) in compressed-row form: node i's are `targets[start[i]..start[i+1])`. */
export type Adjacency = { start: Int32Array; targets: Int32Array; weights: Uint8Array };

export function directedAdjacency(graph: ChainGraph): Adjacency {
  const { ids, edgeSource, edgeTarget, edgeKind } = graph;
  const n = ids.length;
  const m = edgeSource.length;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    if (edgeKind[e] !== CO_EXPOSURE) {
      const s = edgeSource[e] ?? 0;
      start[s + 1] = (start[s + 1] ?? 0) + 1;
    }
  }
  for (let i = 0; i < n; i++) {
    start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0);
  }
  const total = start[n] ?? 0;
  const targets = new Int32Array(total);
  const weights = new Uint8Array(total);
  const cursor = start.slice(0, n);
  for (let e = 0; e < m; e++) {
    const kind = edgeKind[e];
    if (kind === CO_EXPOSURE) {
      continue;
    }
    const s = edgeSource[e] ?? 0;
    const at = cursor[s] ?? 0;
    targets[at] = edgeTarget[e] ?? 0;
    // An exposure passes a generation; a conversion is the same person.
    weights[at] = kind === EXPOSURE ? 1 : 0;
    cursor[s] = at + 1;
  }
  return { start, targets, weights };
}
