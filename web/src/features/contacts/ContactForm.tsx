import { Alert, App, Button, Col, Form, Input, Radio, Row, Select } from 'antd';
import { useState } from 'react';
import type { DocumentType } from '../../../../src/core/identity/documents.ts';
import type { CreateContactInput } from '../../../../src/server/contacts/contacts.schema.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCaseOptions } from '../cases/labels.ts';
import {
  ExposureFields,
  exposureBodyOf,
  exposureFieldNames,
  type ExposureValues,
} from './ExposureFields.tsx';
import { outsideLookBack, showFieldErrors } from './form-errors.ts';

type Values = {
  person: {
    name: string;
    documentType?: DocumentType;
    documentNumber?: string;
    sex?: 'male' | 'female' | 'unknown';
    phone?: string;
    currentAddress?: string;
    divisionCode?: string;
  };
  classification: 'close' | 'general';
  exposure: ExposureValues;
};

const personNames = [
  'name',
  'documentType',
  'documentNumber',
  'sex',
  'phone',
  'currentAddress',
  'divisionCode',
].map((n) => `person.${n}`);

export type ContactSubmit = (
  body: CreateContactInput,
  handlers: { onSuccess: () => void; onError: (error: Error) => void },
) => void;

/**
 * One contact: the person and one exposure. An exposure outside the source's look-back window is refused
 * with the reason; the user may confirm and record it anyway.
 */
export function ContactForm({
  submit,
  pending,
  withClassification = true,
  onDone,
}: {
  submit: ContactSubmit;
  pending: boolean;
  withClassification?: boolean;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const options = useCaseOptions();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

  const send = (v: Values, confirmOutsideWindow: boolean) => {
    const p = v.person;
    const documentNumber = text(p.documentNumber);
    const body: CreateContactInput = {
      person: {
        name: p.name.trim(),
        ...(documentNumber ? { documentNumber, documentType: p.documentType ?? 'resident_id' } : {}),
        ...(p.sex ? { sex: p.sex } : {}),
        ...(text(p.phone) ? { phone: text(p.phone) } : {}),
        ...(text(p.currentAddress) ? { currentAddress: text(p.currentAddress) } : {}),
        ...(text(p.divisionCode) ? { divisionCode: text(p.divisionCode) } : {}),
      },
      classification: v.classification,
      exposure: { ...exposureBodyOf(v.exposure), ...(confirmOutsideWindow ? { confirmOutsideWindow } : {}) },
    };
    submit(body, {
      onSuccess: () => {
        setProblems([]);
        form.resetFields();
        onDone();
      },
      onError: (error) => {
        const why = outsideLookBack(error);
        if (why !== null && !confirmOutsideWindow) {
          modal.confirm({
            title: t('exposure2.outsideTitle'),
            content: why,
            okText: t('exposure2.outsideConfirm'),
            onOk: () => send(v, true),
          });
          return;
        }
        setProblems(showFieldErrors(form, error, [...personNames, ...exposureFieldNames('exposure')]));
      },
    });
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => send(v, false)}
      initialValues={{
        classification: 'close',
        person: { documentType: 'resident_id', divisionCode: '141102' },
      }}
      data-testid="contact-form"
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name={['person', 'name']}
            label={t('person.name')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input data-testid="contact-form-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['person', 'sex']} label={t('person.sex')}>
            <Select allowClear options={options.sex} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={['person', 'documentType']} label={t('person.documentType')}>
            <Select options={options.documentType} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            name={['person', 'documentNumber']}
            label={t('person.documentNumber')}
            extra={t('person.documentHint')}
          >
            <Input data-testid="contact-form-document" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['person', 'phone']} label={t('person.phone')}>
            <Input data-testid="contact-form-phone" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name={['person', 'divisionCode']}
            label={t('person.divisionCode')}
            extra={t('person.divisionHint')}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name={['person', 'currentAddress']} label={t('person.currentAddress')}>
            <Input />
          </Form.Item>
        </Col>
        {withClassification ? (
          <Col span={24}>
            <Form.Item name="classification" label={t('contacts.classification')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'close', label: t('cclass.close') },
                  { value: 'general', label: t('cclass.general') },
                ]}
              />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      <ExposureFields prefix={['exposure']} />
      {problems.length > 0 ? (
        <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 12 }} />
      ) : null}
      <Button type="primary" htmlType="submit" loading={pending} data-testid="contact-form-submit">
        {t('common.save')}
      </Button>
    </Form>
  );
}
