import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type {
  CreateEntryInput,
  EvidenceInput,
  UpdateEntryInput,
} from '../../../../src/server/trajectory/trajectory.schema.ts';
import { api, ApiError, type ApiErrorDetail } from '../../api/client.ts';
import { useMe } from '../auth/queries.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { auditKeys } from '../audit/queries.ts';
import { useMutationError } from '../cases/mutations.ts';
import { reportKeys } from '../reports/queries.ts';
import { trajectoryKeys, trajectoryUrl } from './queries.ts';

/** One hook per action on a case's trajectory; each refreshes the trajectory (and its flags) and the preview. */
function useTrajectoryMutation<T>(caseId: number, request: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  const onError = useMutationError();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: trajectoryKeys.ofCase(caseId) });
      void queryClient.invalidateQueries({ queryKey: reportKeys.ofCase(caseId) });
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
    onError,
  });
}

export function useAddEntry(caseId: number) {
  return useTrajectoryMutation(caseId, (input: CreateEntryInput) =>
    api('POST', trajectoryUrl(caseId), input),
  );
}

export function useEditEntry(caseId: number) {
  return useTrajectoryMutation(caseId, ({ entryId, ...input }: UpdateEntryInput & { entryId: number }) =>
    api('PATCH', `${trajectoryUrl(caseId)}/${entryId}`, input),
  );
}

export function useArchiveEntry(caseId: number) {
  return useTrajectoryMutation(
    caseId,
    ({ entryId, ...input }: { entryId: number; version: number; reason: string }) =>
      api('DELETE', `${trajectoryUrl(caseId)}/${entryId}`, input),
  );
}

export function useAddEvidence(caseId: number) {
  return useTrajectoryMutation(caseId, ({ entryId, ...input }: EvidenceInput & { entryId: number }) =>
    api('POST', `${trajectoryUrl(caseId)}/${entryId}/evidence`, input),
  );
}

export function useRemoveEvidence(caseId: number) {
  return useTrajectoryMutation(
    caseId,
    ({ entryId, evidenceId, reason }: { entryId: number; evidenceId: number; reason: string }) =>
      api('DELETE', `${trajectoryUrl(caseId)}/${entryId}/evidence/${evidenceId}`, { reason }),
  );
}

/** Adds an evidence item with a file: multipart, so it goes around the JSON client. */
export function useUploadEvidence(caseId: number) {
  const me = useMe();
  const { language } = useI18n();
  return useTrajectoryMutation(
    caseId,
    async ({ entryId, file, ...fields }: EvidenceInput & { entryId: number; file: File }) => {
      const body = new FormData();
      body.set('source', fields.source);
      body.set('confidence', fields.confidence);
      if (fields.reference) {
        body.set('reference', fields.reference);
      }
      body.set('file', file);
      const response = await fetch(`${trajectoryUrl(caseId)}/${entryId}/evidence/upload`, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { 'x-csrf-token': me.data?.csrfToken ?? '', 'accept-language': language },
      });
      if (!response.ok) {
        const parsed: unknown = await response.json().catch(() => null);
        const error =
          parsed && typeof parsed === 'object' && 'error' in parsed && isErrorShape(parsed.error)
            ? parsed.error
            : { code: `HTTP_${response.status}`, message: response.statusText, details: [] };
        throw new ApiError(response.status, error.code, error.message, error.details ?? []);
      }
      return response.json();
    },
  );
}

function isErrorShape(
  value: unknown,
): value is { code: string; message: string; details?: ApiErrorDetail[] } {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}
