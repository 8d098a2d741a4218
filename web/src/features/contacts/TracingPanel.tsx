import { Alert, Button, Card, DatePicker, Form, Input, Select, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { showFieldErrors } from './form-errors.ts';
import { contactLabel, useContactOptions } from './labels.ts';
import { useLogTracing } from './mutations.ts';
import type { ContactDetail } from './queries.ts';

type Values = {
  at: Dayjs;
  phone: string;
  outcome: 'reached' | 'no_answer' | 'wrong_number' | 'refused' | 'other';
  note?: string;
};

const outcomeColors: Record<string, string> = {
  reached: 'green',
  no_answer: 'orange',
  wrong_number: 'red',
  refused: 'red',
};

/** The phone-tracing log: every call, with the number dialled and how it went. */
export function TracingPanel({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const canLog = useCan('tracing:write');
  const options = useContactOptions();
  const [form] = Form.useForm<Values>();
  const log = useLogTracing(contact.id);
  const [problems, setProblems] = useState<string[]>([]);
  const submit = (v: Values) =>
    log.mutate(
      {
        at: v.at.toISOString(),
        phone: v.phone,
        outcome: v.outcome,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      },
      {
        onSuccess: () => {
          setProblems([]);
          form.resetFields(['note']);
          form.setFieldValue('at', dayjs());
        },
        onError: (error) => setProblems(showFieldErrors(form, error, ['at', 'phone', 'outcome', 'note'])),
      },
    );
  return (
    <Card size="small" title={t('tracing.title')}>
      {canLog ? (
        <Form
          form={form}
          layout="inline"
          onFinish={submit}
          style={{ marginBottom: 16, rowGap: 8 }}
          initialValues={{
            at: dayjs(),
            outcome: 'reached',
            phone: contact.person.masked ? undefined : (contact.person.phone ?? undefined),
          }}
        >
          <Form.Item name="at" label={t('common.time')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="phone" label={t('person.phone')} rules={[{ required: true }]}>
            <Input style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="outcome" label={t('tracing.outcome')}>
            <Select style={{ width: 120 }} options={options.outcome} />
          </Form.Item>
          <Form.Item name="note" label={t('tracing.note')}>
            <Input style={{ width: 240 }} maxLength={500} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={log.isPending}>
            {t('tracing.log')}
          </Button>
        </Form>
      ) : null}
      {problems.length > 0 ? (
        <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 12 }} />
      ) : null}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={contact.tracing}
        data-testid="tracing-table"
        columns={[
          { title: t('common.time'), dataIndex: 'at', render: (v: string) => formatInstant(v) },
          { title: t('person.phone'), dataIndex: 'phone' },
          {
            title: t('tracing.outcome'),
            dataIndex: 'outcome',
            render: (v: string) => <Tag color={outcomeColors[v]}>{t(contactLabel('tracing', v))}</Tag>,
          },
          { title: t('tracing.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          { title: t('tracing.by'), dataIndex: 'username', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
