import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Select, Space } from 'antd';
import {
  exposureKinds,
  symptoms,
  underlyingConditions,
} from '../../../../src/server/investigations/investigation-form.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { labelKey } from '../cases/labels.ts';
import { DateItem, InstantItem } from './form-fields.tsx';

function Notes({ section, field = 'notes' }: { section: string; field?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name={[section, field]} label={t('form.notes')}>
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
    </Form.Item>
  );
}

/** A free-text section (接触史, 应对措施, 风险评估, 建议). */
export function TextSection({ section }: { section: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name={[section, 'text']} label={t(labelKey('formHint', section))}>
      <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} data-testid={`form-${section}`} />
    </Form.Item>
  );
}

export function BasicInfoSection() {
  const { t } = useI18n();
  return (
    <>
      <Space wrap>
        <Form.Item name={['basicInfo', 'occupation']} label={t('form.occupation')}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name={['basicInfo', 'livingWith']} label={t('form.livingWith')}>
          <Input style={{ width: 360 }} />
        </Form.Item>
      </Space>
      <Notes section="basicInfo" />
    </>
  );
}

export function UnderlyingSection() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name={['underlyingDiseases', 'conditions']} label={t('form.conditions')}>
        <Checkbox.Group
          options={underlyingConditions.map((value) => ({ value, label: t(labelKey('condition', value)) }))}
        />
      </Form.Item>
      <Space wrap>
        <Form.Item name={['underlyingDiseases', 'otherCondition']} label={t('form.otherCondition')}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name={['underlyingDiseases', 'pregnant']} label={t('form.pregnant')}>
          <Select
            allowClear
            style={{ width: 100 }}
            options={[
              { value: true, label: t('common.yes') },
              { value: false, label: t('common.no') },
            ]}
          />
        </Form.Item>
        <Form.Item name={['underlyingDiseases', 'pregnancyWeeks']} label={t('form.pregnancyWeeks')}>
          <InputNumber min={1} max={45} />
        </Form.Item>
        <Form.Item name={['underlyingDiseases', 'vaccinationDoses']} label={t('form.vaccinationDoses')}>
          <InputNumber min={0} max={10} />
        </Form.Item>
        <DateItem name={['underlyingDiseases', 'lastVaccinationDate']} label={t('form.lastVaccination')} />
      </Space>
      <Notes section="underlyingDiseases" />
    </>
  );
}

type RowsProps = {
  section: string;
  testId: string;
  children: (name: number) => React.ReactNode;
  blank: object;
};

function Rows({ section, testId, children, blank }: RowsProps) {
  const { t } = useI18n();
  return (
    <Form.List name={[section, 'rows']}>
      {(rows, { add, remove }) => (
        <>
          {rows.map((row) => (
            <Space key={row.key} align="start" wrap className="form-row" data-testid={testId}>
              {children(row.name)}
              <MinusCircleOutlined style={{ marginTop: 38 }} onClick={() => remove(row.name)} />
            </Space>
          ))}
          <Form.Item>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(blank)}>
              {t('form.addRow')}
            </Button>
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}

export function TravelSection() {
  const { t } = useI18n();
  return (
    <>
      <Rows section="travelHistory" testId="travel-row" blank={{}}>
        {(name) => (
          <>
            <DateItem name={[name, 'from']} label={t('form.from')} required />
            <DateItem name={[name, 'to']} label={t('form.to')} />
            <Form.Item name={[name, 'place']} label={t('form.place')} rules={[{ required: true }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name={[name, 'purpose']} label={t('form.purpose')}>
              <Input style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name={[name, 'transport']} label={t('traj.transport')}>
              <Input style={{ width: 140 }} />
            </Form.Item>
          </>
        )}
      </Rows>
      <Notes section="travelHistory" />
    </>
  );
}

export function ExposureSection() {
  const { t } = useI18n();
  return (
    <>
      <Rows section="exposure" testId="exposure-row" blank={{ kind: 'other' }}>
        {(name) => (
          <>
            <Form.Item name={[name, 'kind']} label={t('form.exposureKind')}>
              <Select
                style={{ width: 150 }}
                options={exposureKinds.map((value) => ({ value, label: t(labelKey('exposure', value)) }))}
              />
            </Form.Item>
            <DateItem name={[name, 'from']} label={t('form.from')} />
            <DateItem name={[name, 'to']} label={t('form.to')} />
            <Form.Item name={[name, 'place']} label={t('form.place')}>
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name={[name, 'description']}
              label={t('form.description')}
              rules={[{ required: true }]}
            >
              <Input style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name={[name, 'suspectedSource']} label={t('form.suspectedSource')}>
              <Input style={{ width: 160 }} />
            </Form.Item>
          </>
        )}
      </Rows>
      <Notes section="exposure" />
    </>
  );
}

export function VisitsSection() {
  const { t } = useI18n();
  return (
    <>
      <Rows section="medicalVisits" testId="visit-row" blank={{}}>
        {(name) => (
          <>
            <InstantItem name={[name, 'at']} label={t('common.time')} required />
            <Form.Item
              name={[name, 'institution']}
              label={t('form.institution')}
              rules={[{ required: true }]}
            >
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name={[name, 'department']} label={t('form.department')}>
              <Input style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name={[name, 'diagnosis']} label={t('form.diagnosis')}>
              <Input style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name={[name, 'treatment']} label={t('form.treatment')}>
              <Input style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name={[name, 'sampled']} label={t('form.sampled')} valuePropName="checked">
              <Checkbox />
            </Form.Item>
          </>
        )}
      </Rows>
      <Notes section="medicalVisits" />
    </>
  );
}

export function OnsetSection() {
  const { t } = useI18n();
  return (
    <>
      <Form.List name={['onset', 'symptoms']}>
        {(rows, { add, remove }) => (
          <>
            {rows.map((row) => (
              <Space key={row.key} align="start" wrap className="form-row" data-testid="symptom-row">
                <Form.Item
                  name={[row.name, 'symptom']}
                  label={t('form.symptom')}
                  rules={[{ required: true }]}
                >
                  <Select
                    style={{ width: 150 }}
                    options={symptoms.map((value) => ({ value, label: t(labelKey('symptom', value)) }))}
                  />
                </Form.Item>
                <DateItem name={[row.name, 'since']} label={t('form.since')} required />
                <Form.Item name={[row.name, 'maxTemperature']} label={t('form.maxTemperature')}>
                  <InputNumber min={34} max={43} step={0.1} />
                </Form.Item>
                <Form.Item name={[row.name, 'detail']} label={t('form.detail')}>
                  <Input style={{ width: 200 }} />
                </Form.Item>
                <MinusCircleOutlined style={{ marginTop: 38 }} onClick={() => remove(row.name)} />
              </Space>
            ))}
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('form.addSymptom')}
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      <Notes section="onset" />
    </>
  );
}
