import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Case, CaseListItem } from '../../../../src/server/cases/cases.schema.ts';
import type { Person } from '../../../../src/server/persons/persons.schema.ts';
import { api } from '../../api/client.ts';

export type CaseFilter = {
  classification?: string;
  status?: string;
  division?: string;
  onsetFrom?: string;
  onsetTo?: string;
  reportFrom?: string;
  reportTo?: string;
  q?: string;
  sort?: 'received' | 'onset';
};

export type DuplicateQuery = { name: string; phone?: string; birthDate?: string };

export const caseKeys = {
  all: ['cases'] as const,
  list: (filter: CaseFilter) => ['cases', 'list', filter] as const,
  detail: (id: number) => ['cases', 'detail', id] as const,
  duplicates: (query: DuplicateQuery) => ['persons', 'duplicates', query] as const,
};

function search(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value) {
      params.set(key, value);
    }
  }
  return params.toString();
}

export function useCases(filter: CaseFilter) {
  return useInfiniteQuery({
    queryKey: caseKeys.list(filter),
    queryFn: ({ pageParam }) =>
      api<{ items: CaseListItem[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/cases?${search({ ...filter, limit: '50', cursor: pageParam ?? undefined })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: number) {
  return useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: () => api<Case>('GET', `/api/v1/cases/${id}`),
  });
}

/** Likely duplicates of the person being typed: same name with the same phone or birth date. */
export function useDuplicates(query: DuplicateQuery | null) {
  return useQuery({
    queryKey: caseKeys.duplicates(query ?? { name: '' }),
    queryFn: () =>
      api<{ items: Person[] }>(
        'GET',
        `/api/v1/persons/duplicates?${search({ name: query?.name, phone: query?.phone, birthDate: query?.birthDate })}`,
      ),
    enabled: query !== null,
    staleTime: 30_000,
  });
}
