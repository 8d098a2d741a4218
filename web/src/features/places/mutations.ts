import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { PlaceMeasure } from '../../../../src/server/places/measures.schema.ts';
import type { CreatePlaceInput, Place } from '../../../../src/server/places/places.schema.ts';
import type { VisitImport } from '../../../../src/server/visits/visit-imports.schema.ts';
import { api, ApiError, archivePatch, isVersionConflict } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMe } from '../auth/queries.ts';
import { placeKeys } from './queries.ts';

/**
 * One hook per action; each invalidates the places it changed and reports one message. With `reloadOnConflict`
 * a 409 reloads the places too, so that the next try sends the version the user then sees.
 */
function usePlaceMutation<T, R>(request: (input: T) => Promise<R>, reloadOnConflict = false) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: placeKeys.all });
    },
    onError: (error) => {
      if (reloadOnConflict && isVersionConflict(error)) {
        void queryClient.invalidateQueries({ queryKey: placeKeys.all });
      }
    },
  });
}

/** Archives a place with the reason given, or restores it (`reason` undefined), at the version read. */
export function useArchivePlace(place: Pick<Place, 'id' | 'version'>) {
  return usePlaceMutation(
    (reason: string | undefined) =>
      api<Place>('PATCH', `/api/v1/places/${place.id}`, archivePatch(place.version, reason)),
    true,
  );
}

export function useCreatePlace() {
  return usePlaceMutation((input: CreatePlaceInput) => api<Place>('POST', '/api/v1/places', input));
}

export type MeasureAction =
  | { action: 'approve'; id: number; version: number }
  | { action: 'enforce'; id: number; version: number; startsOn: string }
  | { action: 'lift'; id: number; version: number; liftedOn: string; reason?: string }
  | {
      action: 'record-disinfection';
      id: number;
      version: number;
      performedAt: string;
      operator: string;
      evaluation: string;
    };

export function useMeasureAction() {
  return usePlaceMutation(({ action, id, ...body }: MeasureAction) =>
    api<PlaceMeasure>('POST', `/api/v1/place-measures/${id}/${action}`, body),
  );
}

export function useRecommendSuspension(placeId: number) {
  return usePlaceMutation((input: { reason: string }) =>
    api<PlaceMeasure>('POST', `/api/v1/places/${placeId}/suspensions`, input),
  );
}

export function usePlanDisinfection(placeId: number) {
  return usePlaceMutation((input: { scope: string; agent: string; concentration: string }) =>
    api<PlaceMeasure>('POST', `/api/v1/places/${placeId}/disinfections`, input),
  );
}

/** Uploads a visit log (multipart, so around the JSON client); the import then runs on the server. */
export function useUploadVisits() {
  const me = useMe();
  const { language } = useI18n();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      file,
      personsRef,
    }: {
      file: File;
      personsRef?: File | undefined;
    }): Promise<VisitImport> => {
      const body = new FormData();
      body.set('file', file);
      if (personsRef) {
        body.set('personsRef', personsRef);
      }
      const response = await fetch('/api/v1/visit-imports', {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { 'x-csrf-token': me.data?.csrfToken ?? '', 'accept-language': language },
      });
      if (!response.ok) {
        const parsed: unknown = await response.json().catch(() => null);
        const error =
          parsed !== null && typeof parsed === 'object' && 'error' in parsed ? parsed.error : null;
        const message =
          error !== null &&
          typeof error === 'object' &&
          'message' in error &&
          typeof error.message === 'string'
            ? error.message
            : response.statusText;
        throw new ApiError(response.status, `HTTP_${response.status}`, message, []);
      }
      return response.json();
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: placeKeys.imports });
    },
  });
}
