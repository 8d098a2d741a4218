import { Alert, Segmented, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ClockItem } from '../../../../src/server/investigations/investigations.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { classificationColors, labelKey } from '../cases/labels.ts';
import '../cases/cases.css';
import { ClockList } from './ClockList.tsx';
import { investigationKeys, useOpenInvestigations } from './queries.ts';

/**
 * Open investigations with their clocks, oldest report first. `tab` opens the case page on that tab, so the
 * reports module can reuse this list to lead to the report of each case.
 */
export function OpenInvestigationsTable({ tab, title }: { tab?: string; title: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [view, setView] = useState<'open' | 'overdue'>('open');
  const list = useOpenInvestigations(view === 'overdue');
  return (
    <>
      <Typography.Title level={3}>{title}</Typography.Title>
      <div className="page-toolbar">
        <Segmented
          value={view}
          onChange={setView}
          options={[
            { value: 'open', label: t('inv.openList') },
            { value: 'overdue', label: t('tasks.overdue') },
          ]}
        />
      </div>
      {list.isError ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <Table<ClockItem>
        rowKey="investigationId"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        rowClassName={(item) => (item.overdue ? 'row-overdue' : '')}
        data-testid="investigations-table"
        columns={[
          {
            title: t('cases.caseNumber'),
            dataIndex: 'caseNumber',
            render: (value: string, item) => (
              <Link to={`/cases/${item.caseId}${tab ? `?tab=${tab}` : ''}`}>{value}</Link>
            ),
          },
          {
            title: t('cases.classification'),
            dataIndex: 'classification',
            render: (value: string) => (
              <Tag color={classificationColors[value]}>{t(labelKey('cls', value))}</Tag>
            ),
          },
          {
            title: t('inv.state'),
            dataIndex: 'state',
            render: (value: string) => <Tag>{t(labelKey('state', value))}</Tag>,
          },
          {
            title: t('cases.receivedAt'),
            dataIndex: 'receivedAt',
            render: (value: string) => formatInstant(value),
          },
          {
            title: t('inv.clocks'),
            key: 'clocks',
            render: (_, item) => (
              <ClockList
                clocks={item.clocks.filter((clock) => clock.doneAt === null)}
                onDeadline={() => void queryClient.invalidateQueries({ queryKey: investigationKeys.all })}
              />
            ),
          },
        ]}
      />
    </>
  );
}

export function InvestigationsPage() {
  const { t } = useI18n();
  return <OpenInvestigationsTable title={t('inv.listTitle')} />;
}
