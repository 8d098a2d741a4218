import { queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type { Outbreak } from '../../../../src/server/outbreaks/outbreaks.schema.ts';
import type { protocolListSchema } from '../../../../src/server/protocols/protocols.schema.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

export type ProtocolList = z.infer<typeof protocolListSchema>;

/**
 * `all` is the prefix of the list and of the pickers (`choices`, on the case report and discovery pages), so a
 * declared or archived outbreak shows up in (or leaves) every one of them.
 */
export const outbreakKeys = {
  all: ['outbreaks'] as const,
  pages: (archived: boolean) => ['outbreaks', 'pages', archived] as const,
  choices: (withArchived: boolean) => ['outbreaks', 'choices', withArchived] as const,
  one: (id: number) => ['outbreaks', 'one', id] as const,
  protocols: ['protocols'] as const,
};

/** The outbreaks of the caller's jurisdiction, newest start first; `archived` lists the archived ones instead. */
export function useOutbreakPages(archived: boolean) {
  return useInfiniteQuery({
    queryKey: outbreakKeys.pages(archived),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '20', archived: String(archived) });
      if (pageParam) {
        params.set('cursor', pageParam);
      }
      return api<{ items: Outbreak[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/outbreaks?${params.toString()}`,
      );
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/**
 * The outbreaks a picker offers, newest first: the active ones to report a case into, or all of them to
 * look back at (discovery runs). A jurisdiction declares a few a year, so one page of the newest 500.
 */
export function useOutbreakChoices(withArchived = false) {
  return useQuery({
    queryKey: outbreakKeys.choices(withArchived),
    queryFn: () =>
      api<{ items: Outbreak[] }>(
        'GET',
        `/api/v1/outbreaks?limit=500${withArchived ? '' : '&archived=false'}`,
      ),
    staleTime: 300_000,
  });
}

/** One outbreak as it is now, e.g. to reload a form after a 409 (`queryClient.fetchQuery`). */
export const outbreakQuery = (id: number) =>
  queryOptions({
    queryKey: outbreakKeys.one(id),
    queryFn: () => api<Outbreak>('GET', `/api/v1/outbreaks/${id}`),
    staleTime: 0,
  });

/** The protocol presets and local overlays: code-reviewed data that changes only with a release. */
export function useProtocols() {
  return useQuery({
    queryKey: outbreakKeys.protocols,
    queryFn: () => api<ProtocolList>('GET', '/api/v1/protocols'),
    staleTime: Infinity,
  });
}

/** A preset's name in the UI language (第九版防控方案), or its id until the presets have loaded. */
export function usePresetName(): (presetId: string) => string {
  const { language } = useI18n();
  const protocols = useProtocols();
  return useCallback(
    (presetId: string) => protocols.data?.items.find((p) => p.id === presetId)?.name[language] ?? presetId,
    [protocols.data, language],
  );
}
