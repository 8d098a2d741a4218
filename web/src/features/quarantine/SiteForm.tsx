import { Alert, Button, Form, Input, InputNumber } from 'antd';
import { useState } from 'react';
import type { CreateSiteInput } from '../../../../src/server/quarantine/quarantine.schema.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { showFieldErrors } from '../contacts/form-errors.ts';
import { useCreateSite, useEditSite } from './mutations.ts';
import { parseRooms } from './rooms.ts';
import type { SiteDetail } from './queries.ts';

type Values = {
  name: string;
  address: string;
  divisionCode: string;
  capacity: number;
  manager?: string;
  phone?: string;
  rooms?: string;
  beds?: number;
};

const names = ['name', 'address', 'divisionCode', 'capacity', 'manager', 'phone'];

/** Creates a site (with its rooms, typed as `201-220` or one per line) or edits one (with its version). */
export function SiteForm({ site, onDone }: { site?: SiteDetail; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const create = useCreateSite();
  const edit = useEditSite(site?.id ?? 0);
  const [problems, setProblems] = useState<string[]>([]);
  const text = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  const onError = (error: Error) => setProblems(showFieldErrors(form, error, [...names, 'rooms']));
  const submit = (v: Values) => {
    if (site) {
      edit.mutate(
        {
          version: site.version,
          name: v.name,
          address: v.address,
          capacity: v.capacity,
          manager: text(v.manager) ?? null,
          phone: text(v.phone) ?? null,
        },
        { onSuccess: onDone, onError },
      );
      return;
    }
    const body: CreateSiteInput = {
      name: v.name,
      address: v.address,
      divisionCode: v.divisionCode,
      capacity: v.capacity,
      rooms: parseRooms(v.rooms ?? '', v.beds ?? 1),
      ...(text(v.manager) ? { manager: text(v.manager) } : {}),
      ...(text(v.phone) ? { phone: text(v.phone) } : {}),
    };
    create.mutate(body, { onSuccess: onDone, onError });
  };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={
        site
          ? { ...site, manager: site.manager ?? undefined, phone: site.phone ?? undefined }
          : { divisionCode: '141102', beds: 1 }
      }
    >
      <Form.Item name="name" label={t('site.name')} rules={[{ required: true, whitespace: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="address" label={t('site.address')} rules={[{ required: true, whitespace: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="divisionCode" label={t('person.divisionCode')} rules={[{ required: true }]}>
        <Input disabled={site !== undefined} />
      </Form.Item>
      <Form.Item name="capacity" label={t('site.capacity')} rules={[{ required: true }]}>
        <InputNumber min={1} max={100000} />
      </Form.Item>
      <Form.Item name="manager" label={t('site.manager')}>
        <Input />
      </Form.Item>
      <Form.Item name="phone" label={t('person.phone')}>
        <Input />
      </Form.Item>
      {site ? null : (
        <>
          <Form.Item name="rooms" label={t('site.rooms')} extra={t('site.roomsHint')}>
            <Input.TextArea rows={3} placeholder="201-220" />
          </Form.Item>
          <Form.Item name="beds" label={t('site.bedsPerRoom')}>
            <InputNumber min={1} max={20} />
          </Form.Item>
        </>
      )}
      {problems.length > 0 ? (
        <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 12 }} />
      ) : null}
      <Button type="primary" htmlType="submit" loading={create.isPending || edit.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
