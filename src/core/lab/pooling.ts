/**
 * Pooled testing (混采, PROTOCOLS.md §6): up to N samples a tube; a positive pool means testing every member
 * again on its own, a negative pool clears every member.
 */

export type PoolProblem = {
  field: string;
  code: 'pool_too_large' | 'pool_empty' | 'pool_duplicate';
  params: Record<string, number>;
};

export function poolProblem(sampleIds: readonly number[], max: number): PoolProblem | null {
  if (sampleIds.length === 0) {
    return { field: 'sampleIds', code: 'pool_empty', params: {} };
  }
  if (sampleIds.length > max) {
    return { field: 'sampleIds', code: 'pool_too_large', params: { max, count: sampleIds.length } };
  }
  const seen = new Set<number>();
  for (const [i, id] of sampleIds.entries()) {
    if (seen.has(id)) {
      return { field: `sampleIds.${i}`, code: 'pool_duplicate', params: { id } };
    }
    seen.add(id);
  }
  return null;
}

export type PoolConsequence =
  /** Every member gets an individual retest. */
  | { kind: 'retest'; members: number[] }
  /** Every member takes the pool's negative result. */
  | { kind: 'clear'; members: number[] }
  /** An inconclusive pool is retested as a pool: nothing is decided for the members. */
  | { kind: 'none'; members: number[] };

export function poolConsequence(
  result: 'positive' | 'negative' | 'inconclusive',
  members: readonly number[],
): PoolConsequence {
  if (result === 'positive') {
    return { kind: 'retest', members: [...members] };
  }
  if (result === 'negative') {
    return { kind: 'clear', members: [...members] };
  }
  return { kind: 'none', members: [...members] };
}
