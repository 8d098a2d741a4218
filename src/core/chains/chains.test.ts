import { describe, expect, it } from 'vitest';
import { analyseChains } from './analyse.ts';
import { clusterSizeHistogram } from './clusters.ts';
import { generations } from './generations.ts';
import { buildChainGraph, ChainInputError, type ChainEdge, type ChainNode } from './graph.ts';
import { onsetChecks } from './intervals.ts';

const node = (id: number, kind: 'case' | 'contact', onsetDate: string | null = null): ChainNode => ({
  id,
  kind,
  onsetDate,
});
const exposure = (source: number, target: number): ChainEdge => ({ source, target, kind: 'exposure' });
const conversion = (source: number, target: number): ChainEdge => ({ source, target, kind: 'conversion' });

/**
 * Cluster A: case 1 exposes contact 101, who becomes case 2; case 2 exposes contact 102 (whose secondary
 * contact is 103) and case 3 directly, whose onset is a day before case 2's; case 1 exposes contact 104,
 * who becomes case 4 a month later. Cluster B: case 10 with contact 110, and case 11 (no onset) met at the
 * same place. Case 20 alone. Contact 200 with no known source.
 */
const nodes: ChainNode[] = [
  node(1, 'case', '2020-01-20'),
  node(101, 'contact'),
  node(2, 'case', '2020-01-25'),
  node(102, 'contact'),
  node(103, 'contact'),
  node(3, 'case', '2020-01-24'),
  node(104, 'contact'),
  node(4, 'case', '2020-02-20'),
  node(10, 'case', '2020-01-22'),
  node(110, 'contact'),
  node(11, 'case'),
  node(20, 'case', '2020-01-18'),
  node(200, 'contact'),
];
const edges: ChainEdge[] = [
  exposure(1, 101),
  conversion(101, 2),
  exposure(2, 102),
  exposure(102, 103),
  exposure(2, 3),
  exposure(1, 104),
  conversion(104, 4),
  exposure(10, 110),
  { source: 11, target: 10, kind: 'co_exposure' },
];

const analysis = analyseChains(nodes, edges);
const byId = <T>(values: ArrayLike<T>): Record<string, T | undefined> =>
  Object.fromEntries(nodes.map((n, i) => [n.id, values[i]]));

describe('clusters', () => {
  it('are the connected components, largest first, named by their index case', () => {
    expect(analysis.clusters).toEqual([
      {
        key: 1,
        indexCaseId: 1,
        nodeCount: 8,
        caseCount: 4,
        firstOnset: '2020-01-20',
        lastOnset: '2020-02-20',
      },
      {
        key: 10,
        indexCaseId: 10,
        nodeCount: 3,
        caseCount: 2,
        firstOnset: '2020-01-22',
        lastOnset: '2020-01-22',
      },
      {
        key: 20,
        indexCaseId: 20,
        nodeCount: 1,
        caseCount: 1,
        firstOnset: '2020-01-18',
        lastOnset: '2020-01-18',
      },
      { key: 200, indexCaseId: null, nodeCount: 1, caseCount: 0, firstOnset: null, lastOnset: null },
    ]);
    const keyOf = byId(Array.from(analysis.clusterOf, (c) => analysis.clusters[c]?.key));
    expect(keyOf).toEqual({
      1: 1,
      101: 1,
      2: 1,
      102: 1,
      103: 1,
      3: 1,
      104: 1,
      4: 1,
      10: 10,
      110: 10,
      11: 10,
      20: 20,
      200: 200,
    });
  });

  it('a co-exposure or a shared contact merges clusters; the earlier index case names the result', () => {
    const merged = analyseChains(nodes, [...edges, { source: 20, target: 110, kind: 'co_exposure' }]);
    expect(merged.clusters[1]).toMatchObject({ key: 20, indexCaseId: 20, caseCount: 3, nodeCount: 4 });
  });

  it('ties on onset go to the lower id', () => {
    const tie = analyseChains(
      [node(7, 'case', '2020-01-01'), node(5, 'case', '2020-01-01')],
      [exposure(7, 5)],
    );
    expect(tie.clusters[0]?.indexCaseId).toBe(5);
  });

  it('the histogram counts clusters by cases (contacts alone are no cluster) or by nodes', () => {
    expect(analysis.histogram).toEqual([
      { size: 1, clusters: 1 },
      { size: 2, clusters: 1 },
      { size: 4, clusters: 1 },
    ]);
    expect(clusterSizeHistogram(analysis.clusters, 'nodes')).toEqual([
      { size: 1, clusters: 2 },
      { size: 3, clusters: 1 },
      { size: 8, clusters: 1 },
    ]);
  });
});

