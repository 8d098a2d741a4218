import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { PlaceMeasure } from '../../../../src/server/places/measures.schema.ts';
import type { Place, PlaceExposureWindow } from '../../../../src/server/places/places.schema.ts';
import type { VisitImport } from '../../../../src/server/visits/visit-imports.schema.ts';
import { api } from '../../api/client.ts';

/** `archived` lists the archived places instead of the others. */
export type PlaceFilter = { q?: string; type?: string; archived?: boolean };

export const placeKeys = {
  all: ['places'] as const,
  list: (filter: PlaceFilter) => ['places', 'list', filter] as const,
  one: (id: number) => ['places', 'one', id] as const,
  windows: (id: number) => ['places', 'windows', id] as const,
  measures: (id: number) => ['places', 'measures', id] as const,
  imports: ['visit-imports'] as const,
  importOne: (id: number) => ['visit-imports', id] as const,
};

export function usePlaces(filter: PlaceFilter) {
  return useInfiniteQuery({
    queryKey: placeKeys.list(filter),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '50' });
      if (filter.q) {
        params.set('q', filter.q);
      }
      if (filter.type) {
        params.set('type', filter.type);
      }
      if (filter.archived) {
        params.set('archived', 'true');
      }
      if (pageParam) {
        params.set('cursor', pageParam);
      }
      return api<{ items: Place[]; nextCursor: string | null }>('GET', `/api/v1/places?${params.toString()}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function usePlace(id: number) {
  return useQuery({ queryKey: placeKeys.one(id), queryFn: () => api<Place>('GET', `/api/v1/places/${id}`) });
}

export function useExposureWindows(id: number) {
  return useQuery({
    queryKey: placeKeys.windows(id),
    queryFn: () => api<{ items: PlaceExposureWindow[] }>('GET', `/api/v1/places/${id}/exposure-windows`),
  });
}

export function useMeasures(id: number) {
  return useQuery({
    queryKey: placeKeys.measures(id),
    queryFn: () => api<{ items: PlaceMeasure[] }>('GET', `/api/v1/places/${id}/measures`),
  });
}

export function useVisitImports() {
  return useQuery({
    queryKey: placeKeys.imports,
    queryFn: () => api<{ items: VisitImport[] }>('GET', '/api/v1/visit-imports?limit=20'),
  });
}

/** Polls an import while it runs. */
export function useVisitImport(id: number | null) {
  return useQuery({
    queryKey: placeKeys.importOne(id ?? 0),
    enabled: id !== null,
    queryFn: () => api<VisitImport>('GET', `/api/v1/visit-imports/${id ?? 0}`),
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 500 : false),
  });
}
