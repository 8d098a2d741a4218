import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { z } from 'zod';
import type {
  Contact,
  CreateContactInput,
  ExposureInput,
} from '../../../../src/server/contacts/contacts.schema.ts';
import type { ImportReport } from '../../../../src/server/contacts/contacts-import.ts';
import type { FollowUp } from '../../../../src/server/follow-ups/follow-ups.schema.ts';
import type { PlaceInput, Placement } from '../../../../src/server/quarantine/quarantine.schema.ts';
import type { tracingBody } from '../../../../src/server/contacts/contacts.schema.ts';
import { api, ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMe } from '../auth/queries.ts';
import { useMutationError } from '../cases/mutations.ts';
import { contactKeys } from './queries.ts';

type TracingInput = z.input<typeof tracingBody>;

/**
 * One hook per action; each invalidates every contact query (lists, the record, the case tab) and the
 * quarantine boards, since placing and releasing change occupancy. Field errors stay with their forms.
 */
function useContactMutation<T, R>(request: (input: T) => Promise<R>, options: { quiet?: boolean } = {}) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  const onError = useMutationError();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      if (!options.quiet) {
        void message.success(t('common.saved'));
      }
      void queryClient.invalidateQueries({ queryKey: contactKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['quarantine'] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
    onError,
  });
}

export function useAddContact(caseId: number) {
  return useContactMutation((input: CreateContactInput) =>
    api<Contact>('POST', `/api/v1/cases/${caseId}/contacts`, input),
  );
}

export type BulkResult = { created: number; exposuresAdded: number; contactIds: number[] };

export function useBulkAddContacts(caseId: number) {
  return useContactMutation(
    (rows: Record<string, unknown>[]) =>
      api<BulkResult>('POST', `/api/v1/cases/${caseId}/contacts/bulk`, { rows }),
    { quiet: true },
  );
}

export function useAddExposure(id: number) {
  return useContactMutation((input: ExposureInput) =>
    api<Contact>('POST', `/api/v1/contacts/${id}/exposures`, input),
  );
}

export type StatusChange = { version: number; to: 'notified' | 'home_monitoring' | 'lost'; reason?: string };

export function useChangeStatus(id: number) {
  return useContactMutation((input: StatusChange) =>
    api<Contact>('POST', `/api/v1/contacts/${id}/status`, input),
  );
}

export function usePlaceContact(id: number) {
  return useContactMutation((input: PlaceInput) =>
    api<Placement>('POST', `/api/v1/contacts/${id}/placements`, input),
  );
}

export function useReleaseContact(id: number) {
  return useContactMutation((input: { version: number; reason?: string }) =>
    api<{ outcome: 'released' | 'upgraded'; contact: Contact }>(
      'POST',
      `/api/v1/contacts/${id}/release`,
      input,
    ),
  );
}

export type ConvertInput = {
  version: number;
  classification: 'suspected' | 'confirmed' | 'asymptomatic';
  receivedAt: string;
  reportingInstitution: string;
  onsetDate?: string;
  hospital?: string;
  reason: string;
};

export function useConvertContact(id: number) {
  const queryClient = useQueryClient();
  return useContactMutation(async (input: ConvertInput) => {
    const result = await api<{ contact: Contact; caseId: number; caseNumber: string }>(
      'POST',
      `/api/v1/contacts/${id}/convert`,
      input,
    );
    void queryClient.invalidateQueries({ queryKey: ['cases'] });
    return result;
  });
}

export function useLogTracing(id: number) {
  return useContactMutation((input: TracingInput) =>
    api<unknown>('POST', `/api/v1/contacts/${id}/tracing`, input),
  );
}

export type FollowUpInput = { at: string; temperature: number; symptoms: string[]; note?: string };

export function useRecordFollowUp(id: number) {
  return useContactMutation((input: FollowUpInput) =>
    api<FollowUp>('POST', `/api/v1/contacts/${id}/follow-ups`, input),
  );
}

export function useAlertAction() {
  return useContactMutation(
    ({
      id,
      action,
      ...body
    }: {
      id: number;
      action: 'acknowledge' | 'close';
      version: number;
      note?: string;
    }) => api<unknown>('POST', `/api/v1/alerts/${id}/${action}`, body),
  );
}

/** Uploads a workbook (multipart, so around the JSON client): a preview unless `commit`. */
export function useImportContacts(caseId: number) {
  const me = useMe();
  const { language } = useI18n();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      file: File;
      mapping?: Record<string, string> | undefined;
      commit: boolean;
    }): Promise<ImportReport> => {
      const body = new FormData();
      if (input.mapping) {
        body.set('mapping', JSON.stringify(input.mapping));
      }
      body.set('commit', String(input.commit));
      body.set('file', input.file);
      const response = await fetch(`/api/v1/cases/${caseId}/contacts/import`, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { 'x-csrf-token': me.data?.csrfToken ?? '', 'accept-language': language },
      });
      if (!response.ok) {
        const parsed: unknown = await response.json().catch(() => null);
        throw toApiError(response, parsed);
      }
      return response.json();
    },
    onSuccess: (report) => {
      if (report.committed) {
        void queryClient.invalidateQueries({ queryKey: contactKeys.all });
      }
    },
  });
}

function toApiError(response: Response, parsed: unknown): ApiError {
  if (parsed !== null && typeof parsed === 'object' && 'error' in parsed) {
    const error = parsed.error;
    if (error !== null && typeof error === 'object' && 'message' in error && 'code' in error) {
      const details = 'details' in error && Array.isArray(error.details) ? error.details : [];
      return new ApiError(response.status, String(error.code), String(error.message), details);
    }
  }
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText, []);
}

export function useAddSecondaryContact(id: number) {
  return useContactMutation((input: Omit<CreateContactInput, 'classification'>) =>
    api<Contact>('POST', `/api/v1/contacts/${id}/secondary-contacts`, input),
  );
}
