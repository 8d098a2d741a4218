import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  boardSchema,
  siteDetailSchema,
  Site,
} from '../../../../src/server/quarantine/quarantine.schema.ts';
import { api } from '../../api/client.ts';

export type SiteDetail = z.infer<typeof siteDetailSchema>;
export type Board = z.infer<typeof boardSchema>;

export const quarantineKeys = {
  all: ['quarantine'] as const,
  sites: ['quarantine', 'sites'] as const,
  site: (id: number) => ['quarantine', 'site', id] as const,
  board: (id: number) => ['quarantine', 'board', id] as const,
};

/** The sites of the user's jurisdiction (a district has a handful; one page holds them). */
export function useSites() {
  return useQuery({
    queryKey: quarantineKeys.sites,
    queryFn: () =>
      api<{ items: Site[]; nextCursor: string | null }>('GET', '/api/v1/quarantine-sites?limit=500'),
  });
}

export function useSite(id: number | undefined) {
  return useQuery({
    queryKey: quarantineKeys.site(id ?? 0),
    enabled: id !== undefined,
    queryFn: () => api<SiteDetail>('GET', `/api/v1/quarantine-sites/${id ?? 0}`),
  });
}

export function useBoard(id: number) {
  return useQuery({
    queryKey: quarantineKeys.board(id),
    queryFn: () => api<Board>('GET', `/api/v1/quarantine-sites/${id}/board`),
  });
}
