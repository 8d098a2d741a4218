import { Alert, Button, Card, Descriptions, Popconfirm, Space, Spin, Steps, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { investigationStates } from '../../../../src/core/investigations/states.ts';
import type { Case } from '../../../../src/server/cases/cases.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan, useMe } from '../auth/queries.ts';
import { labelKey } from '../cases/labels.ts';
import { ClockList } from './ClockList.tsx';
import { useTransition, useUpdateInvestigation } from './mutations.ts';
import { investigationKeys, useInvestigation } from './queries.ts';

/** The investigation of a case: its state, clocks, team and the buttons that move it on. */
export function InvestigationPanel({ record }: { record: Case }) {
  const { t } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const investigation = useInvestigation(record.id);
  const transition = useTransition(record.id);
  const assign = useUpdateInvestigation(record.id);
  const canWrite = useCan('investigations:write');
  if (investigation.isPending) {
    return <Spin />;
  }
  if (investigation.isError) {
    return <Alert type="error" showIcon title={investigation.error.message} />;
  }
  const inv = investigation.data;
  const myId = me.data?.user.id;
  const inTeam = myId !== undefined && inv.team.includes(myId);
  // Team members by name (the signed-in user as "me"); an id the answer does not name, by number.
  const names = new Map(inv.members.map((member) => [member.id, member.displayName]));
  const who = (id: number) => (id === myId ? t('inv.me') : (names.get(id) ?? `#${id}`));
  // Submission happens with the report (it records recipients), not as a bare state change.
  const next = inv.nextStates.filter((state) => state !== 'submitted');
  const coreInfo = inv.clocks.find((clock) => clock.name === 'coreInfo');
  const current = investigationStates.indexOf(inv.state);
  const stepTimes: Partial<Record<string, string | null>> = {
    dispatched: inv.dispatchedAt,
    arrived: inv.arrivedAt,
    submitted: inv.submittedAt,
  };

  return (
    <Card size="small" title={t('inv.title')} style={{ marginBottom: 16 }} data-testid="investigation-panel">
      <Steps
        size="small"
        titlePlacement="vertical"
        current={current}
        status={inv.state === 'submitted' ? 'finish' : 'process'}
        style={{ marginBottom: 16 }}
        items={investigationStates.map((state) => ({
          title: t(labelKey('state', state)),
          description: stepTimes[state] ? formatInstant(stepTimes[state]) : undefined,
        }))}
        data-testid="investigation-steps"
      />
      <ClockList
        // A filed investigation has nothing left to run against.
        clocks={inv.state === 'submitted' ? inv.clocks.filter((clock) => clock.doneAt !== null) : inv.clocks}
        onDeadline={() =>
          void queryClient.invalidateQueries({ queryKey: investigationKeys.ofCase(record.id) })
        }
      />
      <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
        <Descriptions.Item label={t('inv.lead')}>
          {inv.leadUserId === null ? '—' : who(inv.leadUserId)}
        </Descriptions.Item>
        <Descriptions.Item label={t('inv.team')}>
          {inv.team.length > 0 ? inv.team.map((id) => <Tag key={id}>{who(id)}</Tag>) : '—'}
        </Descriptions.Item>
      </Descriptions>
      {canWrite && inv.state !== 'submitted' ? (
        <Space wrap>
          {next.map((state) => (
            <Popconfirm
              key={state}
              title={t('inv.confirmTransition', { state: t(labelKey('state', state)) })}
              onConfirm={() => transition.mutate({ to: state, version: inv.version })}
            >
              <Button type="primary" loading={transition.isPending} data-testid={`to-${state}`}>
                {t(labelKey('transition', state))}
              </Button>
            </Popconfirm>
          ))}
          {coreInfo && coreInfo.doneAt === null ? (
            <Button
              onClick={() => assign.mutate({ version: inv.version, coreInfoAt: new Date().toISOString() })}
            >
              {t('inv.coreInfoDone')}
            </Button>
          ) : null}
          {myId !== undefined && !inTeam ? (
            <Button
              onClick={() =>
                assign.mutate({
                  version: inv.version,
                  leadUserId: inv.leadUserId,
                  team: [...inv.team, myId],
                })
              }
            >
              {t('inv.joinTeam')}
            </Button>
          ) : null}
          {myId !== undefined && inv.leadUserId !== myId ? (
            <Button
              onClick={() =>
                assign.mutate({
                  version: inv.version,
                  leadUserId: myId,
                  team: inTeam ? inv.team : [...inv.team, myId],
                })
              }
            >
              {t('inv.takeLead')}
            </Button>
          ) : null}
        </Space>
      ) : null}
    </Card>
  );
}
