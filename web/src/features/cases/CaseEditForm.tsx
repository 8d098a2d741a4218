import { Alert, Button, Checkbox, Form, Input, Select, Space } from 'antd';
import { useEffect } from 'react';
import type { Case, UpdateCaseInput } from '../../../../src/server/cases/cases.schema.ts';
import { ApiError, fieldErrors } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DateItem, InstantItem } from '../investigations/form-fields.tsx';
import { useCaseOptions } from './labels.ts';
import { useUpdateCase } from './mutations.ts';

type Values = Omit<UpdateCaseInput, 'version'>;

const fields = [
  'receivedAt',
  'reportingInstitution',
  'discoveryRoute',
  'severity',
  'onsetDate',
  'onsetApproximate',
  'diagnosedAt',
  'hospital',
  'status',
  'imported',
  'importRelated',
] as const;

/** Edits a case's report fields with the version it was read at; classification has its own dialog. */
export function CaseEditForm({ record, onDone }: { record: Case; onDone: () => void }) {
  const { t } = useI18n();
  const options = useCaseOptions();
  const [form] = Form.useForm<Values>();
  const update = useUpdateCase();

  useEffect(() => {
    if (update.error) {
      form.setFields(fieldErrors(update.error, fields));
    }
  }, [update.error, form]);

  const submit = (values: Values) =>
    update.mutate(
      {
        id: record.id,
        version: record.version,
        ...values,
        // A cleared optional field is sent as null so that the server clears it too.
        severity: values.severity ?? null,
        onsetDate: values.onsetDate ?? null,
        diagnosedAt: values.diagnosedAt ?? null,
        hospital: values.hospital?.trim() ? values.hospital : null,
      },
      { onSuccess: onDone },
    );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        receivedAt: record.receivedAt,
        reportingInstitution: record.reportingInstitution,
        discoveryRoute: record.discoveryRoute,
        severity: record.severity,
        onsetDate: record.onsetDate ?? undefined,
        onsetApproximate: record.onsetApproximate,
        diagnosedAt: record.diagnosedAt ?? undefined,
        hospital: record.hospital,
        status: record.status,
        imported: record.imported,
        importRelated: record.importRelated,
      }}
    >
      <InstantItem name="receivedAt" label={t('cases.receivedAt')} required />
      <Form.Item
        name="reportingInstitution"
        label={t('cases.reportingInstitution')}
        rules={[{ required: true }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="discoveryRoute" label={t('cases.discoveryRoute')}>
        <Select options={options.discoveryRoute} />
      </Form.Item>
      <Form.Item name="severity" label={t('cases.severity')}>
        <Select allowClear options={options.severity} />
      </Form.Item>
      <Space wrap>
        <DateItem name="onsetDate" label={t('cases.onsetDate')} />
        <Form.Item name="onsetApproximate" valuePropName="checked" label=" ">
          <Checkbox>{t('cases.onsetApproximate')}</Checkbox>
        </Form.Item>
      </Space>
      <InstantItem name="diagnosedAt" label={t('cases.diagnosedAt')} />
      <Form.Item name="hospital" label={t('cases.hospital')}>
        <Input />
      </Form.Item>
      <Form.Item name="status" label={t('cases.status')}>
        <Select options={options.status} />
      </Form.Item>
      <Space>
        <Form.Item name="imported" valuePropName="checked">
          <Checkbox>{t('cases.imported')}</Checkbox>
        </Form.Item>
        <Form.Item name="importRelated" valuePropName="checked">
          <Checkbox>{t('cases.importRelated')}</Checkbox>
        </Form.Item>
      </Space>
      {update.error instanceof ApiError && update.error.code === 'VERSION_CONFLICT' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('common.versionConflict')} />
      ) : null}
      <Space>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
