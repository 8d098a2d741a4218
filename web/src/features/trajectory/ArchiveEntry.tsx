import { DeleteOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import type { TrajectoryEntry } from '../../../../src/server/trajectory/trajectory.schema.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useArchiveEntry } from './mutations.ts';

/** Entries are archived with a reason, never deleted: the record history keeps them. */
export function ArchiveEntry({
  caseId,
  entry,
  onDone,
}: {
  caseId: number;
  entry: TrajectoryEntry;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const archive = useArchiveEntry(caseId);
  const [reason, setReason] = useState('');
  return (
    <Space.Compact style={{ marginTop: 24, width: '100%' }}>
      <Input
        placeholder={t('traj.archiveReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <Button
        danger
        icon={<DeleteOutlined />}
        disabled={reason.trim().length < 2}
        loading={archive.isPending}
        onClick={() =>
          archive.mutate(
            { entryId: entry.id, version: entry.version, reason: reason.trim() },
            { onSuccess: onDone },
          )
        }
      >
        {t('traj.archive')}
      </Button>
    </Space.Compact>
  );
}
