import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Empty, Space, Spin, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { Trajectory, TrajectoryEntry } from '../../../../src/server/trajectory/trajectory.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { labelKey } from '../cases/labels.ts';
import { ArchiveEntry } from './ArchiveEntry.tsx';
import { EntryForm } from './EntryForm.tsx';
import { EvidenceList } from './EvidenceList.tsx';
import { useTrajectory } from './queries.ts';

type Flag = Trajectory['flags'][number];

const flagColor: Record<Flag['kind'], string> = { outside_window: 'orange', overlap: 'red', gap: 'blue' };

function hhmm(value: string): string {
  return formatInstant(value).slice(11);
}

function FlagTags({ flags }: { flags: Flag[] }) {
  const { t } = useI18n();
  return (
    <>
      {flags.map((flag, index) => (
        <Tag key={index} color={flagColor[flag.kind]}>
          {t(labelKey('flag', flag.kind))}
        </Tag>
      ))}
    </>
  );
}

/** The case's activity trajectory: a timeline by local day and a table, with the server's flags. */
export function TrajectoryPanel({ caseId, editable }: { caseId: number; editable: boolean }) {
  const { t } = useI18n();
  const trajectory = useTrajectory(caseId);
  const [editing, setEditing] = useState<TrajectoryEntry | 'new' | null>(null);
  if (trajectory.isPending) {
    return <Spin />;
  }
  if (trajectory.isError) {
    return <Alert type="error" showIcon title={trajectory.error.message} />;
  }
  const { entries, flags, days, window } = trajectory.data;
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const flagsOf = (id: number) => flags.filter((flag) => flag.kind !== 'gap' && flag.entryIds.includes(id));
  const gaps = flags.filter((flag) => flag.kind === 'gap');
  // The drawer shows the entry as last fetched, so evidence added inside it appears at once.
  const current = editing === 'new' || editing === null ? null : (byId.get(editing.id) ?? editing);
  const last = entries.at(-1);

  const timeline = days.map((day) => (
    <div key={day.date} className="trajectory-day">
      <Typography.Title level={5}>{day.date}</Typography.Title>
      <Timeline
        items={day.entryIds.flatMap((id) => {
          const entry = byId.get(id);
          if (!entry) {
            return [];
          }
          const entryFlags = flagsOf(id);
          return [
            {
              key: id,
              color: entryFlags.length > 0 ? 'red' : 'green',
              children: (
                <div data-testid="timeline-entry">
                  <Space wrap>
                    <Typography.Text strong>{`${hhmm(entry.startAt)}–${hhmm(entry.endAt)}`}</Typography.Text>
                    <Typography.Text>{entry.placeName}</Typography.Text>
                    <Tag>{t(labelKey('place', entry.placeKind))}</Tag>
                    <FlagTags flags={entryFlags} />
                    {editable ? (
                      <Button size="small" type="link" onClick={() => setEditing(entry)}>
                        {t('common.edit')}
                      </Button>
                    ) : null}
                  </Space>
                  <div className="trajectory-detail">
                    {[
                      entry.address,
                      entry.activity,
                      entry.companions && `${t('traj.companions')}：${entry.companions}`,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </div>
                  <Space wrap size={4}>
                    {entry.evidence.map((item) => (
                      <Tag key={item.id} color="geekblue">
                        {`${t(labelKey('source', item.source))} · ${t(labelKey('confidence', item.confidence))}`}
                      </Tag>
                    ))}
                  </Space>
                </div>
              ),
            },
          ];
        })}
      />
    </div>
  ));

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {window ? (
          <Typography.Text type="secondary">
            {window.lookBackDays === 0
              ? t('traj.windowOnset', { start: formatInstant(window.start), end: formatInstant(window.end) })
              : t('traj.window', {
                  start: formatInstant(window.start),
                  end: formatInstant(window.end),
                  days: window.lookBackDays,
                })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('traj.noWindow')}</Typography.Text>
        )}
        {editable ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="add-entry"
          >
            {t('traj.add')}
          </Button>
        ) : null}
      </Space>
      {gaps.length > 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('traj.gaps', { count: gaps.length })}
          description={gaps.map((gap) => `${formatInstant(gap.from)} – ${formatInstant(gap.to)}`).join('；')}
        />
      ) : null}
      <Tabs
        items={[
          {
            key: 'timeline',
            label: t('traj.timeline'),
            children: entries.length === 0 ? <Empty description={t('traj.empty')} /> : timeline,
          },
          {
            key: 'table',
            label: t('traj.table'),
            children: (
              <Table<TrajectoryEntry>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={entries}
                scroll={{ x: 1000 }}
                data-testid="trajectory-table"
                expandable={{
                  expandedRowRender: (entry) => (
                    <EvidenceList caseId={caseId} entry={entry} editable={editable} />
                  ),
                }}
                columns={[
                  {
                    title: t('traj.start'),
                    dataIndex: 'startAt',
                    render: (v: string) => formatInstant(v),
                    width: 140,
                  },
                  {
                    title: t('traj.end'),
                    dataIndex: 'endAt',
                    render: (v: string) => formatInstant(v),
                    width: 140,
                  },
                  { title: t('traj.place'), dataIndex: 'placeName' },
                  { title: t('traj.address'), dataIndex: 'address' },
                  { title: t('traj.activity'), dataIndex: 'activity' },
                  {
                    title: t('traj.transport'),
                    key: 'transport',
                    render: (_, e) =>
                      e.transportKind
                        ? [t(labelKey('transport', e.transportKind)), e.vehicleNumber, e.seat]
                            .filter(Boolean)
                            .join(' ')
                        : '—',
                  },
                  { title: t('traj.companions'), dataIndex: 'companions' },
                  { title: t('traj.protection'), dataIndex: 'protection' },
                  { title: t('traj.evidence'), key: 'evidence', render: (_, e) => e.evidence.length },
                  {
                    title: t('traj.flags'),
                    key: 'flags',
                    render: (_, e) => <FlagTags flags={flagsOf(e.id)} />,
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <Drawer
        open={editing !== null}
        title={current ? t('traj.edit') : t('traj.add')}
        onClose={() => setEditing(null)}
        size="large"
        destroyOnHidden
      >
        <EntryForm
          caseId={caseId}
          entry={current}
          defaultStart={last?.endAt}
          onDone={() => setEditing(null)}
        />
        {current ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 24 }}>
              {t('traj.evidence')}
            </Typography.Title>
            <EvidenceList caseId={caseId} entry={current} editable={editable} />
            <ArchiveEntry caseId={caseId} entry={current} onDone={() => setEditing(null)} />
          </>
        ) : null}
      </Drawer>
    </>
  );
}
