import { Alert, Card, Descriptions, List, Space, Steps, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { resultColors, useSampleLabel } from './labels.ts';
import { useFollowUp } from './queries.ts';

const stepStatus = { done: 'finish', due: 'process', overdue: 'error', upcoming: 'wait' } as const;

/** Where a discharged case's follow-up stands: the observation period, each sampling window, the visits. */
export function DischargeFollowUpCard({ caseId }: { caseId: number }) {
  const { t } = useI18n();
  const label = useSampleLabel();
  // Roles without the samples permission see no follow-up rather than an error.
  const followUp = useFollowUp(caseId, useCan('samples:read'));
  if (followUp.isError) {
    return <Alert type="error" showIcon title={followUp.error.message} />;
  }
  const data = followUp.data;
  if (!data || data.dischargeDate === null) {
    return null;
  }
  const observation = data.observation;
  return (
    <Card
      size="small"
      title={t('samples.followUp.title')}
      style={{ marginBottom: 16 }}
      data-testid="discharge-follow-up"
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('samples.followUp.discharged')}>{data.dischargeDate}</Descriptions.Item>
        {observation ? (
          <Descriptions.Item label={t('samples.followUp.observation')}>
            <Space wrap>
              <span>{`${observation.start} — ${observation.end}`}</span>
              {observation.ended ? (
                <Tag color="green">{t('samples.followUp.ended')}</Tag>
              ) : observation.day !== null ? (
                <Tag color="blue">{t('samples.followUp.day', { n: observation.day })}</Tag>
              ) : (
                <Tag>{t('samples.followUp.notStarted')}</Tag>
              )}
            </Space>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Steps
        direction="vertical"
        size="small"
        current={data.samplings.length}
        style={{ marginTop: 12 }}
        items={data.samplings.map((s) => ({
          status: stepStatus[s.state],
          title: (
            <Space wrap>
              <span>{s.label}</span>
              <Tag color={s.state === 'overdue' ? 'red' : s.state === 'done' ? 'green' : 'default'}>
                {label('state', s.state)}
              </Tag>
            </Space>
          ),
          description: (
            <Space direction="vertical" size={2}>
              <Typography.Text type="secondary">
                {s.start === s.end ? s.start : `${s.start} — ${s.end}`}
              </Typography.Text>
              <Space wrap size={4}>
                {s.samples.map((sample) => (
                  <Tag key={sample.id} color={sample.result ? resultColors[sample.result] : undefined}>
                    {`${label('specimen', sample.specimen)} · ${label('status', sample.status)}${
                      sample.result ? ` · ${label('result', sample.result)}` : ''
                    }`}
                  </Tag>
                ))}
              </Space>
            </Space>
          ),
        }))}
      />
      {data.visits.length > 0 ? (
        <List
          size="small"
          header={<Typography.Text strong>{t('samples.followUp.visits')}</Typography.Text>}
          dataSource={data.visits}
          renderItem={(v) => (
            <List.Item key={v.taskId} extra={<Tag>{label('task', v.status)}</Tag>}>
              {v.title}
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
