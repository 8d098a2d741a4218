import { SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Space, Spin, Tabs, Typography } from 'antd';
import { useEffect } from 'react';
import {
  formSectionTitles,
  type FormSection,
  type InvestigationForm,
} from '../../../../src/server/investigations/investigation-form.ts';
import { ApiError } from '../../api/client.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { labelKey } from '../cases/labels.ts';
import { compact } from './form-fields.tsx';
import {
  BasicInfoSection,
  ExposureSection,
  OnsetSection,
  TextSection,
  TravelSection,
  UnderlyingSection,
  VisitsSection,
} from './form-sections.tsx';
import { useUpdateInvestigation } from './mutations.ts';
import { useInvestigation } from './queries.ts';

const sections: Record<FormSection, React.ReactNode> = {
  basicInfo: <BasicInfoSection />,
  underlyingDiseases: <UnderlyingSection />,
  travelHistory: <TravelSection />,
  exposure: <ExposureSection />,
  contactHistory: <TextSection section="contactHistory" />,
  medicalVisits: <VisitsSection />,
  onset: <OnsetSection />,
  measures: <TextSection section="measures" />,
  riskAssessment: <TextSection section="riskAssessment" />,
  recommendations: <TextSection section="recommendations" />,
};

const sectionKeys = Object.keys(formSectionTitles).filter((key): key is FormSection => key in sections);

/** The case form (个案调查表) in its ten sections; a draft saves with the version it was read at. */
export function CaseFormTab({ caseId }: { caseId: number }) {
  const { t } = useI18n();
  const investigation = useInvestigation(caseId);
  const save = useUpdateInvestigation(caseId);
  const canWrite = useCan('investigations:write');
  const [form] = Form.useForm<InvestigationForm>();
  const loaded = investigation.data;

  useEffect(() => {
    if (loaded) {
      form.resetFields();
      form.setFieldsValue(loaded.form);
    }
    // Reload the fields only when another version arrives, not on every refetch of the same one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded?.version, form]);

  useEffect(() => {
    if (save.error instanceof ApiError) {
      // Form errors name nested paths (`form.travelHistory.rows.0.to`); the form's names are arrays.
      const fields = save.error.details.flatMap((detail) =>
        detail.field
          ? [
              {
                name: detail.field
                  .replace(/^form\./, '')
                  .split('.')
                  .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
                errors: [detail.message ?? detail.code],
              },
            ]
          : [],
      );
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
    }
  }, [save.error, form]);

  if (investigation.isPending) {
    return <Spin />;
  }
  if (investigation.isError) {
    return <Alert type="error" showIcon title={investigation.error.message} />;
  }
  const inv = investigation.data;
  const submit = () => {
    const values: unknown = compact(form.getFieldsValue(true));
    const body: InvestigationForm = values && typeof values === 'object' ? values : {};
    save.mutate({ version: inv.version, form: body });
  };

  return (
    <Form<InvestigationForm>
      form={form}
      layout="vertical"
      onFinish={submit}
      disabled={!canWrite}
      data-testid="case-form"
    >
      <Space style={{ marginBottom: 8 }}>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SaveOutlined />}
          loading={save.isPending}
          data-testid="save-form"
        >
          {t('form.saveDraft')}
        </Button>
        <Typography.Text type="secondary">{t('form.version', { version: inv.version })}</Typography.Text>
        {save.data ? (
          <Typography.Text type="secondary">
            {t('form.savedAt', { at: formatInstant(new Date().toISOString()) })}
          </Typography.Text>
        ) : null}
      </Space>
      {save.error instanceof ApiError && save.error.code === 'VERSION_CONFLICT' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('common.versionConflict')} />
      ) : null}
      <Tabs
        tabPlacement="start"
        items={sectionKeys.map((key) => ({
          key,
          label: t(labelKey('section', key)),
          forceRender: true,
          children: sections[key],
        }))}
      />
    </Form>
  );
}