describe('generations', () => {
  it('count exposures from the cases with no known source; a conversion is the same generation', () => {
    expect(byId(analysis.generation)).toEqual({
      1: 0,
      101: 1,
      2: 1,
      102: 2,
      103: 3,
      3: 2,
      104: 1,
      4: 1,
      10: 0,
      110: 1,
      11: 0,
      20: 0,
      200: -1,
    });
  });

  it('take the shortest way when two sources reach a node, and -1 in a loop no case starts', () => {
    const graph = buildChainGraph(
      [node(1, 'case'), node(2, 'case'), node(3, 'case'), node(4, 'case'), node(5, 'case'), node(6, 'case')],
      [exposure(1, 2), exposure(2, 3), exposure(3, 4), exposure(5, 4), exposure(6, 5), exposure(5, 6)],
    );
    // 1 → 2 → 3 → 4; 5 ⇄ 6 is a loop with no root, so 4 keeps its distance from 1.
    expect(Array.from(generations(graph))).toEqual([0, 1, 2, 3, -1, -1]);
    const shortcut = buildChainGraph(
      [node(1, 'case'), node(2, 'case'), node(3, 'case'), node(9, 'case')],
      [exposure(1, 2), exposure(2, 3), exposure(9, 3)],
    );
    expect(Array.from(generations(shortcut))).toEqual([0, 1, 1, 0]);
  });

  it('a chain of conversions passes no generation, wherever the zero-weight edge sits in the search', () => {
    const graph = buildChainGraph(
      [node(1, 'case'), node(2, 'contact'), node(3, 'case'), node(4, 'contact'), node(5, 'case')],
      [exposure(1, 2), conversion(2, 3), exposure(3, 4), conversion(4, 5), exposure(1, 5)],
    );
    expect(Array.from(generations(graph))).toEqual([0, 1, 1, 2, 1]);
  });
});

describe('serial intervals and onset checks', () => {
  it('pair the cases along exposures, through the contact who converted', () => {
    expect(analysis.pairs).toEqual([
      { sourceId: 1, targetId: 2, serialInterval: 5 },
      { sourceId: 2, targetId: 3, serialInterval: -1 },
      { sourceId: 1, targetId: 4, serialInterval: 31 },
    ]);
  });

  it('summarise the known intervals', () => {
    expect(analysis.serialInterval).toMatchObject({ count: 3, median: 5, min: -1, max: 31 });
    expect(analysis.serialInterval.mean).toBeCloseTo(35 / 3, 10);
    expect(analysis.serialInterval.sd).toBeCloseTo(Math.sqrt(578.6666666666667 / 2), 10);
  });

  it('flag a secondary case with onset before its source, and gaps beyond the threshold', () => {
    expect(analysis.checks.onsetBeforeSource).toEqual([{ sourceId: 2, targetId: 3, serialInterval: -1 }]);
    expect(analysis.checks.longGaps).toEqual([{ sourceId: 1, targetId: 4, serialInterval: 31 }]);
    expect(onsetChecks(analysis.pairs, 31).longGaps).toEqual([]);
    expect(onsetChecks(analysis.pairs, 4).longGaps.map((p) => p.targetId)).toEqual([2, 4]);
  });

  it('a pair with an unknown onset has no interval and is not checked', () => {
    const result = analyseChains([node(1, 'case', '2020-01-01'), node(2, 'case')], [exposure(1, 2)]);
    expect(result.pairs).toEqual([{ sourceId: 1, targetId: 2, serialInterval: null }]);
    expect(result.serialInterval).toEqual({
      count: 0,
      mean: null,
      median: null,
      sd: null,
      min: null,
      max: null,
    });
    expect(result.checks).toEqual({ onsetBeforeSource: [], longGaps: [] });
  });

  it('an even number of intervals has the mean of the middle two as median', () => {
    const result = analyseChains(
      [node(1, 'case', '2020-01-01'), node(2, 'case', '2020-01-04'), node(3, 'case', '2020-01-09')],
      [exposure(1, 2), exposure(2, 3)],
    );
    expect(result.serialInterval).toMatchObject({ count: 2, median: 4, mean: 4, min: 3, max: 5 });
  });
});

describe('bad input names the field', () => {
  const failure = (f: () => unknown): string => {
    try {
      f();
      return 'no error';
    } catch (e) {
      return e instanceof ChainInputError ? `${e.field}:${e.code}` : 'other';
    }
  };

  it('unknown nodes, duplicate ids and impossible dates', () => {
    expect(failure(() => buildChainGraph([node(1, 'case')], [exposure(1, 2)]))).toBe(
      'edges.0.target:unknown_node',
    );
    expect(failure(() => buildChainGraph([node(1, 'case')], [exposure(3, 1)]))).toBe(
      'edges.0.source:unknown_node',
    );
    expect(failure(() => buildChainGraph([node(1, 'case'), node(1, 'contact')], []))).toBe(
      'nodes.1.id:duplicate',
    );
    expect(failure(() => buildChainGraph([node(1, 'case', '2020-02-30')], []))).toBe(
      'nodes.0.onsetDate:iso_date',
    );
    const loose: ChainEdge[] = JSON.parse('[{"source":1,"target":1,"kind":"rumour"}]');
    expect(failure(() => buildChainGraph([node(1, 'case')], loose))).toBe('edges.0.kind:invalid_value');
  });
});
