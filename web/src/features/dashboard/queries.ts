import { useQuery } from '@tanstack/react-query';
import type { Dashboard } from '../../../../src/server/dashboard/dashboard.schema.ts';
import { api } from '../../api/client.ts';

export type { Dashboard };

export function useDashboard(date: string | null, curve: 'onset' | 'report') {
  return useQuery({
    queryKey: ['dashboard', date, curve],
    queryFn: () => {
      const params = new URLSearchParams({ curve });
      if (date) {
        params.set('date', date);
      }
      return api<Dashboard>('GET', `/api/v1/dashboard?${params.toString()}`);
    },
    refetchInterval: 60_000,
  });
}
