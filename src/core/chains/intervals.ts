import { CONVERSION, EXPOSURE, type ChainGraph } from './graph.ts';

/**
 * Case-to-case transmission pairs and their serial intervals. An exposure from A to B pairs the cases the
 * two people are: a case is itself, a contact is the case it converted into (if any). So case A → contact
 * C → conversion → case B gives the pair (A, B), and so does a secondary contact exposed by a close contact
 * who later became a case.
 */

export type TransmissionPair = {
  sourceId: number;
  targetId: number;
  /** Onset of the target minus onset of the source, in days; null when either onset is unknown. */
  serialInterval: number | null;
};

export function transmissionPairs(graph: ChainGraph): TransmissionPair[] {
  const { ids, isCase, onsetDay, edgeSource, edgeTarget, edgeKind } = graph;
  const n = ids.length;
  const m = edgeSource.length;
  const caseOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (isCase[i] === 1) {
      caseOf[i] = i;
    }
  }
  for (let e = 0; e < m; e++) {
    if (edgeKind[e] === CONVERSION) {
      const contact = edgeSource[e] ?? 0;
      const becameCase = edgeTarget[e] ?? 0;
      if (isCase[becameCase] === 1 && isCase[contact] !== 1) {
        caseOf[contact] = becameCase;
      }
    }
  }
  const pairs: TransmissionPair[] = [];
  for (let e = 0; e < m; e++) {
    if (edgeKind[e] !== EXPOSURE) {
      continue;
    }
    const source = caseOf[edgeSource[e] ?? 0] ?? -1;
    const target = caseOf[edgeTarget[e] ?? 0] ?? -1;
    if (source < 0 || target < 0 || source === target) {
      continue;
    }
    const interval = (onsetDay[target] ?? Number.NaN) - (onsetDay[source] ?? Number.NaN);
    pairs.push({
      sourceId: ids[source] ?? 0,
      targetId: ids[target] ?? 0,
      serialInterval: Number.isNaN(interval) ? null : interval,
    });
  }
  return pairs;
}

export type IntervalSummary = {
  count: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
};

/** Mean, median, sample standard deviation and range of the known serial intervals. */
export function serialIntervalSummary(pairs: readonly TransmissionPair[]): IntervalSummary {
  const values = Float64Array.from(
    pairs.flatMap((p) => (p.serialInterval === null ? [] : [p.serialInterval])),
  ).sort();
  const count = values.length;
  if (count === 0) {
    return { count, mean: null, median: null, sd: null, min: null, max: null };
  }
  let sum = 0;
  for (const v of values) {
    sum += v;
  }
  const mean = sum / count;
  let squares = 0;
  for (const v of values) {
    squares += (v - mean) ** 2;
  }
  const middle = count >> 1;
  const median =
    count % 2 === 1 ? (values[middle] ?? 0) : ((values[middle - 1] ?? 0) + (values[middle] ?? 0)) / 2;
  return {
    count,
    mean,
    median,
    sd: count > 1 ? Math.sqrt(squares / (count - 1)) : null,
    min: values[0] ?? null,
    max: values[count - 1] ?? null,
  };
}

export type OnsetChecks = {
  /** A secondary case whose onset precedes its source's: a mistaken source or a reversed direction. */
  onsetBeforeSource: TransmissionPair[];
  /** Onsets further apart than the threshold: a missing intermediate case, or a mistaken link. */
  longGaps: TransmissionPair[];
};

/** The checks Go.Data users rely on; `maxGapDays` is a setting (14 by default: one incubation period). */
export function onsetChecks(pairs: readonly TransmissionPair[], maxGapDays = 14): OnsetChecks {
  const onsetBeforeSource: TransmissionPair[] = [];
  const longGaps: TransmissionPair[] = [];
  for (const pair of pairs) {
    if (pair.serialInterval === null) {
      continue;
    }
    if (pair.serialInterval < 0) {
      onsetBeforeSource.push(pair);
    }
    if (Math.abs(pair.serialInterval) > maxGapDays) {
      longGaps.push(pair);
    }
  }
  return { onsetBeforeSource, longGaps };
}
