import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useSite, useSites } from '../quarantine/queries.ts';
import { showFieldErrors } from './form-errors.ts';
import { usePlaceContact } from './mutations.ts';
import type { ContactDetail } from './queries.ts';

type PlaceValues = {
  kind: 'site' | 'home';
  siteId?: number;
  roomId?: number;
  address?: string;
  divisionCode?: string;
  checkInAt: Dayjs;
};

/** Placement at a site (a room with a free bed) or at home; the check-in defaults to now. */
export function PlaceDialog({ contact, onClose }: { contact: ContactDetail; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PlaceValues>();
  const kind = Form.useWatch('kind', form);
  const siteId = Form.useWatch('siteId', form);
  const sites = useSites();
  const site = useSite(siteId);
  const place = usePlaceContact(contact.id);
  const [problems, setProblems] = useState<string[]>([]);
  const submit = (v: PlaceValues) => {
    const common = { version: contact.version, checkInAt: v.checkInAt.toISOString() };
    const body =
      v.kind === 'site'
        ? {
            kind: 'site' as const,
            ...common,
            siteId: v.siteId ?? 0,
            ...(v.roomId ? { roomId: v.roomId } : {}),
          }
        : { kind: 'home' as const, ...common, address: v.address ?? '', divisionCode: v.divisionCode ?? '' };
    place.mutate(body, {
      onSuccess: onClose,
      onError: (error) =>
        setProblems(
          showFieldErrors(form, error, ['siteId', 'roomId', 'address', 'divisionCode', 'checkInAt']),
        ),
    });
  };
  return (
    <Modal
      open
      title={t('workflow.place')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('workflow.place')}
      confirmLoading={place.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          kind: 'site',
          checkInAt: dayjs(),
          address: contact.person.masked ? undefined : (contact.person.currentAddress ?? undefined),
          divisionCode: contact.person.divisionCode ?? contact.divisionCode,
        }}
      >
        <Form.Item name="kind" label={t('workflow.placeKind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'site', label: t('workflow.atSite') },
              { value: 'home', label: t('workflow.atHome') },
            ]}
          />
        </Form.Item>
        {kind === 'home' ? (
          <>
            <Form.Item name="address" label={t('workflow.homeAddress')} rules={[{ required: true }]}>
              <Input data-testid="place-address" />
            </Form.Item>
            <Form.Item name="divisionCode" label={t('person.divisionCode')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="siteId" label={t('workflow.site')} rules={[{ required: true }]}>
              <Select
                data-testid="place-site"
                loading={sites.isPending}
                options={(sites.data?.items ?? [])
                  .filter((s) => !s.archived)
                  .map((s) => ({
                    value: s.id,
                    label: `${s.name}（${t('site.freeOf', { free: s.capacity - s.occupied, capacity: s.capacity })}）`,
                    disabled: s.occupied >= s.capacity,
                  }))}
                onChange={() => form.setFieldValue('roomId', undefined)}
              />
            </Form.Item>
            <Form.Item name="roomId" label={t('workflow.room')}>
              <Select
                allowClear
                data-testid="place-room"
                disabled={siteId === undefined}
                loading={site.isFetching}
                options={(site.data?.rooms ?? []).map((r) => ({
                  value: r.id,
                  label: `${r.number}（${t('site.freeOf', { free: r.beds - r.occupied, capacity: r.beds })}）`,
                  disabled: r.occupied >= r.beds,
                }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="checkInAt" label={t('workflow.checkInAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        {problems.length > 0 ? <Alert type="error" showIcon title={problems.join('；')} /> : null}
      </Form>
    </Modal>
  );
}
