import { Alert, Button, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { sampleSpecimens } from '../../../../src/core/lab/plans.ts';
import type { ListedSample } from '../../../../src/server/samples/sample-list.ts';
import { sampleStatuses } from '../../../../src/server/samples/samples.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { resultColors, statusColors, useSampleLabel } from './labels.ts';
import { useSampleList, type SampleFilter } from './queries.ts';

const results = ['positive', 'negative', 'inconclusive', 'pending'] as const;
const pick = <T extends string>(values: readonly T[], raw: string | null): T | undefined =>
  values.find((v) => v === raw);

/**
 * Samples filtered by the URL (`?status=received`, `?result=positive`, `specimen`, `date`, `testedOn`,
 * `division`), the API's own query names, so that the dashboard can link straight to "awaiting results" or
 * to the results entered on its day.
 */
export function SampleListPage() {
  const { t } = useI18n();
  const label = useSampleLabel();
  const [search, setSearch] = useSearchParams();
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const filter: SampleFilter = {
    status: pick(sampleStatuses, search.get('status')),
    result: pick(results, search.get('result')),
    specimen: pick(sampleSpecimens, search.get('specimen')),
    date: search.get('date') ?? undefined,
    testedOn: search.get('testedOn') ?? undefined,
    division: search.get('division') ?? undefined,
  };
  const cursor = cursors.at(-1) ?? null;
  const list = useSampleList(filter, cursor);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value === undefined || value === '') {
      next.delete(key);
    } else {
      next.set(key, value);
    }
    setCursors([null]);
    setSearch(next, { replace: true });
  };
  const options = (group: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: label(group, value) }));
  return (
    <>
      <Typography.Title level={3}>{t('samples.list.title')}</Typography.Title>
      <div className="page-toolbar">
        <Select
          allowClear
          placeholder={t('samples.status')}
          style={{ width: 130 }}
          value={filter.status}
          options={options('status', sampleStatuses)}
          onChange={(v?: string) => set('status', v)}
          data-testid="filter-status"
        />
        <Select
          allowClear
          placeholder={t('samples.result')}
          style={{ width: 130 }}
          value={filter.result}
          options={options('result', results)}
          onChange={(v?: string) => set('result', v)}
          data-testid="filter-result"
        />
        <Select
          allowClear
          placeholder={t('samples.specimen')}
          style={{ width: 130 }}
          value={filter.specimen}
          options={options('specimen', sampleSpecimens)}
          onChange={(v?: string) => set('specimen', v)}
        />
        <DatePicker
          placeholder={t('samples.plannedDate')}
          value={filter.date ? dayjs(filter.date) : null}
          onChange={(d) => set('date', d ? d.format('YYYY-MM-DD') : undefined)}
        />
        <DatePicker
          placeholder={t('samples.testedOn')}
          prefix={filter.testedOn ? t('samples.testedOn') : undefined}
          value={filter.testedOn ? dayjs(filter.testedOn) : null}
          onChange={(d) => set('testedOn', d ? d.format('YYYY-MM-DD') : undefined)}
          data-testid="filter-testedOn"
        />
      </div>
      {list.isError ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <Table<ListedSample>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="sample-list"
        columns={[
          { title: t('samples.code'), dataIndex: 'code', render: (v: string) => <code>{v}</code> },
          {
            title: t('samples.name'),
            dataIndex: 'name',
            render: (v: string, s) =>
              s.subjectType === 'case' ? (
                <Link to={`/cases/${s.subjectId}`}>{v}</Link>
              ) : s.subjectType === 'contact' ? (
                <Link to={`/contacts/${s.subjectId}`}>{v}</Link>
              ) : (
                v
              ),
          },
          {
            title: t('samples.specimen'),
            dataIndex: 'specimen',
            render: (v: string) => label('specimen', v),
          },
          { title: t('samples.plan'), dataIndex: 'label', render: (v: string | null) => v ?? '—' },
          {
            title: t('samples.plannedDate'),
            dataIndex: 'plannedDate',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('samples.status'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={statusColors[v]}>{label('status', v)}</Tag>,
          },
          {
            title: t('samples.result'),
            dataIndex: 'result',
            render: (v: string | null, s) =>
              v ? (
                <Tag color={resultColors[v]}>{label('result', v)}</Tag>
              ) : s.status === 'tested' ? (
                <Tag color="orange">{label('result', 'pending')}</Tag>
              ) : (
                '—'
              ),
          },
          { title: t('samples.pool'), dataIndex: 'poolCode', render: (v: string | null) => v ?? '—' },
          {
            title: t('samples.collectedAt'),
            dataIndex: 'collectedAt',
            render: (v: string | null) => formatInstant(v),
          },
          {
            title: t('samples.testedAt'),
            dataIndex: 'testedAt',
            render: (v: string | null) => formatInstant(v),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('samples.list.previous')}
        </Button>
        <Button
          disabled={!list.data?.nextCursor}
          onClick={() => {
            const next = list.data?.nextCursor;
            if (next) {
              setCursors((c) => [...c, next]);
            }
          }}
        >
          {t('samples.list.next')}
        </Button>
      </Space>
    </>
  );
}
