// Transmission chains over a city-sized outbreak: clusters, generations, serial intervals and checks.
//   node --import tsx bench/chains.bench.ts [--cases 100000] [--contacts 1000000] [--seed 2020] [--runs 5]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { analyseChains } from '../src/core/chains/analyse.ts';
import { clusterSizeHistogram, findClusters } from '../src/core/chains/clusters.ts';
import { generations } from '../src/core/chains/generations.ts';
import { buildChainGraph, type ChainEdge, type ChainNode } from '../src/core/chains/graph.ts';
import { onsetChecks, serialIntervalSummary, transmissionPairs } from '../src/core/chains/intervals.ts';

type Options = { cases: number; contacts: number; seed: number; runs: number };

/** mulberry32: a small seeded generator, so that every run builds the same outbreak. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstOnsetDay = Date.UTC(2020, 0, 10) / 86_400_000;
const dateOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * 2% of cases are index cases with an onset in the first 60 days; every other case was exposed by one of
 * the 2,000 cases before it, as a close contact who converted, with a serial interval of -2..9 days. The
 * remaining contacts are exposed by random cases, a tenth of them by another contact (secondary contacts),
 * and a few thousand co-exposures at places link cases across clusters.
 */
function generateOutbreak(options: Options): { nodes: ChainNode[]; edges: ChainEdge[] } {
  const random = seeded(options.seed);
  const int = (n: number): number => Math.floor(random() * n);
  const nodes: ChainNode[] = [];
  const edges: ChainEdge[] = [];
  const onset = new Float64Array(options.cases);
  let nextContactId = options.cases + 1;
  const addContact = (): number => {
    const id = nextContactId;
    nextContactId += 1;
    nodes.push({ id, kind: 'contact', onsetDate: null });
    return id;
  };
  for (let i = 0; i < options.cases; i++) {
    const id = i + 1;
    if (i === 0 || random() < 0.02) {
      onset[i] = firstOnsetDay + int(60);
    } else {
      const source = i - 1 - int(Math.min(i, 2000));
      onset[i] = (onset[source] ?? firstOnsetDay) + int(12) - 2;
      const contact = addContact();
      edges.push({ source: source + 1, target: contact, kind: 'exposure' });
      edges.push({ source: contact, target: id, kind: 'conversion' });
    }
    nodes.push({ id, kind: 'case', onsetDate: dateOf(onset[i] ?? firstOnsetDay) });
  }
  const firstPlainContact = nextContactId;
  while (nextContactId <= options.cases + options.contacts) {
    const contact = addContact();
    const bySecondary = contact > firstPlainContact && random() < 0.1;
    const source = bySecondary
      ? firstPlainContact + int(contact - firstPlainContact)
      : 1 + int(options.cases);
    edges.push({ source, target: contact, kind: 'exposure' });
  }
  for (let k = 0; k < options.cases / 20; k++) {
    edges.push({ source: 1 + int(options.cases), target: 1 + int(options.cases), kind: 'co_exposure' });
  }
  return { nodes, edges };
}

/**
 * Wall time and the CPU time this process used: on a shared machine the wall time includes waiting for a
 * core, and the CPU time is what the computation itself costs.
 */
function time<T>(f: () => T): [T, number, number] {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = f();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return [result, wall, (used.user + used.system) / 1000];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '100000' },
      contacts: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '2020' },
      runs: { type: 'string', default: '5' },
    },
  });
  const options: Options = {
    cases: Number(values.cases),
    contacts: Number(values.contacts),
    seed: Number(values.seed),
    runs: Math.max(1, Number(values.runs)),
  };
  const [{ nodes, edges }, generateMs] = time(() => generateOutbreak(options));

  const stepNames = [
    'index the graph',
    'clusters (union-find)',
    'generations',
    'pairs + serial intervals',
    'histogram + checks',
    'analyseChains (all of it)',
  ];
  const wall = new Map<string, number[]>(stepNames.map((step) => [step, []]));
  const cpu = new Map<string, number[]>(stepNames.map((step) => [step, []]));
  const record = (step: string, [, wallMs, cpuMs]: readonly [unknown, number, number]): void => {
    wall.get(step)?.push(wallMs);
    cpu.get(step)?.push(cpuMs);
  };
  let summary = analyseChains(nodes, edges);
  for (let run = 0; run < options.runs; run++) {
    const indexed = time(() => buildChainGraph(nodes, edges));
    record('index the graph', indexed);
    const graph = indexed[0];
    const clustered = time(() => findClusters(graph));
    record('clusters (union-find)', clustered);
    record(
      'generations',
      time(() => generations(graph)),
    );
    const paired = time(() => {
      const found = transmissionPairs(graph);
      serialIntervalSummary(found);
      return found;
    });
    record('pairs + serial intervals', paired);
    record(
      'histogram + checks',
      time(() => [clusterSizeHistogram(clustered[0].clusters), onsetChecks(paired[0])]),
    );
    const whole = time(() => analyseChains(nodes, edges));
    record('analyseChains (all of it)', whole);
    summary = whole[0];
  }

  const largest = summary.clusters[0];
  console.log(
    `chains: ${options.cases.toLocaleString('en')} cases, ${options.contacts.toLocaleString('en')} contacts, ` +
      `${edges.length.toLocaleString('en')} edges, seed ${options.seed}, ${options.runs} runs ` +
      `(generated in ${generateMs.toFixed(0)} ms, not timed below); load average ${loadavg()[0]?.toFixed(1)}`,
  );
  console.log('');
  console.log('| step | wall median ms | wall min ms | CPU median ms | CPU min ms |');
  console.log('|---|---:|---:|---:|---:|');
  for (const step of stepNames) {
    const w = wall.get(step) ?? [];
    const c = cpu.get(step) ?? [];
    console.log(
      `| ${step} | ${median(w).toFixed(1)} | ${Math.min(...w).toFixed(1)} | ${median(c).toFixed(1)} | ${Math.min(...c).toFixed(1)} |`,
    );
  }
  const total = median(wall.get('analyseChains (all of it)') ?? []);
  const totalCpu = median(cpu.get('analyseChains (all of it)') ?? []);
  console.log('');
  console.log(
    `target < 1000 ms: wall ${total.toFixed(0)} ms ${total < 1000 ? 'met' : 'MISSED'}, CPU ${totalCpu.toFixed(0)} ms ${totalCpu < 1000 ? 'met' : 'MISSED'}. ` +
      `clusters ${summary.clusters.length.toLocaleString('en')}, largest ${largest?.caseCount ?? 0} cases / ` +
      `${largest?.nodeCount ?? 0} nodes, max generation ${summary.generation.reduce((a, b) => Math.max(a, b), -1)}, ` +
      `pairs ${summary.pairs.length.toLocaleString('en')}, serial interval median ${summary.serialInterval.median} d, ` +
      `onset-before-source ${summary.checks.onsetBeforeSource.length.toLocaleString('en')}, ` +
      `long gaps ${summary.checks.longGaps.length.toLocaleString('en')}`,
  );
}

main();
