import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { fieldErrors } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useSampleLabel } from './labels.ts';
import { useEnterResult, type ResultInput } from './mutations.ts';
import { errorText } from '../../api/client.ts';

type Qualitative = 'positive' | 'negative' | 'inconclusive';
type Values = {
  code: string;
  testedAt: Dayjs;
  orf1abCt?: number | null;
  orf1abResult?: Qualitative;
  nCt?: number | null;
  nResult?: Qualitative;
  igm?: Qualitative;
  igg?: Qualitative;
};

/** Results of one test entered by hand: Ct and qualitative per NAT target, IgM/IgG. */
export function ResultEntryCard() {
  const { t } = useI18n();
  const label = useSampleLabel();
  const [form] = Form.useForm<Values>();
  const enter = useEnterResult();
  const [done, setDone] = useState<string | null>(null);
  const qualitative = (['positive', 'negative', 'inconclusive'] as const).map((value) => ({
    value,
    label: label('result', value),
  }));

  const submit = (values: Values) => {
    const nat: ResultInput['nat'] = [];
    for (const [target, ct, result] of [
      ['ORF1ab', values.orf1abCt, values.orf1abResult],
      ['N', values.nCt, values.nResult],
    ] as const) {
      if ((ct !== undefined && ct !== null) || result !== undefined) {
        nat.push({
          target,
          ...(ct === undefined || ct === null ? {} : { ct }),
          ...(result ? { result } : {}),
        });
      }
    }
    const antibodies: ResultInput['antibodies'] = [];
    if (values.igm) {
      antibodies.push({ target: 'IgM', result: values.igm });
    }
    if (values.igg) {
      antibodies.push({ target: 'IgG', result: values.igg });
    }
    const code = values.code.trim().toUpperCase();
    enter.mutate(
      { code, testedAt: values.testedAt.toISOString(), nat, antibodies },
      {
        onSuccess: (outcome) => {
          setDone(
            t('samples.lab.entered', {
              code,
              outcome: label('result', outcome.outcome),
              retests: outcome.retests,
            }),
          );
          form.resetFields(['code', 'orf1abCt', 'orf1abResult', 'nCt', 'nResult', 'igm', 'igg']);
        },
        onError: (error) => {
          setDone(null);
          form.setFields(fieldErrors(error, ['code', 'testedAt'] as const));
        },
      },
    );
  };

  return (
    <Card title={t('samples.lab.enter')} size="small" data-testid="result-entry">
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ testedAt: dayjs() }}
        className="samples-result-form"
      >
        <Space wrap align="start">
          <Form.Item name="code" label={t('samples.code')} rules={[{ required: true }]}>
            <Input style={{ width: 160 }} data-testid="result-code" />
          </Form.Item>
          <Form.Item name="testedAt" label={t('samples.testedAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="orf1abCt" label="ORF1ab Ct">
            <InputNumber min={0} max={45} step={0.1} style={{ width: 110 }} data-testid="result-orf1ab-ct" />
          </Form.Item>
          <Form.Item name="orf1abResult" label={t('samples.lab.orf1abResult')}>
            <Select allowClear options={qualitative} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="nCt" label="N Ct">
            <InputNumber min={0} max={45} step={0.1} style={{ width: 110 }} data-testid="result-n-ct" />
          </Form.Item>
          <Form.Item name="nResult" label={t('samples.lab.nResult')}>
            <Select allowClear options={qualitative} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="igm" label="IgM">
            <Select allowClear options={qualitative} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="igg" label="IgG">
            <Select allowClear options={qualitative} style={{ width: 110 }} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={enter.isPending} data-testid="result-submit">
          {t('samples.lab.save')}
        </Button>
      </Form>
      {enter.isError ? (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorText(enter.error)} />
      ) : null}
      {done ? (
        <Alert type="success" showIcon style={{ marginTop: 12 }} title={done} data-testid="result-done" />
      ) : null}
    </Card>
  );
}
