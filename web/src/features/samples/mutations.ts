import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportResult } from '../../../../src/server/samples/lab-import.ts';
import type { ListedSample } from '../../../../src/server/samples/sample-list.ts';
import type { Pool, SuggestionView } from '../../../../src/server/samples/samples.schema.ts';
import { api, ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMe } from '../auth/queries.ts';
import { sampleKeys } from './queries.ts';

/** One hook per action; each invalidates the sample lists it changed. Errors are shown where the action is. */
function useSampleMutation<T, R>(request: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sampleKeys.all });
    },
  });
}

export function useRegisterSample() {
  return useSampleMutation((input: { code: string }) =>
    api<ListedSample>('POST', '/api/v1/samples/register', input),
  );
}

export function useCreatePool() {
  return useSampleMutation((input: { codes: string[] }) => api<Pool>('POST', '/api/v1/sample-pools', input));
}

export function useReceiveSamples() {
  return useSampleMutation((input: { codes: string[]; lab?: string }) =>
    api<{ received: number }>('POST', '/api/v1/samples/receive', input),
  );
}

export type ResultInput = {
  code: string;
  testedAt: string;
  lab?: string;
  nat: Array<{
    target: 'ORF1ab' | 'N';
    ct?: number | null;
    result?: 'positive' | 'negative' | 'inconclusive';
  }>;
  antibodies: Array<{ target: 'IgM' | 'IgG'; result: 'positive' | 'negative' | 'inconclusive' }>;
};

export function useEnterResult() {
  return useSampleMutation((input: ResultInput) =>
    api<{ kind: 'sample' | 'pool'; id: number; outcome: string | null; retests: number }>(
      'POST',
      '/api/v1/lab-results',
      input,
    ),
  );
}

/** Uploads a lab CSV with its column mapping (multipart, so around the JSON client). */
export function useImportLabFile() {
  const me = useMe();
  const { language } = useI18n();
  return useSampleMutation(
    async ({ file, mapping }: { file: File; mapping: Record<string, string> }): Promise<ImportResult> => {
      const body = new FormData();
      body.set('mapping', JSON.stringify(mapping));
      body.set('file', file);
      const response = await fetch('/api/v1/lab-results/import', {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { 'x-csrf-token': me.data?.csrfToken ?? '', 'accept-language': language },
      });
      if (response.ok) {
        return response.json();
      }
      const parsed: unknown = await response.json().catch(() => null);
      const error =
        parsed !== null && typeof parsed === 'object' && 'error' in parsed && typeof parsed.error === 'object'
          ? parsed.error
          : null;
      const message =
        error !== null && 'message' in error && typeof error.message === 'string'
          ? error.message
          : response.statusText;
      throw new ApiError(response.status, `HTTP_${response.status}`, message, []);
    },
  );
}

export type DecideInput = {
  id: number;
  version: number;
  decision: 'accept' | 'dismiss';
  note?: string;
  classification?: 'suspected' | 'confirmed' | 'asymptomatic';
  dischargeDate?: string;
};

export function useDecideSuggestion() {
  return useSampleMutation(({ id, ...body }: DecideInput) =>
    api<{ suggestion: SuggestionView; caseId: number | null }>(
      'POST',
      `/api/v1/lab-suggestions/${id}/decide`,
      body,
    ),
  );
}

export function useRecordDischarge(caseId: number) {
  return useSampleMutation((input: { dischargeDate: string; version?: number }) =>
    api<unknown>('PUT', `/api/v1/cases/${caseId}/discharge`, input),
  );
}
