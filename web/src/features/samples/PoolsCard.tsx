import { Card, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ListedSample } from '../../../../src/server/samples/sample-list.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { resultColors, statusColors, useSampleLabel } from './labels.ts';
import { usePools, type PoolSummary } from './queries.ts';

/** Pooled tubes; a positive pool opens onto its members' individual retests. */
export function PoolsCard() {
  const { t } = useI18n();
  const label = useSampleLabel();
  const [result, setResult] = useState<string>('positive');
  const pools = usePools(result === 'all' ? null : result);
  const items = pools.data?.items ?? [];
  // Pools with retests stay open, also when they arrive after the table first rendered, unless closed.
  const [closed, setClosed] = useState<number[]>([]);
  const expanded = items.filter((p) => p.retests.length > 0 && !closed.includes(p.id)).map((p) => p.id);
  return (
    <Card
      size="small"
      title={t('samples.pools.title')}
      data-testid="pools"
      extra={
        <Segmented
          size="small"
          value={result}
          onChange={(v) => setResult(String(v))}
          options={[
            { value: 'positive', label: label('result', 'positive') },
            { value: 'all', label: t('samples.pools.all') },
          ]}
        />
      }
    >
      <Table<PoolSummary>
        rowKey="id"
        size="small"
        loading={pools.isPending}
        pagination={false}
        dataSource={items}
        expandable={{
          rowExpandable: (p) => p.retests.length > 0,
          expandedRowKeys: expanded,
          onExpand: (open, p) =>
            setClosed((list) => (open ? list.filter((id) => id !== p.id) : [...list, p.id])),
          expandedRowRender: (p) => (
            <div data-testid="pool-retests">
              <Typography.Text type="secondary">
                {t('samples.pools.retests', { n: p.retests.length })}
              </Typography.Text>
              <Table<ListedSample>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={p.retests}
                columns={[
                  { title: t('samples.code'), dataIndex: 'code', render: (v: string) => <code>{v}</code> },
                  {
                    title: t('samples.name'),
                    dataIndex: 'name',
                    render: (v: string, s) =>
                      s.subjectType === 'contact' ? <Link to={`/contacts/${s.subjectId}`}>{v}</Link> : v,
                  },
                  {
                    title: t('samples.status'),
                    dataIndex: 'status',
                    render: (v: string) => <Tag color={statusColors[v]}>{label('status', v)}</Tag>,
                  },
                  {
                    title: t('samples.result'),
                    dataIndex: 'result',
                    render: (v: string | null) =>
                      v ? <Tag color={resultColors[v]}>{label('result', v)}</Tag> : '—',
                  },
                ]}
              />
            </div>
          ),
        }}
        columns={[
          { title: t('samples.pool'), dataIndex: 'code', render: (v: string) => <code>{v}</code> },
          { title: t('samples.pools.size'), dataIndex: 'size' },
          {
            title: t('samples.result'),
            dataIndex: 'result',
            render: (v: string | null) => (v ? <Tag color={resultColors[v]}>{label('result', v)}</Tag> : '—'),
          },
          { title: t('samples.lab'), dataIndex: 'lab', render: (v: string | null) => v ?? '—' },
          {
            title: t('samples.testedAt'),
            dataIndex: 'testedAt',
            render: (v: string | null) => formatInstant(v),
          },
        ]}
      />
    </Card>
  );
}
