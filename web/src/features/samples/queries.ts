import { useQuery } from '@tanstack/react-query';
import type { ListedSample, SampleListQuery } from '../../../../src/server/samples/sample-list.ts';
import type { DischargeFollowUp } from '../../../../src/server/samples/discharge.service.ts';
import type { DayList, SuggestionView } from '../../../../src/server/samples/samples.schema.ts';
import { api } from '../../api/client.ts';

export type SampleFilter = Partial<Omit<SampleListQuery, 'limit'>>;

export type PoolSummary = {
  id: number;
  code: string;
  size: number;
  status: string;
  result: string | null;
  lab: string | null;
  createdAt: string;
  testedAt: string | null;
  retests: ListedSample[];
};

export type FollowUp = DischargeFollowUp;

export type Division = { code: string; name: string; level: string; hasChildren?: boolean };

export const sampleKeys = {
  all: ['samples'] as const,
  dayList: (date: string, division: string | null) => ['samples', 'day-list', date, division] as const,
  list: (filter: SampleFilter) => ['samples', 'list', filter] as const,
  pools: (result: string | null) => ['samples', 'pools', result] as const,
  suggestions: (status: string) => ['samples', 'suggestions', status] as const,
  followUp: (caseId: number) => ['samples', 'follow-up', caseId] as const,
  divisions: (parent: string) => ['jurisdictions', 'children', parent] as const,
};

function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  return search.toString();
}

/** The URL of a day-list download (.docx, .xlsx, labels.docx) for the same date and division. */
export function dayListUrl(suffix: string, date: string, division: string | null): string {
  return `/api/v1/sampling/day-list.${suffix}?${query({ date, division })}`;
}

export function useDayList(date: string, division: string | null) {
  return useQuery({
    queryKey: sampleKeys.dayList(date, division),
    queryFn: () => api<DayList>('GET', `/api/v1/sampling/day-list?${query({ date, division })}`),
  });
}

export function useSampleList(filter: SampleFilter, cursor: string | null) {
  return useQuery({
    queryKey: [...sampleKeys.list(filter), cursor],
    queryFn: () =>
      api<{ items: ListedSample[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/samples?${query({ ...filter, cursor, limit: 50 })}`,
      ),
  });
}

export function usePools(result: string | null) {
  return useQuery({
    queryKey: sampleKeys.pools(result),
    queryFn: () =>
      api<{ items: PoolSummary[] }>('GET', `/api/v1/sample-pools?${query({ result, limit: 50 })}`),
  });
}

export function useSuggestions(status: string) {
  return useQuery({
    queryKey: sampleKeys.suggestions(status),
    queryFn: () => api<{ items: SuggestionView[] }>('GET', `/api/v1/lab-suggestions?${query({ status })}`),
  });
}

export function useFollowUp(caseId: number, enabled: boolean) {
  return useQuery({
    queryKey: sampleKeys.followUp(caseId),
    enabled,
    queryFn: () => api<FollowUp>('GET', `/api/v1/cases/${caseId}/discharge-follow-up`),
  });
}

/** The divisions under `parent` (villages under a street, streets under a district). */
export function useDivisions(parent: string) {
  return useQuery({
    queryKey: sampleKeys.divisions(parent),
    enabled: parent !== '',
    queryFn: () => api<{ items: Division[] }>('GET', `/api/v1/jurisdictions?${query({ parent })}`),
    staleTime: 600_000,
  });
}
