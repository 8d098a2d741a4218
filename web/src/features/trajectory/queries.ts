import { useQuery } from '@tanstack/react-query';
import type { Trajectory } from '../../../../src/server/trajectory/trajectory.schema.ts';
import { api } from '../../api/client.ts';

export const trajectoryKeys = {
  all: ['trajectory'] as const,
  ofCase: (caseId: number) => ['trajectory', caseId] as const,
};

export function trajectoryUrl(caseId: number): string {
  return `/api/v1/cases/${caseId}/trajectory`;
}

export function useTrajectory(caseId: number) {
  return useQuery({
    queryKey: trajectoryKeys.ofCase(caseId),
    queryFn: () => api<Trajectory>('GET', trajectoryUrl(caseId)),
  });
}
