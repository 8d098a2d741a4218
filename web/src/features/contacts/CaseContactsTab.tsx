import { CloudUploadOutlined, DownloadOutlined, TableOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { ContactForm } from './ContactForm.tsx';
import { ContactGrid } from './ContactGrid.tsx';
import { ContactTable } from './ContactListPage.tsx';
import { useAddContact } from './mutations.ts';
import { useContacts } from './queries.ts';

/** A case's contacts, and the ways to add them: a grid pasted from Excel, one at a time, or a workbook. */
export function CaseContactsTab({ caseId }: { caseId: number }) {
  const { t } = useI18n();
  const canWrite = useCan('contacts:write');
  const canExport = useCan('exports:write');
  const contacts = useContacts({ caseId: String(caseId) }, 200);
  const [mode, setMode] = useState<'grid' | 'form' | null>(null);
  const add = useAddContact(caseId);
  const rows = contacts.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      {canWrite ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <Button
            type={mode === 'grid' ? 'primary' : 'default'}
            icon={<TableOutlined />}
            onClick={() => setMode(mode === 'grid' ? null : 'grid')}
            data-testid="open-contact-grid"
          >
            {t('grid.open')}
          </Button>
          <Button icon={<UserAddOutlined />} onClick={() => setMode('form')} data-testid="open-contact-form">
            {t('contacts.addOne')}
          </Button>
          <Link to={`/contacts/import?caseId=${caseId}`}>
            <Button icon={<CloudUploadOutlined />}>{t('cimport.title')}</Button>
          </Link>
          {canExport ? (
            <Button icon={<DownloadOutlined />} href={`/api/v1/contacts/export.xlsx?caseId=${caseId}`}>
              {t('contacts.export')}
            </Button>
          ) : null}
        </Space>
      ) : null}
      {mode === 'grid' ? (
        <Card size="small" title={t('grid.title')} style={{ marginBottom: 16 }}>
          <ContactGrid caseId={caseId} onDone={() => setMode(null)} />
        </Card>
      ) : null}
      <ContactTable rows={rows} loading={contacts.isPending} />
      {contacts.hasNextPage ? (
        <Button style={{ marginTop: 12 }} onClick={() => void contacts.fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      ) : null}
      <Drawer
        open={mode === 'form'}
        width={620}
        title={t('contacts.addOne')}
        onClose={() => setMode(null)}
        destroyOnHidden
      >
        <ContactForm
          pending={add.isPending}
          submit={(body, handlers) => add.mutate(body, handlers)}
          onDone={() => setMode(null)}
        />
      </Drawer>
    </>
  );
}
