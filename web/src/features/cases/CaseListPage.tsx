import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CaseListItem } from '../../../../src/server/cases/cases.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { classificationColors, labelKey, useCaseOptions } from './labels.ts';
import { useCases, type CaseFilter } from './queries.ts';

type Range = [Dayjs | null, Dayjs | null] | null;
type FilterForm = Omit<CaseFilter, 'onsetFrom' | 'onsetTo' | 'reportFrom' | 'reportTo'> & {
  onset?: Range;
  report?: Range;
};

const filterKeys = [
  'q',
  'classification',
  'status',
  'division',
  'onsetFrom',
  'onsetTo',
  'reportFrom',
  'reportTo',
] as const;

/** The list's filters live in the URL, so that a dashboard figure (or a shared link) opens this exact list. */
function filterFromUrl(params: URLSearchParams): CaseFilter {
  const filter: CaseFilter = {};
  for (const key of filterKeys) {
    const value = params.get(key)?.trim();
    if (value) {
      filter[key] = value;
    }
  }
  const sort = params.get('sort');
  if (sort === 'received' || sort === 'onset') {
    filter.sort = sort;
  }
  return filter;
}

function urlFromFilter(filter: CaseFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of [...filterKeys, 'sort'] as const) {
    const value = filter[key];
    if (value) {
      params.set(key, value);
    }
  }
  return params;
}

function formFromFilter(filter: CaseFilter): FilterForm {
  const day = (value: string | undefined) => (value ? dayjs(value) : null);
  const range = (from: string | undefined, to: string | undefined): Range =>
    from || to ? [day(from), day(to)] : null;
  const { onsetFrom, onsetTo, reportFrom, reportTo, ...rest } = filter;
  return {
    ...rest,
    sort: rest.sort ?? 'received',
    onset: range(onsetFrom, onsetTo),
    report: range(reportFrom, reportTo),
  };
}

function toFilter(values: FilterForm): CaseFilter {
  const { onset, report, ...rest } = values;
  const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined);
  return {
    ...rest,
    q: rest.q?.trim() || undefined,
    division: rest.division?.trim() || undefined,
    onsetFrom: day(onset?.[0]),
    onsetTo: day(onset?.[1]),
    reportFrom: day(report?.[0]),
    reportTo: day(report?.[1]),
  };
}

export function CaseListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const options = useCaseOptions();
  const [params, setParams] = useSearchParams();
  const filter = filterFromUrl(params);
  const setFilter = (next: CaseFilter) => setParams(urlFromFilter(next));
  const cases = useCases(filter);
  const canWrite = useCan('cases:write');
  const rows = cases.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <Typography.Title level={3}>{t('cases.title')}</Typography.Title>
      <Form<FilterForm>
        key={params.toString()}
        layout="inline"
        className="page-toolbar"
        initialValues={formFromFilter(filter)}
        onFinish={(v) => setFilter(toFilter(v))}
        data-testid="cases-filters"
      >
        <Form.Item name="q">
          <Input.Search
            allowClear
            placeholder={t('cases.searchPlaceholder')}
            style={{ width: 220 }}
            onSearch={(q) => setFilter({ ...filter, q: q.trim() || undefined })}
          />
        </Form.Item>
        <Form.Item name="classification">
          <Select
            allowClear
            placeholder={t('cases.classification')}
            style={{ width: 130 }}
            options={options.classification}
          />
        </Form.Item>
        <Form.Item name="status">
          <Select
            allowClear
            placeholder={t('cases.status')}
            style={{ width: 120 }}
            options={options.status}
          />
        </Form.Item>
        <Form.Item name="division">
          <Input allowClear placeholder={t('cases.division')} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="onset" label={t('cases.onsetDate')}>
          <DatePicker.RangePicker style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="report" label={t('cases.receivedAt')}>
          <DatePicker.RangePicker style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="sort">
          <Select
            style={{ width: 150 }}
            options={[
              { value: 'received', label: t('cases.sortReceived') },
              { value: 'onset', label: t('cases.sortOnset') },
            ]}
          />
        </Form.Item>
        <Button htmlType="submit" type="primary">
          {t('common.search')}
        </Button>
        {canWrite ? (
          <Button
            icon={<PlusOutlined />}
            onClick={() => void navigate('/cases/new')}
            data-testid="report-case"
          >
            {t('cases.report')}
          </Button>
        ) : null}
      </Form>
      {cases.isError ? <Alert type="error" showIcon title={cases.error.message} /> : null}
      <Table<CaseListItem>
        rowKey="id"
        size="middle"
        loading={cases.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 960 }}
        data-testid="cases-table"
        columns={[
          {
            title: t('cases.caseNumber'),
            dataIndex: 'caseNumber',
            render: (value: string, row) => <Link to={`/cases/${row.id}`}>{value}</Link>,
          },
          {
            title: t('person.name'),
            dataIndex: 'personName',
            render: (value: string, row) =>
              row.personMasked ? <Typography.Text type="secondary">{value}</Typography.Text> : value,
          },
          {
            title: t('cases.classification'),
            dataIndex: 'classification',
            render: (value: string) => (
              <Tag color={classificationColors[value]}>{t(labelKey('cls', value))}</Tag>
            ),
          },
          {
            title: t('cases.severity'),
            dataIndex: 'severity',
            render: (value: string | null) => (value ? t(labelKey('severity', value)) : '—'),
          },
          {
            title: t('cases.onsetDate'),
            dataIndex: 'onsetDate',
            render: (value: string | null) => value ?? '—',
          },
          {
            title: t('cases.receivedAt'),
            dataIndex: 'receivedAt',
            render: (value: string) => formatInstant(value),
          },
          {
            title: t('cases.status'),
            dataIndex: 'status',
            render: (value: string) => t(labelKey('status', value)),
          },
          {
            title: t('inv.state'),
            dataIndex: 'investigationState',
            render: (value: string | null) => (value ? <Tag>{t(labelKey('state', value))}</Tag> : '—'),
          },
          { title: t('cases.division'), dataIndex: 'divisionCode' },
        ]}
      />
      {cases.hasNextPage ? (
        <Button
          style={{ marginTop: 12 }}
          onClick={() => void cases.fetchNextPage()}
          loading={cases.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      ) : null}
    </>
  );
}
