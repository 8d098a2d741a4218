import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan, useMe } from '../auth/queries.ts';
import { ChangeList } from './ChangeList.tsx';
import { useAuditEvents, useVerifyAudit, type AuditEvent, type AuditFilter } from './queries.ts';

type FilterForm = {
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
};

export function AuditPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>({});
  const events = useAuditEvents(filter);
  const verify = useVerifyAudit();
  const canVerify = useCan('audit:verify');
  // The server lists only the events of this user's jurisdiction unless they are an admin (decision 011).
  const scoped = useMe().data?.user.role !== 'admin';
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  const apply = (values: FilterForm) => {
    const next: AuditFilter = {};
    if (values.actorId && /^\d+$/.test(values.actorId)) {
      next.actorId = Number(values.actorId);
    }
    if (values.entity) {
      next.entity = values.entity.trim();
    }
    if (values.entityId) {
      next.entityId = values.entityId.trim();
    }
    if (values.action) {
      next.action = values.action.trim();
    }
    const [from, to] = values.range ?? [null, null];
    if (from) {
      next.from = from.startOf('day').toISOString();
    }
    if (to) {
      next.to = to.endOf('day').toISOString();
    }
    setFilter(next);
  };

  return (
    <>
      <Typography.Title level={3}>{t('audit.title')}</Typography.Title>
      {scoped ? <Typography.Paragraph type="secondary">{t('audit.scopeNote')}</Typography.Paragraph> : null}
      <Form layout="inline" onFinish={apply} className="page-toolbar">
        <Form.Item name="actorId" label={t('audit.actor')}>
          <Input placeholder="ID" style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="entity" label={t('audit.entity')}>
          <Input placeholder="user" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}>
          <Input style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Input placeholder="auth.login" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="range">
          <DatePicker.RangePicker placeholder={[t('audit.from'), t('audit.to')]} />
        </Form.Item>
        <Button htmlType="submit" type="primary">
          {t('common.search')}
        </Button>
        {canVerify ? (
          <Button
            icon={<SafetyCertificateOutlined />}
            onClick={() => verify.mutate()}
            loading={verify.isPending}
          >
            {t('audit.verify')}
          </Button>
        ) : null}
      </Form>
      {verify.data ? (
        <Alert
          style={{ marginBottom: 16 }}
          type={verify.data.ok ? 'success' : 'error'}
          showIcon
          title={
            verify.data.ok
              ? t('audit.intact', { count: verify.data.count })
              : t('audit.broken', {
                  seq: verify.data.firstBad?.seq ?? '?',
                  reason: verify.data.firstBad?.reason ?? '',
                })
          }
        />
      ) : null}
      {events.isError ? <Alert type="error" showIcon title={events.error.message} /> : null}
      <Table<AuditEvent>
        rowKey="seq"
        size="small"
        loading={events.isPending}
        dataSource={rows}
        pagination={false}
        data-testid="audit-table"
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          {
            title: t('common.time'),
            dataIndex: 'at',
            width: 170,
            render: (value: string) => formatInstant(value, true),
          },
          { title: t('audit.actor'), dataIndex: 'actorUsername', width: 120 },
          { title: t('audit.action'), dataIndex: 'action', width: 160 },
          {
            title: t('audit.entity'),
            key: 'entity',
            width: 140,
            render: (_, row) => `${row.entity}${row.entityId ? ` #${row.entityId}` : ''}`,
          },
          {
            title: t('audit.changes'),
            dataIndex: 'changes',
            render: (changes: AuditEvent['changes']) => <ChangeList changes={changes} />,
          },
          { title: t('audit.ip'), dataIndex: 'ip', width: 130 },
        ]}
      />
      {events.hasNextPage ? (
        <Button
          style={{ marginTop: 12 }}
          onClick={() => void events.fetchNextPage()}
          loading={events.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      ) : null}
    </>
  );
}
