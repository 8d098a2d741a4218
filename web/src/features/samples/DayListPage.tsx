import { FileExcelOutlined, FileWordOutlined, PhoneOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Grid,
  List,
  Progress,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import type { DayList } from '../../../../src/server/samples/samples.schema.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DivisionPicker } from './DivisionPicker.tsx';
import { statusColors, today, useSampleLabel } from './labels.ts';
import { dayListUrl, useDayList } from './queries.ts';

type Entry = DayList['groups'][number]['entries'][number];

/** One group as a table on a desk, as a list of cards on a phone. */
function GroupEntries({ entries, wide }: { entries: Entry[]; wide: boolean }) {
  const { t } = useI18n();
  const label = useSampleLabel();
  const status = (e: Entry) => <Tag color={statusColors[e.status]}>{label('status', e.status)}</Tag>;
  if (!wide) {
    return (
      <List
        size="small"
        dataSource={entries}
        renderItem={(e) => (
          <List.Item key={e.sampleId} data-testid="day-entry">
            <div className="samples-entry">
              <div className="samples-entry-head">
                <Typography.Text strong>{e.name}</Typography.Text>
                {status(e)}
              </div>
              {e.phone ? (
                <a href={`tel:${e.phone}`} className="samples-entry-phone">
                  <PhoneOutlined /> {e.phone}
                </a>
              ) : null}
              <Typography.Text type="secondary">{e.address ?? '—'}</Typography.Text>
              <Typography.Text>
                {label('specimen', e.specimen)} · <code>{e.code}</code>
                {e.poolCode ? ` · ${t('samples.pool')} ${e.poolCode}` : ''}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<Entry>
      rowKey="sampleId"
      size="small"
      pagination={false}
      dataSource={entries}
      columns={[
        { title: t('samples.name'), dataIndex: 'name', width: 110 },
        { title: t('samples.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
        { title: t('samples.address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
        {
          title: t('samples.specimen'),
          dataIndex: 'specimen',
          width: 100,
          render: (v: string) => label('specimen', v),
        },
        { title: t('samples.plan'), dataIndex: 'label', width: 160, render: (v: string | null) => v ?? '—' },
        { title: t('samples.code'), dataIndex: 'code', width: 120, render: (v: string) => <code>{v}</code> },
        { title: t('samples.status'), dataIndex: 'status', width: 90, render: (_: string, e) => status(e) },
        {
          title: t('samples.pool'),
          dataIndex: 'poolCode',
          width: 120,
          render: (v: string | null) => v ?? '—',
        },
      ]}
    />
  );
}

/** What to collect on a day, village by village (or site by site), with the printable lists and labels. */
export function DayListPage() {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const [search, setSearch] = useSearchParams();
  const date = search.get('date') ?? today();
  const division = search.get('division');
  const list = useDayList(date, division);
  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) {
        next.delete(key);
      } else {
        next.set(key, value);
      }
    }
    setSearch(next, { replace: true });
  };
  const data = list.data;
  return (
    <>
      <Typography.Title level={3}>{t('samples.dayList.title')}</Typography.Title>
      <div className="page-toolbar">
        <DatePicker
          data-testid="day-date"
          allowClear={false}
          value={dayjs(date)}
          onChange={(d) => update({ date: d ? d.format('YYYY-MM-DD') : null })}
        />
        <DivisionPicker value={division} onChange={(code) => update({ division: code })} />
        <Space wrap>
          <Button
            icon={<FileWordOutlined />}
            href={dayListUrl('docx', date, division)}
            data-testid="download-docx"
          >
            {t('samples.dayList.docx')}
          </Button>
          <Button
            icon={<FileExcelOutlined />}
            href={dayListUrl('xlsx', date, division)}
            data-testid="download-xlsx"
          >
            {t('samples.dayList.xlsx')}
          </Button>
          <Button
            icon={<PrinterOutlined />}
            href={dayListUrl('labels.docx', date, division)}
            data-testid="download-labels"
          >
            {t('samples.dayList.labels')}
          </Button>
        </Space>
      </div>
      {list.isError ? <Alert type="error" showIcon title={list.error.message} /> : null}
      {list.isPending ? <Spin /> : null}
      {data ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Space size="large" wrap>
            <span data-testid="day-total">
              {t('samples.dayList.total')}: <Typography.Text strong>{data.total}</Typography.Text>
            </span>
            <span>
              {t('samples.dayList.collected')}: <Typography.Text strong>{data.collected}</Typography.Text>
            </span>
            <Progress
              style={{ width: 200, margin: 0 }}
              percent={data.total === 0 ? 0 : Math.round((data.collected / data.total) * 100)}
              size="small"
            />
          </Space>
        </Card>
      ) : null}
      {data && data.groups.length === 0 ? <Empty description={t('samples.dayList.empty')} /> : null}
      {data?.groups.map((group) => (
        <Card
          key={group.key}
          size="small"
          className="samples-group"
          data-testid="day-group"
          title={
            <Space wrap>
              <span>{group.name}</span>
              <Tag>{t(group.kind === 'site' ? 'samples.dayList.site' : 'samples.dayList.village')}</Tag>
              <Typography.Text type="secondary">
                {t('samples.dayList.count', { n: group.entries.length })}
              </Typography.Text>
            </Space>
          }
        >
          <GroupEntries entries={group.entries} wide={screens.md === true} />
        </Card>
      ))}
    </>
  );
}
