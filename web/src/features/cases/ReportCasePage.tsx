import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ReportCaseInput } from '../../../../src/server/cases/cases.schema.ts';
import type { CreatePersonInput, Person } from '../../../../src/server/persons/persons.schema.ts';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCaseOptions } from './labels.ts';
import { useReportCase } from './mutations.ts';
import { PersonFields } from './PersonFields.tsx';
import { useOutbreakChoices } from '../outbreaks/queries.ts';
import { useDuplicates, type DuplicateQuery } from './queries.ts';

type PersonValues = Omit<CreatePersonInput, 'birthDate'> & { birthDate?: Dayjs | null };
type Values = Omit<ReportCaseInput, 'person' | 'personId' | 'receivedAt' | 'onsetDate' | 'diagnosedAt'> & {
  person?: PersonValues;
  receivedAt: Dayjs;
  onsetDate?: Dayjs | null;
  diagnosedAt?: Dayjs | null;
};

const caseFieldNames: (keyof Values)[] = [
  'outbreakId',
  'receivedAt',
  'reportingInstitution',
  'discoveryRoute',
  'classification',
  'severity',
  'onsetDate',
  'diagnosedAt',
  'hospital',
  'status',
  'divisionCode',
];

/** Sets the server's field errors on the form; person fields may come back as `documentNumber` or `person.documentNumber`. */
function applyErrors(form: ReturnType<typeof Form.useForm<Values>>[0], error: unknown, onFile: string) {
  if (!(error instanceof ApiError)) {
    return;
  }
  const personFields: (keyof PersonValues)[] = [
    'name',
    'documentType',
    'documentNumber',
    'phone',
    'birthDate',
    'divisionCode',
    'currentAddress',
  ];
  form.setFields(
    error.details.flatMap(
      (detail): { name: ['person', keyof PersonValues] | [keyof Values]; errors: string[] }[] => {
        const field = detail.field ?? '';
        const bare = field.replace(/^person\./, '');
        // A document number on file answers with the existing person's id, shown as a link above the form.
        const errors = [detail.code === 'duplicate_document' ? onFile : (detail.message ?? detail.code)];
        const personField = personFields.find((name) => name === bare);
        if (personField && (field.startsWith('person.') || !caseFieldNames.some((name) => name === field))) {
          return [{ name: ['person', personField], errors }];
        }
        const caseField = caseFieldNames.find((name) => name === field);
        return caseField ? [{ name: [caseField], errors }] : [];
      },
    ),
  );
}

function useDuplicateQuery(form: ReturnType<typeof Form.useForm<Values>>[0]): DuplicateQuery | null {
  const name = Form.useWatch(['person', 'name'], form);
  const phone = Form.useWatch(['person', 'phone'], form);
  const birth = Form.useWatch(['person', 'birthDate'], form);
  const [query, setQuery] = useState<DuplicateQuery | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      const trimmed = typeof name === 'string' ? name.trim() : '';
      const phoneText = typeof phone === 'string' && /^[\d+\- ]{7,}$/.test(phone) ? phone : undefined;
      const birthDate = dayjs.isDayjs(birth) ? birth.format('YYYY-MM-DD') : undefined;
      setQuery(trimmed && (phoneText || birthDate) ? { name: trimmed, phone: phoneText, birthDate } : null);
    }, 400);
    return () => clearTimeout(timer);
  }, [name, phone, birth]);
  return query;
}

