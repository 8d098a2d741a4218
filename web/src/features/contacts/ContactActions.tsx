import { Button, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { useChangeStatus } from './mutations.ts';
import { PlaceDialog } from './PlaceDialog.tsx';
import type { ContactDetail } from './queries.ts';
import { ConvertDialog, ReasonDialog } from './WorkflowDialogs.tsx';

type Dialog = 'place' | 'release' | 'lost' | 'convert' | null;

/** The workflow buttons the contact's next statuses and the user's permissions allow. */
export function ContactActions({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<Dialog>(null);
  const canWrite = useCan('contacts:write');
  const canPlace = useCan('placements:write');
  const canConvert = useCan('contacts:convert');
  const status = useChangeStatus(contact.id);
  const next = new Set(contact.nextStatuses);
  const move = (to: 'notified' | 'home_monitoring') => status.mutate({ version: contact.version, to });
  const buttons = [
    canWrite && next.has('notified') ? (
      <Button
        key="notify"
        type="primary"
        onClick={() => move('notified')}
        loading={status.isPending}
        data-testid="action-notify"
      >
        {t('workflow.notify')}
      </Button>
    ) : null,
    canPlace && next.has('placed') ? (
      <Button key="place" type="primary" onClick={() => setDialog('place')} data-testid="action-place">
        {t('workflow.place')}
      </Button>
    ) : null,
    canWrite && next.has('home_monitoring') ? (
      <Button
        key="home"
        onClick={() => move('home_monitoring')}
        loading={status.isPending}
        data-testid="action-home-monitoring"
      >
        {t('workflow.homeMonitoring')}
      </Button>
    ) : null,
    canPlace && next.has('released') ? (
      <Button key="release" onClick={() => setDialog('release')} data-testid="action-release">
        {t('workflow.release')}
      </Button>
    ) : null,
    canConvert && next.has('converted') ? (
      <Button key="convert" danger onClick={() => setDialog('convert')} data-testid="action-convert">
        {t('workflow.convert')}
      </Button>
    ) : null,
    canWrite && next.has('lost') ? (
      <Button key="lost" onClick={() => setDialog('lost')} data-testid="action-lost">
        {t('workflow.lost')}
      </Button>
    ) : null,
  ].filter((b) => b !== null);
  // The dialogs stay mounted after their action, which may leave no button (a conversion shows its result).
  return (
    <>
      {buttons.length > 0 ? (
        <Space wrap style={{ marginBottom: 16 }} data-testid="contact-actions">
          {buttons}
        </Space>
      ) : null}
      {dialog === 'place' ? <PlaceDialog contact={contact} onClose={() => setDialog(null)} /> : null}
      {dialog === 'release' || dialog === 'lost' ? (
        <ReasonDialog contact={contact} kind={dialog} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'convert' ? <ConvertDialog contact={contact} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
