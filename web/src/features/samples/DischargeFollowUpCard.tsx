import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  List,
  Modal,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorText } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { resultColors, useSampleLabel } from './labels.ts';
import { useRecordDischarge } from './mutations.ts';
import { useFollowUp } from './queries.ts';

const stepStatus = { done: 'finish', due: 'process', overdue: 'error', upcoming: 'wait' } as const;

/**
 * Moves a recorded discharge date, sending the version it was read at (a date moved meanwhile is a 409,
 * shown here); the server plans the follow-up again from the new date.
 */
function MoveDischargeDate({ caseId, date, version }: { caseId: number; date: string; version: number }) {
  const { t } = useI18n();
  const move = useRecordDischarge(caseId);
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<Dayjs>(dayjs(date));
  const error = move.error ? errorText(move.error) : null;
  return (
    <>
      <Button
        size="small"
        type="link"
        data-testid="move-discharge"
        onClick={() => {
          setValue(dayjs(date));
          move.reset();
          setOpen(true);
        }}
      >
        {t('samples.followUp.move')}
      </Button>
      <Modal
        open={open}
        title={t('samples.followUp.moveTitle')}
        okButtonProps={{ loading: move.isPending, disabled: value.format('YYYY-MM-DD') === date }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          move.mutate(
            { dischargeDate: value.format('YYYY-MM-DD'), version },
            { onSuccess: () => setOpen(false) },
          )
        }
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('samples.followUp.moveHint')}</Typography.Paragraph>
        <DatePicker
          allowClear={false}
          value={value}
          onChange={(d) => d && setValue(d)}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          data-testid="discharge-date"
        />
        {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} /> : null}
      </Modal>
    </>
  );
}

/** Where a discharged case's follow-up stands: the observation period, each sampling window, the visits. */
export function DischargeFollowUpCard({ caseId }: { caseId: number }) {
  const { t } = useI18n();
  const label = useSampleLabel();
  // Roles without the samples permission see no follow-up rather than an error.
  const followUp = useFollowUp(caseId, useCan('samples:read'));
  const canMove = useCan('discharges:write');
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
        <Descriptions.Item label={t('samples.followUp.discharged')}>
          <Space size={4}>
            <span data-testid="discharge-date-shown">{data.dischargeDate}</span>
            {canMove && data.version !== null ? (
              <MoveDischargeDate caseId={caseId} date={data.dischargeDate} version={data.version} />
            ) : null}
          </Space>
        </Descriptions.Item>
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
