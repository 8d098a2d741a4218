import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { allowedTransitions } from '../../../../src/core/cases/classification.ts';
import type { Case, ClassificationInput } from '../../../../src/server/cases/cases.schema.ts';
import { fieldErrors } from '../../api/client.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { InstantItem } from '../investigations/form-fields.tsx';
import { classificationColors, labelKey } from './labels.ts';
import { useChangeClassification } from './mutations.ts';

type Evidence = ClassificationInput['evidence'][number];
type Values = { to: ClassificationInput['to']; reason: string; evidence?: Evidence[] };

function describe(evidence: Evidence, t: ReturnType<typeof useI18n>['t']): string {
  switch (evidence.kind) {
    case 'nat':
      return `${t('cls.nat')} ${formatInstant(evidence.at)} ${t(labelKey('result', evidence.result))}`;
    case 'antibody':
      return `IgM ${t(labelKey('result', evidence.igm))} / IgG ${t(labelKey('result', evidence.igg))} ${formatInstant(evidence.at)}`;
    default:
      return evidence.note;
  }
}

/** Classification with its history, and the change dialog (an exclusion asks for the two negative tests). */
export function ClassificationCard({ record, editable }: { record: Case; editable: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const change = useChangeClassification();
  const to = Form.useWatch('to', form);
  const targets = allowedTransitions(record.classification);

  const submit = (values: Values) =>
    change.mutate(
      {
        id: record.id,
        version: record.version,
        to: values.to,
        reason: values.reason,
        evidence: values.evidence ?? [],
      },
      { onSuccess: () => setOpen(false) },
    );

  return (
    <Card
      size="small"
      title={t('cases.classification')}
      extra={
        editable && targets.length > 0 ? (
          <Button size="small" onClick={() => setOpen(true)} data-testid="change-classification">
            {t('cls.change')}
          </Button>
        ) : null
      }
    >
      <Tag color={classificationColors[record.classification]} style={{ fontSize: 14, marginBottom: 12 }}>
        {t(labelKey('cls', record.classification))}
      </Tag>
      <Timeline
        items={record.classificationHistory.map((item) => ({
          key: item.id,
          children: (
            <>
              <Typography.Text strong>
                {item.from ? `${t(labelKey('cls', item.from))} → ` : ''}
                {t(labelKey('cls', item.to))}
              </Typography.Text>{' '}
              <Typography.Text type="secondary">{`${formatInstant(item.at)} · ${item.username ?? '—'}`}</Typography.Text>
              <div>{item.reason}</div>
              {item.evidence.map((evidence, index) => (
                <Tag key={index}>{describe(evidence, t)}</Tag>
              ))}
            </>
          ),
        }))}
      />
      <Modal
        open={open}
        title={t('cls.change')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: change.isPending }}
        destroyOnHidden
        width={640}
      >
        <Form<Values> form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item name="to" label={t('cls.to')} rules={[{ required: true }]}>
            <Select options={targets.map((value) => ({ value, label: t(labelKey('cls', value)) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('cls.reason')} rules={[{ required: true }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          {to === 'excluded' ? (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cls.exclusionRule')} />
          ) : null}
          <Form.List
            name="evidence"
            initialValue={[]}
            rules={[
              {
                validator: (_, value: Evidence[] | undefined) => {
                  const negatives = (value ?? []).filter((e) => e.kind === 'nat' && e.result === 'negative');
                  return to === 'excluded' && negatives.length < 2
                    ? Promise.reject(new Error(t('cls.needTwoNegatives')))
                    : Promise.resolve();
                },
              },
            ]}
          >
            {(items, { add, remove }, { errors }) => (
              <>
                {items.map((item) => (
                  <Space key={item.key} align="start" wrap>
                    <Form.Item name={[item.name, 'kind']} hidden initialValue="nat">
                      <Input />
                    </Form.Item>
                    <InstantItem name={[item.name, 'at']} required />
                    <Form.Item name={[item.name, 'result']} initialValue="negative">
                      <Select
                        style={{ width: 100 }}
                        options={['negative', 'positive'].map((value) => ({
                          value,
                          label: t(labelKey('result', value)),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={[item.name, 'specimen']}>
                      <Input placeholder={t('cls.specimen')} style={{ width: 140 }} />
                    </Form.Item>
                    <MinusCircleOutlined style={{ marginTop: 8 }} onClick={() => remove(item.name)} />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ kind: 'nat', result: 'negative' })}
                >
                  {t('cls.addNat')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
          {change.error ? (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12 }}
              title={
                fieldErrors(change.error, ['to', 'reason', 'evidence'])[0]?.errors[0] ?? change.error.message
              }
            />
          ) : null}
        </Form>
      </Modal>
    </Card>
  );
}
