import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Drawer } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { ContactForm } from './ContactForm.tsx';
import { ContactTable } from './ContactListPage.tsx';
import { useAddSecondaryContact } from './mutations.ts';
import { useContacts, type ContactDetail } from './queries.ts';

/** The contacts of this close contact (密接的密接), where the outbreak's protocol determines them. */
export function SecondaryPanel({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const canWrite = useCan('contacts:write');
  const [adding, setAdding] = useState(false);
  // The list has no filter by source contact; a case's secondary contacts are few, so they are picked here.
  const list = useContacts({ caseId: String(contact.sourceCaseId), classification: 'secondary' }, 500);
  const add = useAddSecondaryContact(contact.id);
  const rows = (list.data?.pages.flatMap((page) => page.items) ?? []).filter(
    (c) => c.sourceContactId === contact.id,
  );
  return (
    <Card
      size="small"
      title={t('contact.secondaryTab')}
      extra={
        canWrite && contact.classification === 'close' ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="add-secondary"
          >
            {t('contact.addSecondary')}
          </Button>
        ) : null
      }
    >
      <ContactTable rows={rows} loading={list.isPending} />
      <Drawer
        open={adding}
        width={620}
        title={t('contact.addSecondary')}
        onClose={() => setAdding(false)}
        destroyOnHidden
      >
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('contact.secondaryNote')} />
        <ContactForm
          withClassification={false}
          pending={add.isPending}
          submit={({ classification: _omit, ...body }, handlers) => add.mutate(body, handlers)}
          onDone={() => setAdding(false)}
        />
      </Drawer>
    </Card>
  );
}
