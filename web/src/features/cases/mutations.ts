import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type {
  Case,
  ClassificationInput,
  ReportCaseInput,
  UpdateCaseInput,
} from '../../../../src/server/cases/cases.schema.ts';
import { api, ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { auditKeys } from '../audit/queries.ts';
import { caseKeys } from './queries.ts';

/** A stale write tells the user to reload; anything else shows the server's message. */
export function useMutationError() {
  const { message } = App.useApp();
  const { t } = useI18n();
  return (error: Error) => {
    if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
      void message.error(t('common.versionConflict'));
      return;
    }
    if (error instanceof ApiError && error.details.some((d) => d.field)) {
      // Field errors are shown next to their fields by the form.
      return;
    }
    void message.error(error instanceof Error ? error.message : t('common.error'));
  };
}

/** One hook per action on a case; each invalidates the case lists, the record and its history. */
function useCaseMutation<T>(
  request: (input: T) => Promise<Case>,
  successKey: 'common.saved' | 'cases.reported',
) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  const onError = useMutationError();
  return useMutation({
    mutationFn: request,
    onSuccess: (saved) => {
      void message.success(t(successKey));
      queryClient.setQueryData(caseKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
    onError,
  });
}

export function useReportCase() {
  return useCaseMutation(
    (input: ReportCaseInput) => api<Case>('POST', '/api/v1/cases', input),
    'cases.reported',
  );
}

export function useUpdateCase() {
  return useCaseMutation(
    ({ id, ...input }: UpdateCaseInput & { id: number }) => api<Case>('PATCH', `/api/v1/cases/${id}`, input),
    'common.saved',
  );
}

export function useChangeClassification() {
  return useCaseMutation(
    ({
      id,
      ...input
    }: Partial<ClassificationInput> & Pick<ClassificationInput, 'to' | 'reason'> & { id: number }) =>
      api<Case>('POST', `/api/v1/cases/${id}/classification`, input),
    'common.saved',
  );
}
