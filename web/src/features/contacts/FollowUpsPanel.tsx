import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Alert as HealthAlert, FollowUp } from '../../../../src/server/follow-ups/follow-ups.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { showFieldErrors } from './form-errors.ts';
import { contactLabel, useContactOptions } from './labels.ts';
import { useAlertAction, useRecordFollowUp } from './mutations.ts';
import type { ContactDetail } from './queries.ts';

type Values = { at: Dayjs; temperature: number; symptoms: string[]; note?: string };

const FEVER_FROM = 37.3;
const observed = new Set(['placed', 'home_monitoring']);

function AlertList({ alerts }: { alerts: HealthAlert[] }) {
  const { t } = useI18n();
  const canAct = useCan('alerts:write');
  const act = useAlertAction();
  if (alerts.length === 0) {
    return null;
  }
  return (
    <List
      size="small"
      bordered
      style={{ marginBottom: 16 }}
      data-testid="alerts-list"
      dataSource={alerts}
      renderItem={(a) => (
        <List.Item
          actions={
            canAct && a.status !== 'closed'
              ? [
                  ...(a.status === 'open'
                    ? [
                        <Button
                          key="ack"
                          size="small"
                          onClick={() => act.mutate({ id: a.id, action: 'acknowledge', version: a.version })}
                        >
                          {t('alert.acknowledge')}
                        </Button>,
                      ]
                    : []),
                  <Button
                    key="close"
                    size="small"
                    onClick={() => act.mutate({ id: a.id, action: 'close', version: a.version })}
                  >
                    {t('alert.close')}
                  </Button>,
                ]
              : []
          }
        >
          <Space wrap>
            <Tag color={a.status === 'closed' ? 'default' : 'red'}>
              {t(contactLabel('alertStatus', a.status))}
            </Tag>
            <span>{a.reasons.map((r) => t(contactLabel('fsymptom', r))).join('、')}</span>
            <Typography.Text strong type="danger">
              {t(contactLabel('suggestion', a.suggestion))}
            </Typography.Text>
            <Typography.Text type="secondary">{formatInstant(a.createdAt)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** Daily temperature and symptoms; missed days flagged; fever or symptoms raise an alert. */
export function FollowUpsPanel({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const canRecord = useCan('follow-ups:write');
  const options = useContactOptions();
  const [form] = Form.useForm<Values>();
  const record = useRecordFollowUp(contact.id);
  const [problems, setProblems] = useState<string[]>([]);
  const submit = (v: Values) =>
    record.mutate(
      {
        at: v.at.toISOString(),
        temperature: v.temperature,
        symptoms: v.symptoms,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      },
      {
        onSuccess: () => {
          setProblems([]);
          form.resetFields();
        },
        onError: (error) =>
          setProblems(showFieldErrors(form, error, ['at', 'temperature', 'symptoms', 'note'])),
      },
    );
  return (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <AlertList alerts={contact.alerts} />
        {contact.missedFollowUps.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="missed-follow-ups"
            title={t('followUp.missed', { n: contact.missedFollowUps.length })}
            description={
              <Space wrap size={4}>
                {contact.missedFollowUps.map((m) => (
                  <Tag key={m.date} color="orange">{`${m.date} ${m.recorded}/${m.expected}`}</Tag>
                ))}
              </Space>
            }
          />
        ) : null}
        <Card size="small" title={t('followUp.title', { n: contact.followUpsPerDay })}>
          <Table<FollowUp>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={[...contact.followUps].reverse()}
            data-testid="follow-ups-table"
            columns={[
              { title: t('common.time'), dataIndex: 'at', render: (v: string) => formatInstant(v) },
              {
                title: t('followUp.temperature'),
                dataIndex: 'temperature',
                render: (v: number) => (
                  <Typography.Text type={v >= FEVER_FROM ? 'danger' : undefined} strong={v >= FEVER_FROM}>
                    {`${v.toFixed(1)} °C`}
                  </Typography.Text>
                ),
              },
              {
                title: t('followUp.symptoms'),
                dataIndex: 'symptoms',
                render: (v: string[]) =>
                  v.length === 0
                    ? t('followUp.none')
                    : v.map((s) => <Tag key={s}>{t(contactLabel('fsymptom', s))}</Tag>),
              },
              { title: t('tracing.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
              { title: t('tracing.by'), dataIndex: 'username', render: (v: string | null) => v ?? '—' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        {canRecord && observed.has(contact.status) ? (
          <Card size="small" title={t('followUp.record')}>
            <Form
              form={form}
              layout="vertical"
              onFinish={submit}
              initialValues={{ at: dayjs(), symptoms: [] }}
            >
              <Form.Item name="at" label={t('common.time')} rules={[{ required: true }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
              <Form.Item
                name="temperature"
                label={t('followUp.temperature')}
                rules={[{ required: true }]}
                extra={t('followUp.range')}
              >
                <InputNumber
                  step={0.1}
                  precision={1}
                  suffix="°C"
                  style={{ width: 160 }}
                  data-testid="follow-up-temperature"
                />
              </Form.Item>
              <Form.Item name="symptoms" label={t('followUp.symptoms')}>
                <Checkbox.Group options={options.symptom} data-testid="follow-up-symptoms" />
              </Form.Item>
              <Form.Item name="note" label={t('tracing.note')}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
              {problems.length > 0 ? (
                <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 12 }} />
              ) : null}
              <Button
                type="primary"
                htmlType="submit"
                loading={record.isPending}
                data-testid="follow-up-submit"
              >
                {t('followUp.save')}
              </Button>
            </Form>
          </Card>
        ) : null}
      </Col>
    </Row>
  );
}
