import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ExposureInput } from '../../../../src/server/contacts/contacts.schema.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useContactOptions } from './labels.ts';

export type ExposureValues = {
  kind: ExposureInput['kind'];
  setting?: string;
  firstExposureAt: Dayjs;
  lastExposureAt: Dayjs;
  proximity?: ExposureInput['proximity'];
  durationMinutes?: number;
  place?: string;
  vehicle?: string;
  seat?: string;
};

/** The names of the exposure fields under `prefix`, as the server names them in its field errors. */
export function exposureFieldNames(prefix: string): string[] {
  const names = [
    'kind',
    'setting',
    'firstExposureAt',
    'lastExposureAt',
    'proximity',
    'durationMinutes',
    'place',
    'vehicle',
    'seat',
  ];
  return names.map((name) => (prefix ? `${prefix}.${name}` : name));
}

/** The exposure as the API takes it: instants as ISO strings, empty fields left out. */
export function exposureBodyOf(v: ExposureValues) {
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  return {
    kind: v.kind,
    firstExposureAt: v.firstExposureAt.toISOString(),
    lastExposureAt: v.lastExposureAt.toISOString(),
    ...(text(v.setting) ? { setting: text(v.setting) } : {}),
    ...(v.proximity ? { proximity: v.proximity } : {}),
    ...(v.durationMinutes !== undefined && v.durationMinutes !== null
      ? { durationMinutes: v.durationMinutes }
      : {}),
    ...(text(v.place) ? { place: text(v.place) } : {}),
    ...(text(v.vehicle) ? { vehicle: text(v.vehicle) } : {}),
    ...(text(v.seat) ? { seat: text(v.seat) } : {}),
  };
}

/** Kind, setting, first and last exposure, proximity, duration, place, vehicle and seat. */
export function ExposureFields({ prefix }: { prefix: string[] }) {
  const { t } = useI18n();
  const options = useContactOptions();
  const name = (field: string) => [...prefix, field];
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item name={name('kind')} label={t('exposure2.kind')} rules={[{ required: true }]}>
          <Select options={options.kind} data-testid="exposure-kind" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={name('setting')} label={t('exposure2.setting')}>
          <Input placeholder={t('exposure2.settingHint')} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={name('firstExposureAt')} label={t('exposure2.first')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={name('lastExposureAt')} label={t('exposure2.last')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={name('proximity')} label={t('exposure2.proximity')}>
          <Select allowClear options={options.proximity} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={name('durationMinutes')} label={t('exposure2.duration')}>
          <InputNumber min={0} max={100000} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={name('place')} label={t('exposure2.place')}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={name('vehicle')} label={t('exposure2.vehicle')}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={name('seat')} label={t('exposure2.seat')}>
          <Input />
        </Form.Item>
      </Col>
    </Row>
  );
}
