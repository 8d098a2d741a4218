import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export type AuditEvent = {
  seq: number;
  at: string;
  actorId: number | null;
  actorUsername: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  changes: Record<string, { before?: unknown; after?: unknown }>;
  ip: string | null;
};

export type AuditFilter = {
  actorId?: number;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
};

export const auditKeys = {
  all: ['audit-events'] as const,
  list: (filter: AuditFilter) => ['audit-events', filter] as const,
};

function query(filter: AuditFilter, cursor: string | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  params.set('limit', '50');
  if (cursor) {
    params.set('cursor', cursor);
  }
  return params.toString();
}

export function useAuditEvents(filter: AuditFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filter),
    queryFn: ({ pageParam }) =>
      api<{ items: AuditEvent[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/audit-events?${query(filter, pageParam)}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useVerifyAudit() {
  return useMutation({
    mutationFn: () =>
      api<{ ok: boolean; count: number; firstBad?: { seq: number; reason: string } }>(
        'GET',
        '/api/v1/audit-events/verify',
      ),
  });
}
