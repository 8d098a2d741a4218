import { Alert, DatePicker, Form, Input, Modal, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMe } from '../auth/queries.ts';
import { todayIn } from './dates.ts';
import { showFieldErrors } from './form-errors.ts';
import { useChangeStatus, useConvertContact, useReleaseContact } from './mutations.ts';
import type { ContactDetail } from './queries.ts';

/** Release (a reason is required before the plan's end) or lost to follow-up (always with a reason). */
export function ReasonDialog({
  contact,
  kind,
  onClose,
}: {
  contact: ContactDetail;
  kind: 'release' | 'lost';
  onClose: () => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const today = todayIn(me.data?.timeZone ?? 'Asia/Shanghai');
  const [form] = Form.useForm<{ reason?: string }>();
  const release = useReleaseContact(contact.id);
  const status = useChangeStatus(contact.id);
  const [problems, setProblems] = useState<string[]>([]);
  const [upgraded, setUpgraded] = useState(false);
  const early = kind === 'release' && contact.observationEnd !== null && today < contact.observationEnd;
  const onError = (error: Error) => setProblems(showFieldErrors(form, error, ['reason']));
  const submit = ({ reason }: { reason?: string }) => {
    const trimmed = reason?.trim() ? reason.trim() : undefined;
    if (kind === 'lost') {
      status.mutate(
        { version: contact.version, to: 'lost', reason: trimmed },
        { onSuccess: onClose, onError },
      );
      return;
    }
    release.mutate(
      { version: contact.version, ...(trimmed ? { reason: trimmed } : {}) },
      {
        onSuccess: (result) => (result.outcome === 'upgraded' ? setUpgraded(true) : onClose()),
        onError,
      },
    );
  };
  return (
    <Modal
      open
      title={kind === 'release' ? t('workflow.release') : t('workflow.lost')}
      onCancel={onClose}
      onOk={() => (upgraded ? onClose() : form.submit())}
      confirmLoading={release.isPending || status.isPending}
      destroyOnHidden
    >
      {upgraded ? (
        <Alert type="warning" showIcon title={t('workflow.upgraded')} />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit}>
          {kind === 'release' ? (
            <Alert
              type={early ? 'warning' : 'success'}
              showIcon
              style={{ marginBottom: 12 }}
              title={
                early
                  ? t('workflow.earlyRelease', { end: contact.observationEnd ?? '' })
                  : t('workflow.releaseDue', { end: contact.observationEnd ?? '—' })
              }
            />
          ) : null}
          <Form.Item
            name="reason"
            label={t('workflow.reason')}
            rules={[{ required: early || kind === 'lost', whitespace: true }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="reason-input" />
          </Form.Item>
          {problems.length > 0 ? <Alert type="error" showIcon title={problems.join('；')} /> : null}
        </Form>
      )}
    </Modal>
  );
}

type ConvertValues = {
  classification: 'suspected' | 'confirmed' | 'asymptomatic';
  receivedAt: Dayjs;
  reportingInstitution: string;
  onsetDate?: Dayjs;
  hospital?: string;
  reason: string;
};

/** Reports the contact as a case and links to it. */
export function ConvertDialog({ contact, onClose }: { contact: ContactDetail; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ConvertValues>();
  const convert = useConvertContact(contact.id);
  const [problems, setProblems] = useState<string[]>([]);
  const [created, setCreated] = useState<{ caseId: number; caseNumber: string } | null>(null);
  const names = ['classification', 'receivedAt', 'reportingInstitution', 'onsetDate', 'hospital', 'reason'];
  const submit = (v: ConvertValues) => {
    convert.mutate(
      {
        version: contact.version,
        classification: v.classification,
        receivedAt: v.receivedAt.toISOString(),
        reportingInstitution: v.reportingInstitution,
        ...(v.onsetDate ? { onsetDate: v.onsetDate.format('YYYY-MM-DD') } : {}),
        ...(v.hospital ? { hospital: v.hospital } : {}),
        reason: v.reason,
      },
      {
        onSuccess: (result) => setCreated(result),
        onError: (error) => setProblems(showFieldErrors(form, error, names)),
      },
    );
  };
  return (
    <Modal
      open
      title={t('workflow.convert')}
      onCancel={onClose}
      onOk={() => (created ? onClose() : form.submit())}
      okText={created ? t('workflow.close') : t('workflow.convert')}
      confirmLoading={convert.isPending}
      destroyOnHidden
    >
      {created ? (
        <Alert
          type="success"
          showIcon
          data-testid="convert-done"
          title={
            <span>
              {t('workflow.converted', { number: created.caseNumber })}{' '}
              <Link to={`/cases/${created.caseId}`}>{t('contact.openCase', { id: created.caseId })}</Link>
            </span>
          }
        />
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ classification: 'confirmed', receivedAt: dayjs() }}
        >
          <Form.Item name="classification" label={t('cases.classification')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={(['suspected', 'confirmed', 'asymptomatic'] as const).map((value) => ({
                value,
                label: t(`cls.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="receivedAt" label={t('cases.receivedAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item
            name="reportingInstitution"
            label={t('cases.reportingInstitution')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input data-testid="convert-institution" />
          </Form.Item>
          <Space size="large">
            <Form.Item name="onsetDate" label={t('cases.onsetDate')}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="hospital" label={t('cases.hospital')}>
              <Input />
            </Form.Item>
          </Space>
          <Form.Item
            name="reason"
            label={t('workflow.convertReason')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={2} maxLength={1000} data-testid="convert-reason" />
          </Form.Item>
          {problems.length > 0 ? <Alert type="error" showIcon title={problems.join('；')} /> : null}
        </Form>
      )}
    </Modal>
  );
}
