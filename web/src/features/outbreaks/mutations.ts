import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type {
  CreateOutbreakInput,
  Outbreak,
  UpdateOutbreakInput,
} from '../../../../src/server/outbreaks/outbreaks.schema.ts';
import { api, archivePatch, isVersionConflict } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { auditKeys } from '../audit/queries.ts';
import { outbreakKeys } from './queries.ts';

/**
 * One hook per action; each invalidates the outbreak lists, pickers and history. Errors are left to the
 * caller, which shows them where the user is looking (next to a field, in the dialog).
 */
function useOutbreakMutation<T>(
  request: (input: T) => Promise<Outbreak>,
  options: { successKey?: MessageKey; onError?: (error: Error) => void } = {},
) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void message.success(t(options.successKey ?? 'common.saved'));
      void queryClient.invalidateQueries({ queryKey: outbreakKeys.all });
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
    onError: options.onError,
  });
}

export function useDeclareOutbreak() {
  return useOutbreakMutation(
    (input: CreateOutbreakInput) => api<Outbreak>('POST', '/api/v1/outbreaks', input),
    { successKey: 'outbreaks.declared' },
  );
}

/** Edits at the version the form was loaded with; a 409 is for the form to offer a reload. */
export function useEditOutbreak(id: number) {
  return useOutbreakMutation((input: UpdateOutbreakInput) =>
    api<Outbreak>('PATCH', `/api/v1/outbreaks/${id}`, input),
  );
}

/**
 * Archives an outbreak with the reason given, or restores it (`reason` undefined), at the version read.
 * Only the archive fields change, so on a 409 the lists are simply reloaded: the next try sends the version
 * the user then sees, and overwrites nothing that someone else wrote.
 */
export function useArchiveOutbreak(outbreak: Pick<Outbreak, 'id' | 'version'>) {
  const queryClient = useQueryClient();
  return useOutbreakMutation(
    (reason: string | undefined) =>
      api<Outbreak>('PATCH', `/api/v1/outbreaks/${outbreak.id}`, archivePatch(outbreak.version, reason)),
    {
      onError: (error) => {
        if (isVersionConflict(error)) {
          void queryClient.invalidateQueries({ queryKey: outbreakKeys.all });
        }
      },
    },
  );
}
