import { Alert, Button, Form, Input, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Outbreak } from '../../../../src/server/outbreaks/outbreaks.schema.ts';
import { errorText, fieldErrors, isVersionConflict } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMe } from '../auth/queries.ts';
import { DateItem } from '../investigations/form-fields.tsx';
import { DivisionPicker } from '../samples/DivisionPicker.tsx';
import { useDeclareOutbreak, useEditOutbreak } from './mutations.ts';
import { outbreakQuery, useProtocols } from './queries.ts';

type Values = {
  name: string;
  disease: string;
  presetId: string;
  overlayId?: string | null;
  overlayText?: string;
  startDate: string;
  divisionCode: string;
  caseNumberMask: string;
};

const fields = [
  'name',
  'disease',
  'presetId',
  'overlayId',
  'overlayText',
  'startDate',
  'divisionCode',
  'caseNumberMask',
] as const;

const valuesOf = (outbreak: Outbreak): Values => ({
  name: outbreak.name,
  disease: outbreak.disease,
  presetId: outbreak.presetId,
  overlayId: outbreak.overlayId,
  overlayText: outbreak.overlayText ?? undefined,
  startDate: outbreak.startDate,
  divisionCode: outbreak.divisionCode,
  caseNumberMask: outbreak.caseNumberMask,
});

/** The division picker as a form control (the form hands it `value` and `onChange`). */
function DivisionControl({ value, onChange }: { value?: string; onChange?: (code: string | null) => void }) {
  return <DivisionPicker value={value ?? null} onChange={(code) => onChange?.(code)} />;
}

/**
 * Declares an outbreak, or edits one at the version it was opened with. After a 409 the user reloads the
 * outbreak as it now is; saving again without reloading would overwrite the other person's change.
 */
export function OutbreakForm({ outbreak, onDone }: { outbreak?: Outbreak; onDone: () => void }) {
  const { t, language } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const protocols = useProtocols();
  const [form] = Form.useForm<Values>();
  const [base, setBase] = useState(outbreak);
  const declare = useDeclareOutbreak();
  const edit = useEditOutbreak(outbreak?.id ?? 0);
  const mutation = outbreak ? edit : declare;
  const presetId = Form.useWatch('presetId', form);

  useEffect(() => {
    if (mutation.error) {
      form.setFields(fieldErrors(mutation.error, fields));
    }
  }, [mutation.error, form]);

  const reload = async () => {
    if (!base) {
      return;
    }
    const fresh = await queryClient.fetchQuery(outbreakQuery(base.id));
    setBase(fresh);
    form.resetFields();
    form.setFieldsValue(valuesOf(fresh));
    edit.reset();
  };

  const submit = (v: Values) => {
    const overlayText = v.overlayText?.trim() ? v.overlayText.trim() : null;
    const common = {
      name: v.name,
      disease: v.disease,
      presetId: v.presetId,
      overlayId: v.overlayId ?? null,
      overlayText,
      startDate: v.startDate,
      caseNumberMask: v.caseNumberMask,
    };
    if (base) {
      edit.mutate({ version: base.version, ...common }, { onSuccess: onDone });
      return;
    }
    declare.mutate({ ...common, divisionCode: v.divisionCode }, { onSuccess: onDone });
  };

  const unplaced = mutation.error && fieldErrors(mutation.error, fields).length === 0 ? mutation.error : null;
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={base ? valuesOf(base) : { divisionCode: me.data?.user.jurisdictionCode }}
      data-testid="outbreak-form"
    >
      <Form.Item name="name" label={t('outbreaks.name')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="disease" label={t('outbreaks.disease')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item
        name="presetId"
        label={t('outbreaks.preset')}
        extra={t('outbreaks.presetHint')}
        rules={[{ required: true }]}
      >
        <Select
          loading={protocols.isPending}
          options={(protocols.data?.items ?? []).map((p) => ({
            value: p.id,
            label: `${p.name[language]} · ${p.effectiveDate}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="overlayId" label={t('outbreaks.overlay')}>
        <Select
          allowClear
          placeholder={t('outbreaks.overlayNone')}
          options={(protocols.data?.overlays ?? []).map((o) => ({
            value: o.id,
            label: o.name[language],
            // An overlay written for other editions would layer rules that are not there.
            disabled:
              o.appliesTo !== null && presetId !== undefined && !o.appliesTo.some((id) => id === presetId),
          }))}
        />
      </Form.Item>
      <Form.Item name="overlayText" label={t('outbreaks.overlayText')} extra={t('outbreaks.overlayTextHint')}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <DateItem name="startDate" label={t('outbreaks.startDate')} required />
      {base ? null : (
        <Form.Item
          name="divisionCode"
          label={t('outbreaks.division')}
          extra={t('outbreaks.divisionHint')}
          rules={[{ required: true }]}
        >
          <DivisionControl />
        </Form.Item>
      )}
      <Form.Item
        name="caseNumberMask"
        label={t('outbreaks.mask')}
        extra={
          <>
            {t('outbreaks.maskHint')}
            {base ? <div>{t('outbreaks.maskEditHint')}</div> : null}
          </>
        }
        rules={[{ required: true, whitespace: true }]}
      >
        <Input maxLength={40} placeholder="LS-2020-####" style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      {isVersionConflict(mutation.error) ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('outbreaks.changedElsewhere')}
          action={
            <Button size="small" onClick={() => void reload()} data-testid="outbreak-reload">
              {t('outbreaks.reload')}
            </Button>
          }
        />
      ) : unplaced ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(unplaced)} />
      ) : null}
      <Space>
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
