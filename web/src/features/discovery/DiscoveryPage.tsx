import { Alert, Button, Card, Descriptions, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Candidate } from '../../../../src/server/discovery/discovery.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useCan } from '../auth/queries.ts';
import { useConfirmCandidate, useDismissCandidate, useRunDiscovery } from './mutations.ts';
import { useOutbreakChoices } from '../outbreaks/queries.ts';
import { useCandidates, useRuns } from './queries.ts';

const statusColor = { pending: 'gold', confirmed: 'green', dismissed: 'default' } as const;

/** Run discovery for an outbreak, then triage its candidates: confirm as contacts or dismiss with a reason. */
export function DiscoveryPage() {
  const { t } = useI18n();
  const outbreaks = useOutbreakChoices(true);
  const [outbreakId, setOutbreakId] = useState<number | null>(null);
  const [tolerance, setTolerance] = useState(1800);
  const [placeId, setPlaceId] = useState<number | null>(null);
  const [dismissing, setDismissing] = useState<Candidate | null>(null);
  const selected = outbreakId ?? outbreaks.data?.items[0]?.id ?? null;
  const runs = useRuns(selected);
  const run = runs.data?.items[0] ?? null;
  const candidates = useCandidates(run?.id ?? null, placeId);
  const start = useRunDiscovery(selected);
  const confirm = useConfirmCandidate();
  const dismiss = useDismissCandidate();
  const canRun = useCan('discovery:run');
  const canDecide = useCan('discovery:decide');
  const rows = candidates.data?.pages.flatMap((p) => p.items) ?? [];
  const counts = candidates.data?.pages[0]?.countsByPlace ?? [];
  const error = start.error ?? confirm.error ?? dismiss.error;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>
        <Link to="/places">{t('places.title')}</Link> / {t('discovery.title')}
      </Typography.Title>
      <Card>
        <Space wrap>
          <Select
            style={{ width: 280 }}
            value={selected ?? undefined}
            placeholder={t('discovery.outbreak')}
            options={(outbreaks.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
            onChange={(value: number) => {
              setOutbreakId(value);
              setPlaceId(null);
            }}
            data-testid="outbreak-select"
          />
          <span>{t('discovery.tolerance')}</span>
          <InputNumber
            min={0}
            max={86400}
            step={300}
            value={tolerance}
            onChange={(v) => setTolerance(v ?? 1800)}
          />
          {canRun ? (
            <Button
              type="primary"
              disabled={selected === null}
              loading={start.isPending}
              onClick={() => start.mutate({ tolerance })}
              data-testid="run-discovery"
            >
              {t('discovery.run')}
            </Button>
          ) : null}
        </Space>
        {run ? (
          <Descriptions column={4} size="small" style={{ marginTop: 16 }} data-testid="run-summary">
            <Descriptions.Item label={t('discovery.ranAt')}>
              {formatInstant(run.finishedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('discovery.caseVisits')}>{run.caseVisits}</Descriptions.Item>
            <Descriptions.Item label={t('discovery.visitsScanned')}>{run.visitsScanned}</Descriptions.Item>
            <Descriptions.Item label={t('discovery.found')}>
              {t('discovery.foundText', { contacts: run.candidates, companions: run.companions })}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </Card>
      {error ? <Alert type="error" showIcon title={error.message} /> : null}
      {run ? (
        <Card title={t('discovery.byPlace')}>
          <Space wrap data-testid="counts-by-place">
            <Tag.CheckableTag checked={placeId === null} onChange={() => setPlaceId(null)}>
              {t('common.all')}
            </Tag.CheckableTag>
            {counts.map((c) => (
              <Tag.CheckableTag
                key={c.placeId ?? 'cells'}
                checked={placeId !== null && placeId === c.placeId}
                onChange={() => setPlaceId(c.placeId)}
              >
                {c.placeName ?? t('discovery.companions')} {c.candidates}（{t('discovery.pending')}{' '}
                {c.pending}）
              </Tag.CheckableTag>
            ))}
          </Space>
        </Card>
      ) : null}
      {run ? (
        <Table<Candidate>
          rowKey="id"
          size="small"
          loading={candidates.isPending}
          dataSource={rows}
          pagination={false}
          data-testid="candidates-table"
          columns={[
            {
              title: t('discovery.person'),
              key: 'person',
              render: (_, c) => (
                <span>
                  {c.person?.name ?? '—'}{' '}
                  <Typography.Text type="secondary">{c.externalPersonId}</Typography.Text>
                  {c.person?.phone ? <div>{c.person.phone}</div> : null}
                </span>
              ),
            },
            { title: t('places.case'), dataIndex: 'caseNumber' },
            {
              title: t('discovery.where'),
              key: 'where',
              render: (_, c) =>
                c.kind === 'contact' ? (
                  <Link to={`/places/${c.placeId ?? ''}`}>{c.placeName}</Link>
                ) : (
                  <Tag color="purple">
                    {t('discovery.companions')} {c.cell}
                  </Tag>
                ),
            },
            {
              title: t('discovery.overlap'),
              dataIndex: 'overlapSeconds',
              render: (s: number) => `${Math.round(s / 60)} min`,
            },
            {
              title: t('discovery.when'),
              key: 'when',
              render: (_, c) => `${formatInstant(c.firstAt)} – ${formatInstant(c.lastAt).slice(11)}`,
            },
            {
              title: t('discovery.status'),
              dataIndex: 'status',
              render: (s: Candidate['status'], c) => (
                <span>
                  <Tag color={statusColor[s]}>{t(`discovery.status.${s}` as MessageKey)}</Tag>
                  {c.reason ? <Typography.Text type="secondary">{c.reason}</Typography.Text> : null}
                </span>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, c) =>
                c.status === 'pending' && canDecide ? (
                  <Space>
                    <Button
                      size="small"
                      type="primary"
                      loading={confirm.isPending}
                      onClick={() => confirm.mutate(c)}
                    >
                      {t('discovery.confirm')}
                    </Button>
                    <Button size="small" onClick={() => setDismissing(c)}>
                      {t('discovery.dismiss')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      ) : null}
      {candidates.hasNextPage ? (
        <Button onClick={() => void candidates.fetchNextPage()}>{t('common.loadMore')}</Button>
      ) : null}
      <ReasonModal
        open={dismissing !== null}
        title={t('discovery.dismiss')}
        placeholder={t('discovery.reason')}
        loading={dismiss.isPending}
        testId="dismiss-reason"
        onCancel={() => setDismissing(null)}
        onSubmit={(reason) => {
          if (dismissing) {
            dismiss.mutate({ candidate: dismissing, reason }, { onSuccess: () => setDismissing(null) });
          }
        }}
      />
    </Space>
  );
}
