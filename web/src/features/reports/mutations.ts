import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { ReportKind } from '../../../../src/core/report/types.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { auditKeys } from '../audit/queries.ts';
import { useMutationError } from '../cases/mutations.ts';
import { caseKeys } from '../cases/queries.ts';
import { investigationKeys } from '../investigations/queries.ts';
import { taskKeys } from '../tasks/queries.ts';
import { reportKeys, type ReportVersion } from './queries.ts';

function useReportMutation<T>(
  caseId: number,
  request: (input: T) => Promise<unknown>,
  success: 'reports.generated' | 'reports.submitted',
) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  const onError = useMutationError();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void message.success(t(success));
      void queryClient.invalidateQueries({ queryKey: reportKeys.ofCase(caseId) });
      void queryClient.invalidateQueries({ queryKey: investigationKeys.all });
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
    onError,
  });
}

/** Keeps the report as it reads now as a new immutable version. */
export function useGenerateReport(caseId: number) {
  return useReportMutation(
    caseId,
    (input: { kind: ReportKind }) => api<ReportVersion>('POST', '/api/v1/reports', { caseId, ...input }),
    'reports.generated',
  );
}

/** Records the recipients and the time; the investigation moves to 已报送 and its 24-h clock stops. */
export function useSubmitReport(caseId: number) {
  return useReportMutation(
    caseId,
    ({ id, recipients }: { id: number; recipients: string[] | null }) =>
      api('POST', `/api/v1/reports/${id}/submit`, recipients ? { recipients } : {}),
    'reports.submitted',
  );
}
