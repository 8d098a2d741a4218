import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type {
  CreateSiteInput,
  Placement,
  UpdateSiteInput,
} from '../../../../src/server/quarantine/quarantine.schema.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMutationError } from '../cases/mutations.ts';
import type { ContactDetail } from '../contacts/queries.ts';
import type { SiteDetail } from './queries.ts';

/** One hook per action; each invalidates the sites, the boards and the contacts whose placements changed. */
function useSiteMutation<T, R>(request: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  const onError = useMutationError();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: ['quarantine'] });
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
    },
    onError,
  });
}

export function useCreateSite() {
  return useSiteMutation((input: CreateSiteInput) =>
    api<SiteDetail>('POST', '/api/v1/quarantine-sites', input),
  );
}

export function useEditSite(id: number) {
  return useSiteMutation((input: UpdateSiteInput) =>
    api<SiteDetail>('PATCH', `/api/v1/quarantine-sites/${id}`, input),
  );
}

export function useAddRooms(id: number) {
  return useSiteMutation((rooms: { number: string; beds: number }[]) =>
    api<SiteDetail>('POST', `/api/v1/quarantine-sites/${id}/rooms`, { rooms }),
  );
}

/**
 * Checks a placement out. The board does not carry placement versions, so the contact's current placement
 * is read first: the version sent is the one just read, and a concurrent change still answers 409.
 */
export function useCheckOut() {
  const { t } = useI18n();
  return useSiteMutation(async ({ contactId, placementId }: { contactId: number; placementId: number }) => {
    const contact = await api<ContactDetail>('GET', `/api/v1/contacts/${contactId}`);
    const placement = contact.placements.find((p) => p.id === placementId);
    if (!placement) {
      throw new Error(t('board.placementGone'));
    }
    return api<Placement>('POST', `/api/v1/placements/${placementId}/check-out`, {
      version: placement.version,
      checkOutAt: new Date().toISOString(),
    });
  });
}
