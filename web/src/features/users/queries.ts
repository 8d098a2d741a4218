import { useInfiniteQuery } from '@tanstack/react-query';
import type { User } from '../../../../src/server/users/users.schema.ts';
import { api } from '../../api/client.ts';

export type UserFilter = { q?: string; role?: string };

export const userKeys = {
  all: ['users'] as const,
  list: (filter: UserFilter) => ['users', 'list', filter] as const,
};

export function useUsers(filter: UserFilter) {
  return useInfiniteQuery({
    queryKey: userKeys.list(filter),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '50' });
      if (filter.q) {
        params.set('q', filter.q);
      }
      if (filter.role) {
        params.set('role', filter.role);
      }
      if (pageParam) {
        params.set('cursor', pageParam);
      }
      return api<{ items: User[]; nextCursor: string | null }>('GET', `/api/v1/users?${params.toString()}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
