import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { Candidate, DiscoveryRun } from '../../../../src/server/discovery/discovery.schema.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { discoveryKeys } from './queries.ts';

function useDiscoveryMutation<T, R>(
  request: (input: T) => Promise<R>,
  done: 'discovery.ran' | 'common.saved',
) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void message.success(t(done));
      void queryClient.invalidateQueries({ queryKey: discoveryKeys.all });
    },
  });
}

export function useRunDiscovery(outbreakId: number | null) {
  return useDiscoveryMutation(
    (input: { tolerance: number }) =>
      api<DiscoveryRun>('POST', `/api/v1/outbreaks/${outbreakId ?? 0}/discovery-runs`, input),
    'discovery.ran',
  );
}

export function useConfirmCandidate() {
  return useDiscoveryMutation(
    (c: Candidate) =>
      api<Candidate>('POST', `/api/v1/discovery-candidates/${c.id}/confirm`, { version: c.version }),
    'common.saved',
  );
}

export function useDismissCandidate() {
  return useDiscoveryMutation(
    ({ candidate, reason }: { candidate: Candidate; reason: string }) =>
      api<Candidate>('POST', `/api/v1/discovery-candidates/${candidate.id}/dismiss`, {
        version: candidate.version,
        reason,
      }),
    'common.saved',
  );
}
