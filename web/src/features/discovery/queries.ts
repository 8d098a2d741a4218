import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Candidate, DiscoveryRun } from '../../../../src/server/discovery/discovery.schema.ts';
import { api } from '../../api/client.ts';

export type PlaceCount = {
  placeId: number | null;
  placeName: string | null;
  candidates: number;
  pending: number;
};
export type CandidatePage = { items: Candidate[]; nextCursor: string | null; countsByPlace: PlaceCount[] };

export const discoveryKeys = {
  all: ['discovery'] as const,
  runs: (outbreakId: number) => ['discovery', 'runs', outbreakId] as const,
  candidates: (runId: number, placeId: number | null) => ['discovery', 'candidates', runId, placeId] as const,
};

export function useRuns(outbreakId: number | null) {
  return useQuery({
    queryKey: discoveryKeys.runs(outbreakId ?? 0),
    enabled: outbreakId !== null,
    queryFn: () =>
      api<{ items: DiscoveryRun[] }>('GET', `/api/v1/outbreaks/${outbreakId ?? 0}/discovery-runs`),
  });
}

export function useCandidates(runId: number | null, placeId: number | null) {
  return useInfiniteQuery({
    queryKey: discoveryKeys.candidates(runId ?? 0, placeId),
    enabled: runId !== null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '100' });
      if (placeId !== null) {
        params.set('placeId', String(placeId));
      }
      if (pageParam) {
        params.set('cursor', pageParam);
      }
      return api<CandidatePage>(
        'GET',
        `/api/v1/discovery-runs/${runId ?? 0}/candidates?${params.toString()}`,
      );
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
