import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type {
  Investigation,
  TransitionInput,
  UpdateInvestigationInput,
} from '../../../../src/server/investigations/investigations.schema.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { auditKeys } from '../audit/queries.ts';
import { useMutationError } from '../cases/mutations.ts';
import { caseKeys } from '../cases/queries.ts';
import { reportKeys } from '../reports/queries.ts';
import { taskKeys } from '../tasks/queries.ts';
import { investigationKeys, investigationUrl } from './queries.ts';

/** One hook per action on an investigation; each refreshes the case, clocks, tasks and report preview. */
function useInvestigationMutation<T>(caseId: number, request: (input: T) => Promise<Investigation>) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  const onError = useMutationError();
  return useMutation({
    mutationFn: request,
    onSuccess: (saved) => {
      void message.success(t('common.saved'));
      queryClient.setQueryData(investigationKeys.ofCase(caseId), saved);
      void queryClient.invalidateQueries({ queryKey: investigationKeys.all });
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      void queryClient.invalidateQueries({ queryKey: reportKeys.ofCase(caseId) });
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
    onError,
  });
}

export function useTransition(caseId: number) {
  return useInvestigationMutation(caseId, (input: TransitionInput) =>
    api<Investigation>('POST', `${investigationUrl(caseId)}/transition`, input),
  );
}

/** Saves the form draft, the team and lead, or marks the core information collected. */
export function useUpdateInvestigation(caseId: number) {
  return useInvestigationMutation(caseId, (input: UpdateInvestigationInput) =>
    api<Investigation>('PATCH', investigationUrl(caseId), input),
  );
}