/** "Report a case": the person (or an existing one) and the report card's case fields. */
export function ReportCasePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const options = useCaseOptions();
  const [form] = Form.useForm<Values>();
  const outbreaks = useOutbreakChoices();
  const report = useReportCase();
  const [existing, setExisting] = useState<{ id: number; name?: string } | null>(null);
  const duplicates = useDuplicates(useDuplicateQuery(form));
  const duplicateId = report.error instanceof ApiError ? report.error.body.existingId : undefined;

  useEffect(() => {
    applyErrors(form, report.error, t('person.documentOnFile'));
  }, [report.error, form, t]);

  const firstOutbreak = outbreaks.data?.items[0]?.id;
  useEffect(() => {
    if (firstOutbreak !== undefined && form.getFieldValue('outbreakId') === undefined) {
      form.setFieldValue('outbreakId', firstOutbreak);
    }
  }, [firstOutbreak, form]);

  const submit = (values: Values) => {
    const { person, receivedAt, onsetDate, diagnosedAt, ...rest } = values;
    const input: ReportCaseInput = {
      ...rest,
      receivedAt: receivedAt.toISOString(),
      onsetDate: onsetDate ? onsetDate.format('YYYY-MM-DD') : null,
      diagnosedAt: diagnosedAt ? diagnosedAt.toISOString() : null,
    };
    if (existing) {
      input.personId = existing.id;
    } else if (person) {
      const { birthDate, ...fields } = person;
      input.person = Object.fromEntries(
        Object.entries({
          ...fields,
          birthDate: birthDate ? birthDate.format('YYYY-MM-DD') : undefined,
        }).filter(([, value]) => value !== undefined && value !== null && value !== ''),
      ) as CreatePersonInput;
    }
    report.mutate(input, { onSuccess: (saved) => void navigate(`/cases/${saved.id}`) });
  };

  const chooseExisting = (person: Pick<Person, 'id' | 'name'>) =>
    setExisting({ id: person.id, name: person.name });

  return (
    <>
      <Typography.Title level={3}>{t('cases.report')}</Typography.Title>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          receivedAt: dayjs(),
          classification: 'suspected',
          discoveryRoute: 'clinic_visit',
          status: 'in_hospital',
          onsetApproximate: false,
        }}
        data-testid="report-case-form"
      >
        <Card title={t('cases.personSection')} size="small" style={{ marginBottom: 16 }}>
          {existing ? (
            <Alert
              type="info"
              showIcon
              title={t('cases.usingExisting', { id: existing.id, name: existing.name ?? '' })}
              action={
                <Button size="small" onClick={() => setExisting(null)}>
                  {t('cases.enterNewPerson')}
                </Button>
              }
            />
          ) : (
            <>
              {duplicates.data && duplicates.data.items.length > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  data-testid="duplicates"
                  title={t('cases.likelyDuplicates')}
                  description={
                    <Space direction="vertical">
                      {duplicates.data.items.map((p) => (
                        <Space key={p.id}>
                          <span>{`${p.name} · ${p.documentNumber ?? '—'} · ${p.phone ?? '—'} · ${p.birthDate ?? '—'}`}</span>
                          <Button size="small" onClick={() => chooseExisting(p)}>
                            {t('cases.useThisPerson')}
                          </Button>
                        </Space>
                      ))}
                    </Space>
                  }
                />
              ) : null}
              {typeof duplicateId === 'number' ? (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={t('cases.documentOnFile', { id: duplicateId })}
                  action={
                    <Button size="small" onClick={() => setExisting({ id: duplicateId })}>
                      {t('cases.useThisPerson')}
                    </Button>
                  }
                />
              ) : null}
              <PersonFields />
            </>
          )}
        </Card>
        <Card title={t('cases.caseSection')} size="small" style={{ marginBottom: 16 }}>
          <div className="form-grid">
            <Form.Item name="outbreakId" label={t('cases.outbreak')} rules={[{ required: true }]}>
              <Select
                loading={outbreaks.isPending}
                options={(outbreaks.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              />
            </Form.Item>
            <Form.Item name="receivedAt" label={t('cases.receivedAt')} rules={[{ required: true }]}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
            <Form.Item
              name="reportingInstitution"
              label={t('cases.reportingInstitution')}
              rules={[{ required: true }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="discoveryRoute" label={t('cases.discoveryRoute')} rules={[{ required: true }]}>
              <Select options={options.discoveryRoute} />
            </Form.Item>
            <Form.Item name="classification" label={t('cases.classification')}>
              <Select options={options.classification.filter((o) => o.value !== 'excluded')} />
            </Form.Item>
            <Form.Item name="severity" label={t('cases.severity')}>
              <Select allowClear options={options.severity} />
            </Form.Item>
            <Form.Item name="onsetDate" label={t('cases.onsetDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="onsetApproximate" valuePropName="checked" label=" ">
              <Checkbox>{t('cases.onsetApproximate')}</Checkbox>
            </Form.Item>
            <Form.Item name="diagnosedAt" label={t('cases.diagnosedAt')}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
            <Form.Item name="hospital" label={t('cases.hospital')}>
              <Input />
            </Form.Item>
            <Form.Item name="status" label={t('cases.status')}>
              <Select options={options.status} />
            </Form.Item>
            <Form.Item name="divisionCode" label={t('cases.division')} extra={t('cases.divisionHint')}>
              <Input />
            </Form.Item>
            <Form.Item name="imported" valuePropName="checked" label=" ">
              <Checkbox>{t('cases.imported')}</Checkbox>
            </Form.Item>
            <Form.Item name="importRelated" valuePropName="checked" label=" ">
              <Checkbox>{t('cases.importRelated')}</Checkbox>
            </Form.Item>
          </div>
        </Card>
        {report.error && !(report.error instanceof ApiError && report.error.details.some((d) => d.field)) ? (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={report.error.message} />
        ) : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={report.isPending} data-testid="save-case">
            {t('cases.submitReport')}
          </Button>
          <Button onClick={() => void navigate('/cases')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}
