import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Progress, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Site } from '../../../../src/server/quarantine/quarantine.schema.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { useSites } from './queries.ts';
import { SiteForm } from './SiteForm.tsx';

/** The centralized quarantine sites of the jurisdiction, with their occupancy. */
export function SiteListPage() {
  const { t } = useI18n();
  const sites = useSites();
  const canWrite = useCan('sites:write');
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Typography.Title level={3}>{t('site.title')}</Typography.Title>
      {canWrite ? (
        <div className="page-toolbar">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="create-site"
          >
            {t('site.create')}
          </Button>
        </div>
      ) : null}
      {sites.isError ? <Alert type="error" showIcon title={sites.error.message} /> : null}
      <Table<Site>
        rowKey="id"
        loading={sites.isPending}
        dataSource={sites.data?.items ?? []}
        pagination={false}
        data-testid="sites-table"
        columns={[
          {
            title: t('site.name'),
            dataIndex: 'name',
            render: (name: string, s) => (
              <>
                <Link to={`/quarantine/${s.id}`}>{name}</Link>
                {s.archived ? <Tag style={{ marginLeft: 6 }}>{t('site.archived')}</Tag> : null}
              </>
            ),
          },
          { title: t('site.address'), dataIndex: 'address' },
          { title: t('person.divisionCode'), dataIndex: 'divisionCode' },
          {
            title: t('site.occupancy'),
            key: 'occupancy',
            width: 220,
            render: (_, s) => (
              <>
                <Progress
                  percent={Math.round((s.occupied / s.capacity) * 100)}
                  size="small"
                  status={s.occupied >= s.capacity ? 'exception' : 'normal'}
                  format={() => `${s.occupied}/${s.capacity}`}
                />
              </>
            ),
          },
          { title: t('site.manager'), dataIndex: 'manager', render: (v: string | null) => v ?? '—' },
          { title: t('person.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
        ]}
      />
      <Drawer
        open={creating}
        width={480}
        title={t('site.create')}
        onClose={() => setCreating(false)}
        destroyOnHidden
      >
        <SiteForm onDone={() => setCreating(false)} />
      </Drawer>
    </>
  );
}
