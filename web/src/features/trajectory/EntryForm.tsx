import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type {
  CreateEntryInput,
  EvidenceInput,
  TrajectoryEntry,
} from '../../../../src/server/trajectory/trajectory.schema.ts';
import { fieldErrors } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useTrajectoryOptions } from './labels.ts';
import { useAddEntry, useEditEntry } from './mutations.ts';

type Values = Omit<CreateEntryInput, 'startAt' | 'endAt' | 'evidence'> & {
  startAt: Dayjs;
  endAt: Dayjs;
  evidence?: EvidenceInput[];
};

const fields = [
  'startAt',
  'endAt',
  'placeName',
  'placeKind',
  'address',
  'divisionCode',
  'activity',
  'transportKind',
  'vehicleNumber',
  'seat',
  'companions',
  'protection',
] as const;

const timeFormat = 'YYYY-MM-DD HH:mm';

/** Adds a trajectory entry with its evidence, or edits one (evidence of an existing entry is edited apart). */
export function EntryForm({
  caseId,
  entry,
  defaultStart,
  onDone,
}: {
  caseId: number;
  entry: TrajectoryEntry | null;
  defaultStart?: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const options = useTrajectoryOptions();
  const [form] = Form.useForm<Values>();
  const add = useAddEntry(caseId);
  const edit = useEditEntry(caseId);
  const mutation = entry ? edit : add;

  useEffect(() => {
    if (mutation.error) {
      form.setFields(fieldErrors(mutation.error, fields));
    }
  }, [mutation.error, form]);

  const submit = (values: Values) => {
    const { startAt, endAt, evidence, ...rest } = values;
    const times = { startAt: startAt.toISOString(), endAt: endAt.toISOString() };
    if (entry) {
      edit.mutate({ entryId: entry.id, version: entry.version, ...rest, ...times }, { onSuccess: onDone });
      return;
    }
    add.mutate({ ...rest, ...times, evidence: evidence ?? [] }, { onSuccess: onDone });
  };

  const initial: Partial<Values> = entry
    ? {
        ...Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== null)),
        startAt: dayjs(entry.startAt),
        endAt: dayjs(entry.endAt),
      }
    : {
        placeKind: 'other',
        startAt: defaultStart ? dayjs(defaultStart) : undefined,
        evidence: [{ source: 'self_report', confidence: 'medium', reference: '' }],
      };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={initial}
      data-testid="entry-form"
    >
      <Space wrap>
        <Form.Item name="startAt" label={t('traj.start')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={timeFormat} />
        </Form.Item>
        <Form.Item
          name="endAt"
          label={t('traj.end')}
          dependencies={['startAt']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value: Dayjs | undefined) => {
                const start: unknown = getFieldValue('startAt');
                return value && dayjs.isDayjs(start) && value.isBefore(start)
                  ? Promise.reject(new Error(t('traj.endBeforeStart')))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format={timeFormat} />
        </Form.Item>
      </Space>
      <Space wrap style={{ width: '100%' }}>
        <Form.Item name="placeName" label={t('traj.place')} rules={[{ required: true }]}>
          <Input style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="placeKind" label={t('traj.placeKind')}>
          <Select style={{ width: 140 }} options={options.placeKind} />
        </Form.Item>
      </Space>
      <Form.Item name="address" label={t('traj.address')}>
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item name="divisionCode" label={t('person.divisionCode')}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="transportKind" label={t('traj.transport')}>
          <Select allowClear style={{ width: 140 }} options={options.transportKind} />
        </Form.Item>
        <Form.Item name="vehicleNumber" label={t('traj.vehicle')}>
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="seat" label={t('traj.seat')}>
          <Input style={{ width: 90 }} />
        </Form.Item>
      </Space>
      <Form.Item name="activity" label={t('traj.activity')}>
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Space wrap style={{ width: '100%' }}>
        <Form.Item name="companions" label={t('traj.companions')}>
          <Input style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="protection" label={t('traj.protection')}>
          <Input style={{ width: 200 }} />
        </Form.Item>
      </Space>
      {entry ? null : (
        <Form.List name="evidence">
          {(items, { add: addItem, remove }) => (
            <Card size="small" title={t('traj.evidence')} style={{ marginBottom: 16 }}>
              {items.map((item) => (
                <Space key={item.key} align="start" wrap data-testid="evidence-row">
                  <Form.Item name={[item.name, 'source']} rules={[{ required: true }]}>
                    <Select style={{ width: 130 }} options={options.source} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'reference']}>
                    <Input placeholder={t('traj.reference')} style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'confidence']} rules={[{ required: true }]}>
                    <Select style={{ width: 90 }} options={options.confidence} />
                  </Form.Item>
                  <MinusCircleOutlined style={{ marginTop: 8 }} onClick={() => remove(item.name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => addItem({ source: 'self_report', confidence: 'medium' })}
              >
                {t('traj.addEvidence')}
              </Button>
            </Card>
          )}
        </Form.List>
      )}
      {mutation.error && fieldErrors(mutation.error, fields).length === 0 ? (
        <div className="ant-form-item-explain-error" style={{ marginBottom: 12 }}>
          {mutation.error.message}
        </div>
      ) : null}
      <Space>
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="save-entry">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
