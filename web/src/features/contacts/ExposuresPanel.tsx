import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Drawer, Form, Table, Tag } from 'antd';
import { useState } from 'react';
import type { Exposure } from '../../../../src/server/contacts/contacts.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import {
  ExposureFields,
  exposureBodyOf,
  exposureFieldNames,
  type ExposureValues,
} from './ExposureFields.tsx';
import { outsideLookBack, showFieldErrors } from './form-errors.ts';
import { contactLabel } from './labels.ts';
import { useAddExposure } from './mutations.ts';
import type { ContactDetail } from './queries.ts';

const open = new Set(['identified', 'notified', 'placed', 'home_monitoring']);

/** The exposures behind a contact; another exposure restarts the plan from its last day. */
export function ExposuresPanel({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const canWrite = useCan('contacts:write');
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<ExposureValues>();
  const add = useAddExposure(contact.id);
  const [problems, setProblems] = useState<string[]>([]);

  const send = (values: ExposureValues, confirmOutsideWindow: boolean) => {
    add.mutate(
      { ...exposureBodyOf(values), ...(confirmOutsideWindow ? { confirmOutsideWindow } : {}) },
      {
        onSuccess: () => {
          setAdding(false);
          setProblems([]);
          form.resetFields();
        },
        onError: (error) => {
          const why = outsideLookBack(error);
          if (why !== null && !confirmOutsideWindow) {
            modal.confirm({
              title: t('exposure2.outsideTitle'),
              content: why,
              okText: t('exposure2.outsideConfirm'),
              onOk: () => send(values, true),
            });
            return;
          }
          setProblems(showFieldErrors(form, error, exposureFieldNames('')));
        },
      },
    );
  };

  return (
    <Card
      size="small"
      title={t('exposure2.title')}
      style={{ marginBottom: 16 }}
      extra={
        canWrite && open.has(contact.status) ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="add-exposure"
          >
            {t('exposure2.add')}
          </Button>
        ) : null
      }
    >
      <Table<Exposure>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={contact.exposures}
        data-testid="exposures-table"
        columns={[
          {
            title: t('exposure2.kind'),
            dataIndex: 'kind',
            render: (kind: string, e) => (
              <>
                {t(contactLabel('ekind', kind))}
                {e.setting ? ` · ${e.setting}` : ''}
                {e.outsideWindow ? (
                  <Tag color="orange" style={{ marginLeft: 6 }}>
                    {t('exposure2.outsideTag')}
                  </Tag>
                ) : null}
              </>
            ),
          },
          {
            title: t('exposure2.window'),
            key: 'window',
            render: (_, e) => `${formatInstant(e.firstExposureAt)} – ${formatInstant(e.lastExposureAt)}`,
          },
          {
            title: t('exposure2.proximity'),
            dataIndex: 'proximity',
            render: (value: string | null) => (value ? t(contactLabel('proximity', value)) : '—'),
          },
          {
            title: t('exposure2.place'),
            key: 'place',
            render: (_, e) => [e.place, e.vehicle, e.seat].filter(Boolean).join(' · ') || '—',
          },
          {
            title: t('exposure2.source'),
            key: 'source',
            render: (_, e) =>
              e.sourceContactId
                ? `${t('contact.viaContact', { id: e.sourceContactId })}`
                : `#${e.sourceCaseId ?? ''}`,
          },
        ]}
      />
      <Drawer
        open={adding}
        width={560}
        title={t('exposure2.add')}
        onClose={() => setAdding(false)}
        destroyOnHidden
      >
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('exposure2.restartNote')} />
        <Form form={form} layout="vertical" onFinish={(values) => send(values, false)}>
          <ExposureFields prefix={[]} />
          {problems.length > 0 ? <Alert type="error" showIcon title={problems.join('；')} /> : null}
          <Button type="primary" htmlType="submit" loading={add.isPending} style={{ marginTop: 12 }}>
            {t('common.save')}
          </Button>
        </Form>
      </Drawer>
    </Card>
  );
}
