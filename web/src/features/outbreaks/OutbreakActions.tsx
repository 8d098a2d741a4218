import { EditOutlined, InboxOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import type { Outbreak } from '../../../../src/server/outbreaks/outbreaks.schema.ts';
import { errorText } from '../../api/client.ts';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { isVersionConflict } from '../../api/client.ts';
import { useArchiveOutbreak } from './mutations.ts';

/** A row's edit, archive (with a written reason) and restore buttons, for the roles that write outbreaks. */
export function OutbreakActions({ outbreak, onEdit }: { outbreak: Outbreak; onEdit: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [asking, setAsking] = useState(false);
  const archive = useArchiveOutbreak(outbreak);
  const problem = (error: Error) =>
    isVersionConflict(error) ? t('outbreaks.reloadedRetry') : errorText(error);
  if (outbreak.archived) {
    return (
      <Button
        size="small"
        icon={<UndoOutlined />}
        loading={archive.isPending}
        onClick={() => archive.mutate(undefined, { onError: (error) => void message.error(problem(error)) })}
        data-testid="restore-outbreak"
      >
        {t('outbreaks.restore')}
      </Button>
    );
  }
  return (
    <Space size="small">
      <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="edit-outbreak">
        {t('common.edit')}
      </Button>
      <Button
        size="small"
        danger
        icon={<InboxOutlined />}
        onClick={() => {
          archive.reset();
          setAsking(true);
        }}
        data-testid="archive-outbreak"
      >
        {t('outbreaks.archive')}
      </Button>
      <ReasonModal
        open={asking}
        title={t('outbreaks.archiveTitle', { name: outbreak.name })}
        hint={t('outbreaks.archiveHint')}
        placeholder={t('outbreaks.archiveReason')}
        okText={t('outbreaks.archive')}
        danger
        minLength={2}
        loading={archive.isPending}
        error={archive.error ? problem(archive.error) : null}
        testId="outbreak-archive-reason"
        onCancel={() => setAsking(false)}
        onSubmit={(reason) => archive.mutate(reason, { onSuccess: () => setAsking(false) })}
      />
    </Space>
  );
}
