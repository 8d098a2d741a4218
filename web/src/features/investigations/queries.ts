import { useQuery } from '@tanstack/react-query';
import type {
  ClockItem,
  Investigation,
} from '../../../../src/server/investigations/investigations.schema.ts';
import { api } from '../../api/client.ts';

export const investigationKeys = {
  all: ['investigations'] as const,
  ofCase: (caseId: number) => ['investigations', 'case', caseId] as const,
  open: (overdue: boolean) => ['investigations', 'open', overdue] as const,
};

export function investigationUrl(caseId: number): string {
  return `/api/v1/cases/${caseId}/investigation`;
}

export function useInvestigation(caseId: number) {
  return useQuery({
    queryKey: investigationKeys.ofCase(caseId),
    queryFn: () => api<Investigation>('GET', investigationUrl(caseId)),
  });
}

/** Open investigations with their clocks (overdue only when asked); refreshed each minute from the server. */
export function useOpenInvestigations(overdue: boolean) {
  return useQuery({
    queryKey: investigationKeys.open(overdue),
    queryFn: () =>
      api<{ now: string; items: ClockItem[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/investigations/${overdue ? 'overdue' : 'clocks'}?limit=50`,
      ),
    refetchInterval: 60_000,
  });
}
