import { useInfiniteQuery } from '@tanstack/react-query';
import type { Task } from '../../../../src/server/tasks/tasks.schema.ts';
import { api } from '../../api/client.ts';

export type { Task };

/** The board's views: assigned to me, past due, past due by more than the escalation limit. */
export type TaskView = 'mine' | 'overdue' | 'escalated';

export const taskKeys = {
  all: ['tasks'] as const,
  list: (view: TaskView) => ['tasks', view] as const,
};

export function useTasks(view: TaskView) {
  return useInfiniteQuery({
    queryKey: taskKeys.list(view),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '50', status: 'open' });
      params.set(view, 'true');
      if (pageParam) {
        params.set('cursor', pageParam);
      }
      return api<{ items: Task[]; nextCursor: string | null }>('GET', `/api/v1/tasks?${params.toString()}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 60_000,
  });
}
