import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Input,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { SuggestionView } from '../../../../src/server/samples/samples.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { resultColors, useSampleLabel } from './labels.ts';
import { useDecideSuggestion } from './mutations.ts';
import { useSuggestions } from './queries.ts';
import { errorText } from '../../api/client.ts';

const kindColors: Record<string, string> = {
  convert: 'red',
  exclude: 'default',
  discharge: 'green',
  repositive: 'volcano',
};
type Classification = 'suspected' | 'confirmed' | 'asymptomatic';

/** The subject as a link: a case to its page, a contact to its record (or the case it became). */
function SubjectLink({ s }: { s: SuggestionView }) {
  const { t } = useI18n();
  const name = s.subject?.name ?? `#${s.subjectId}`;
  if (s.subjectType === 'case') {
    return <Link to={`/cases/${s.subjectId}`}>{`${s.subject?.caseNumber ?? ''} ${name}`.trim()}</Link>;
  }
  return (
    <Space size={4}>
      <Link to={`/contacts/${s.subjectId}`}>{name}</Link>
      <Tag>{t('samples.suggestions.contact')}</Tag>
    </Space>
  );
}

type Converted = { caseId: number; caseNumber: string | null; name: string };

/** The case a conversion made, as a link that stays after the suggestion leaves the open list. */
function ConvertedLink({ c }: { c: Converted }) {
  const { t } = useI18n();
  return (
    <Alert
      type="success"
      showIcon
      data-testid="converted-case"
      title={
        <Link to={`/cases/${c.caseId}`}>
          {t('samples.suggestions.newCase', { number: c.caseNumber ?? `#${c.caseId}`, name: c.name })}
        </Link>
      }
    />
  );
}

function SuggestionCard({ s, onConverted }: { s: SuggestionView; onConverted: (c: Converted) => void }) {
  const { t } = useI18n();
  const label = useSampleLabel();
  const canDecide = useCan('suggestions:decide');
  const decide = useDecideSuggestion();
  const [classification, setClassification] = useState<Classification>('confirmed');
  const [dischargeDate, setDischargeDate] = useState<Dayjs>(dayjs());
  const [note, setNote] = useState('');
  const act = (decision: 'accept' | 'dismiss') =>
    decide.mutate(
      {
        id: s.id,
        version: s.version,
        decision,
        ...(note.trim() === '' ? {} : { note: note.trim() }),
        ...(decision === 'accept' && s.kind === 'convert' ? { classification } : {}),
        ...(decision === 'accept' && s.kind === 'discharge'
          ? { dischargeDate: dischargeDate.format('YYYY-MM-DD') }
          : {}),
      },
      {
        onSuccess: (r) => {
          if (r.caseId !== null && s.kind === 'convert') {
            onConverted({
              caseId: r.caseId,
              caseNumber: r.suggestion.subject?.caseNumber ?? null,
              name: r.suggestion.subject?.name ?? '',
            });
          }
        },
      },
    );
  const converted =
    s.kind === 'convert' && s.subject?.caseId !== null && s.subject?.caseId !== undefined
      ? { caseId: s.subject.caseId, caseNumber: s.subject.caseNumber, name: s.subject.name }
      : null;
  return (
    <Card
      size="small"
      className="samples-suggestion"
      data-testid="suggestion"
      title={
        <Space wrap>
          <Tag color={kindColors[s.kind]}>{label('kind', s.kind)}</Tag>
          <SubjectLink s={s} />
          <Typography.Text type="secondary">{formatInstant(s.createdAt)}</Typography.Text>
        </Space>
      }
      extra={s.status === 'open' ? null : <Tag>{label('decision', s.status)}</Tag>}
    >
      <Typography.Paragraph strong>{s.message}</Typography.Paragraph>
      <Typography.Text type="secondary">{t('samples.suggestions.restsOn')}</Typography.Text>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={s.restsOn}
        style={{ marginBottom: 12 }}
        columns={[
          { title: t('samples.suggestions.target'), dataIndex: 'target' },
          { title: 'Ct', dataIndex: 'ct', render: (v: number | null) => v ?? '—' },
          {
            title: t('samples.result'),
            dataIndex: 'result',
            render: (v: string) => <Tag color={resultColors[v]}>{label('result', v)}</Tag>,
          },
          { title: t('samples.testedAt'), dataIndex: 'testedAt', render: (v: string) => formatInstant(v) },
          { title: t('samples.lab'), dataIndex: 'lab', render: (v: string | null) => v ?? '—' },
        ]}
      />
      {s.status === 'open' && canDecide ? (
        <Space wrap>
          {s.kind === 'convert' ? (
            <Select<Classification>
              value={classification}
              onChange={setClassification}
              style={{ width: 140 }}
              data-testid="convert-classification"
              options={[
                { value: 'confirmed', label: t('samples.cls.confirmed') },
                { value: 'asymptomatic', label: t('samples.cls.asymptomatic') },
                { value: 'suspected', label: t('samples.cls.suspected') },
              ]}
            />
          ) : null}
          {s.kind === 'discharge' ? (
            <DatePicker allowClear={false} value={dischargeDate} onChange={(d) => d && setDischargeDate(d)} />
          ) : null}
          <Input
            placeholder={t('samples.suggestions.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            style={{ width: 220 }}
          />
          <Popconfirm title={s.action} onConfirm={() => act('accept')}>
            <Button
              type="primary"
              danger={s.kind === 'convert'}
              loading={decide.isPending}
              data-testid="suggestion-accept"
            >
              {s.action}
            </Button>
          </Popconfirm>
          <Button onClick={() => act('dismiss')} disabled={decide.isPending} data-testid="suggestion-dismiss">
            {t('samples.suggestions.dismiss')}
          </Button>
        </Space>
      ) : null}
      {decide.isError ? (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorText(decide.error)} />
      ) : null}
      {converted ? (
        <div style={{ marginTop: 12 }}>
          <ConvertedLink c={converted} />
        </div>
      ) : null}
    </Card>
  );
}

/** What the lab rules suggest — convert, exclude, discharge, re-positive — each naming its results; people decide. */
export function SuggestionsPage() {
  const { t } = useI18n();
  const label = useSampleLabel();
  const [status, setStatus] = useState('open');
  const [converted, setConverted] = useState<Converted[]>([]);
  const list = useSuggestions(status);
  return (
    <>
      <Typography.Title level={3}>{t('samples.suggestions.title')}</Typography.Title>
      <div className="page-toolbar">
        <Segmented
          value={status}
          onChange={(v) => setStatus(String(v))}
          options={['open', 'accepted', 'dismissed'].map((value) => ({
            value,
            label: label('decision', value),
          }))}
        />
      </div>
      <Space direction="vertical" style={{ width: '100%', marginBottom: converted.length > 0 ? 16 : 0 }}>
        {converted.map((c) => (
          <ConvertedLink key={c.caseId} c={c} />
        ))}
      </Space>
      {list.isError ? <Alert type="error" showIcon title={list.error.message} /> : null}
      {list.isPending ? <Spin /> : null}
      {list.data && list.data.items.length === 0 ? (
        <Empty description={t('samples.suggestions.empty')} />
      ) : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        {list.data?.items.map((s) => (
          <SuggestionCard key={s.id} s={s} onConverted={(c) => setConverted((list) => [c, ...list])} />
        ))}
      </Space>
    </>
  );
}
