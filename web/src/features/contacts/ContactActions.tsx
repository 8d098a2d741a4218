import { Alert, Button, DatePicker, Form, Input, Modal, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan, useMe } from '../auth/queries.ts';
import { useSite, useSites } from '../quarantine/queries.ts';
import { todayIn } from './dates.ts';
import { showFieldErrors } from './form-errors.ts';
import { useChangeStatus, useConvertContact, usePlaceContact, useReleaseContact } from './mutations.ts';
import type { ContactDetail } from './queries.ts';

type Dialog = 'place' | 'release' | 'lost' | 'convert' | null;

type PlaceValues = {
  kind: 'site' | 'home';
  siteId?: number;
  roomId?: number;
  address?: string;
  divisionCode?: string;
  checkInAt: Dayjs;
};

function PlaceDialog({ contact, onClose }: { contact: ContactDetail; onClose: () => void }) {
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

function ReasonDialog({
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

function ConvertDialog({ contact, onClose }: { contact: ContactDetail; onClose: () => void }) {
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

/** The workflow buttons the contact's next statuses and the user's permissions allow. */
export function ContactActions({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<Dialog>(null);
  const canWrite = useCan('contacts:write');
  const canPlace = useCan('placements:write');
  const canConvert = useCan('contacts:convert');
  const status = useChangeStatus(contact.id);
  const next = new Set(contact.nextStatuses);
  const move = (to: 'notified' | 'home_monitoring') => status.mutate({ version: contact.version, to });
  const buttons = [
    canWrite && next.has('notified') ? (
      <Button
        key="notify"
        type="primary"
        onClick={() => move('notified')}
        loading={status.isPending}
        data-testid="action-notify"
      >
        {t('workflow.notify')}
      </Button>
    ) : null,
    canPlace && next.has('placed') ? (
      <Button key="place" type="primary" onClick={() => setDialog('place')} data-testid="action-place">
        {t('workflow.place')}
      </Button>
    ) : null,
    canWrite && next.has('home_monitoring') ? (
      <Button
        key="home"
        onClick={() => move('home_monitoring')}
        loading={status.isPending}
        data-testid="action-home-monitoring"
      >
        {t('workflow.homeMonitoring')}
      </Button>
    ) : null,
    canPlace && next.has('released') ? (
      <Button key="release" onClick={() => setDialog('release')} data-testid="action-release">
        {t('workflow.release')}
      </Button>
    ) : null,
    canConvert && next.has('converted') ? (
      <Button key="convert" danger onClick={() => setDialog('convert')} data-testid="action-convert">
        {t('workflow.convert')}
      </Button>
    ) : null,
    canWrite && next.has('lost') ? (
      <Button key="lost" onClick={() => setDialog('lost')} data-testid="action-lost">
        {t('workflow.lost')}
      </Button>
    ) : null,
  ].filter((b) => b !== null);
  // The dialogs stay mounted after their action, which may leave no button (a conversion shows its result).
  return (
    <>
      {buttons.length > 0 ? (
        <Space wrap style={{ marginBottom: 16 }} data-testid="contact-actions">
          {buttons}
        </Space>
      ) : null}
      {dialog === 'place' ? <PlaceDialog contact={contact} onClose={() => setDialog(null)} /> : null}
      {dialog === 'release' || dialog === 'lost' ? (
        <ReasonDialog contact={contact} kind={dialog} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'convert' ? <ConvertDialog contact={contact} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
