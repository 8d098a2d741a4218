import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { Outbreak } from '../../../../src/server/outbreaks/outbreaks.schema.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { OutbreakActions } from './OutbreakActions.tsx';
import { OutbreakForm } from './OutbreakForm.tsx';
import { useOutbreakPages, usePresetName } from './queries.ts';

/** The outbreaks (疫情) of the user's jurisdiction: a lead declares, edits and archives them here. */
export function OutbreaksPage() {
  const { t } = useI18n();
  const canWrite = useCan('outbreaks:write');
  const presetName = usePresetName();
  const [archived, setArchived] = useState(false);
  const outbreaks = useOutbreakPages(archived);
  // 'new' declares one; an outbreak is edited as it was when its drawer opened (its version is the one sent).
  // It outlives `open` so that the closing drawer keeps its title and form until it has slid away.
  const [editing, setEditing] = useState<Outbreak | 'new'>('new');
  const [open, setOpen] = useState(false);
  const openDrawer = (target: Outbreak | 'new') => {
    setEditing(target);
    setOpen(true);
  };
  const rows = outbreaks.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <Typography.Title level={3}>{t('outbreaks.title')}</Typography.Title>
      <div className="page-toolbar">
        <Space>
          <Switch checked={archived} onChange={setArchived} data-testid="outbreaks-archived" />
          {t('outbreaks.showArchived')}
        </Space>
        {canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => openDrawer('new')}
            data-testid="declare-outbreak"
          >
            {t('outbreaks.declare')}
          </Button>
        ) : null}
      </div>
      {outbreaks.isError ? <Alert type="error" showIcon title={outbreaks.error.message} /> : null}
      <Table<Outbreak>
        rowKey="id"
        size="middle"
        loading={outbreaks.isPending}
        dataSource={rows}
        pagination={false}
        data-testid="outbreaks-table"
        columns={[
          {
            title: t('outbreaks.name'),
            dataIndex: 'name',
            render: (name: string, o) => (
              <>
                {name}
                {o.archived ? (
                  <Tooltip title={t('outbreaks.archivedBecause', { reason: o.archivedReason ?? '—' })}>
                    <Tag style={{ marginLeft: 6 }}>{t('outbreaks.archived')}</Tag>
                  </Tooltip>
                ) : null}
              </>
            ),
          },
          { title: t('outbreaks.disease'), dataIndex: 'disease' },
          { title: t('outbreaks.preset'), dataIndex: 'presetId', render: (id: string) => presetName(id) },
          { title: t('outbreaks.startDate'), dataIndex: 'startDate', width: 120 },
          { title: t('outbreaks.division'), dataIndex: 'divisionCode', width: 140 },
          {
            title: t('outbreaks.mask'),
            dataIndex: 'caseNumberMask',
            render: (mask: string) => (
              <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                {mask}
              </Typography.Text>
            ),
          },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 200,
                  render: (_: unknown, o: Outbreak) => (
                    <OutbreakActions outbreak={o} onEdit={() => openDrawer(o)} />
                  ),
                },
              ]
            : []),
        ]}
      />
      {outbreaks.hasNextPage ? (
        <Button
          style={{ marginTop: 12 }}
          loading={outbreaks.isFetchingNextPage}
          onClick={() => void outbreaks.fetchNextPage()}
        >
          {t('common.loadMore')}
        </Button>
      ) : null}
      <Drawer
        open={open}
        size={520}
        title={editing === 'new' ? t('outbreaks.declare') : t('outbreaks.edit')}
        onClose={() => setOpen(false)}
        destroyOnHidden
      >
        <OutbreakForm
          key={editing === 'new' ? 'new' : editing.id}
          outbreak={editing === 'new' ? undefined : editing}
          onDone={() => setOpen(false)}
        />
      </Drawer>
    </>
  );
}
