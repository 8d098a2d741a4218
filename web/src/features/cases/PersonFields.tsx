import { DatePicker, Form, Input, Select } from 'antd';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCaseOptions } from './labels.ts';

/** The person part of the report form (national report card fields), under the form name `person`. */
export function PersonFields() {
  const { t } = useI18n();
  const options = useCaseOptions();
  const item = (name: string) => ['person', name];
  return (
    <div className="form-grid">
      <Form.Item name={item('name')} label={t('person.name')} rules={[{ required: true }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name={item('documentType')} label={t('person.documentType')} initialValue="resident_id">
        <Select options={options.documentType} />
      </Form.Item>
      <Form.Item
        name={item('documentNumber')}
        label={t('person.documentNumber')}
        extra={t('person.documentHint')}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name={item('phone')} label={t('person.phone')}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name={item('sex')} label={t('person.sex')}>
        <Select allowClear options={options.sex} />
      </Form.Item>
      <Form.Item name={item('birthDate')} label={t('person.birthDate')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name={item('ethnicity')} label={t('person.ethnicity')}>
        <Input />
      </Form.Item>
      <Form.Item name={item('populationCategory')} label={t('person.populationCategory')}>
        <Select allowClear showSearch optionFilterProp="label" options={options.populationCategory} />
      </Form.Item>
      <Form.Item name={item('workplace')} label={t('person.workplace')}>
        <Input />
      </Form.Item>
      <Form.Item name={item('currentAddress')} label={t('person.currentAddress')}>
        <Input />
      </Form.Item>
      <Form.Item
        name={item('divisionCode')}
        label={t('person.divisionCode')}
        extra={t('person.divisionHint')}
      >
        <Input />
      </Form.Item>
      <Form.Item name={item('householdAddress')} label={t('person.householdAddress')}>
        <Input />
      </Form.Item>
    </div>
  );
}
