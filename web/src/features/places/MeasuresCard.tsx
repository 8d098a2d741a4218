import { Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { PlaceMeasure } from '../../../../src/server/places/measures.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useCan } from '../auth/queries.ts';
import { useMeasureAction, usePlanDisinfection, useRecommendSuspension } from './mutations.ts';
import { useMeasures } from './queries.ts';

type Dialog = 'suspend' | 'disinfect' | { record: PlaceMeasure } | null;
const today = () => dayjs().format('YYYY-MM-DD');

/** Suspensions and terminal disinfections of a place, with the buttons of their workflow. */
export function MeasuresCard({ placeId }: { placeId: number }) {
  const { t } = useI18n();
  const measures = useMeasures(placeId);
  const canWrite = useCan('measures:write');
  const canApprove = useCan('measures:approve');
  const act = useMeasureAction();
  const suspend = useRecommendSuspension(placeId);
  const disinfect = usePlanDisinfection(placeId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();

  const actions = (m: PlaceMeasure) => {
    const base = { id: m.id, version: m.version };
    if (m.kind === 'suspension' && m.status === 'recommended' && canApprove) {
      return (
        <Button size="small" onClick={() => act.mutate({ action: 'approve', ...base })}>
          {t('measures.approve')}
        </Button>
      );
    }
    if (m.kind === 'suspension' && m.status === 'approved' && canWrite) {
      return (
        <Button size="small" onClick={() => act.mutate({ action: 'enforce', ...base, startsOn: today() })}>
          {t('measures.enforce')}
        </Button>
      );
    }
    if (m.kind === 'suspension' && m.status === 'in_force' && canWrite) {
      return (
        <Button size="small" onClick={() => act.mutate({ action: 'lift', ...base, liftedOn: today() })}>
          {t('measures.lift')}
        </Button>
      );
    }
    if (m.kind === 'disinfection' && m.status === 'planned' && canWrite) {
      return (
        <Button size="small" onClick={() => setDialog({ record: m })}>
          {t('measures.recordDisinfection')}
        </Button>
      );
    }
    return null;
  };

  const submit = (values: Record<string, string>) => {
    const close = {
      onSuccess: () => {
        setDialog(null);
        form.resetFields();
      },
    };
    if (dialog === 'suspend') {
      suspend.mutate({ reason: values.reason ?? '' }, close);
    } else if (dialog === 'disinfect') {
      disinfect.mutate(
        { scope: values.scope ?? '', agent: values.agent ?? '', concentration: values.concentration ?? '' },
        close,
      );
    } else if (dialog !== null) {
      act.mutate(
        {
          action: 'record-disinfection',
          id: dialog.record.id,
          version: dialog.record.version,
          performedAt: new Date().toISOString(),
          operator: values.operator ?? '',
          evaluation: values.evaluation ?? '',
        },
        close,
      );
    }
  };

  return (
    <Card
      title={t('measures.title')}
      extra={
        canWrite ? (
          <Space>
            <Button onClick={() => setDialog('suspend')}>{t('measures.recommendSuspension')}</Button>
            <Button onClick={() => setDialog('disinfect')}>{t('measures.planDisinfection')}</Button>
          </Space>
        ) : null
      }
    >
      <Table<PlaceMeasure>
        rowKey="id"
        size="small"
        pagination={false}
        loading={measures.isPending}
        dataSource={measures.data?.items ?? []}
        data-testid="measures-table"
        columns={[
          {
            title: t('measures.kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`measures.kind.${k}` as MessageKey),
          },
          {
            title: t('measures.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag>{t(`measures.status.${s}` as MessageKey)}</Tag>,
          },
          {
            title: t('measures.detail'),
            key: 'detail',
            render: (_, m) =>
              m.kind === 'suspension'
                ? [
                    m.reason,
                    m.approvedBy ? `${t('measures.approvedBy')} ${m.approvedBy}` : null,
                    m.startsOn,
                    m.liftedOn,
                  ]
                    .filter(Boolean)
                    .join(' · ')
                : [
                    m.scope,
                    `${m.agent ?? ''} ${m.concentration ?? ''}`,
                    m.operator,
                    m.evaluation,
                    formatInstant(m.performedAt),
                  ]
                    .filter((v) => v && v !== '—')
                    .join(' · '),
          },
          { title: t('common.actions'), key: 'actions', render: (_, m) => actions(m) },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={
          dialog === 'suspend'
            ? t('measures.recommendSuspension')
            : dialog === 'disinfect'
              ? t('measures.planDisinfection')
              : t('measures.recordDisinfection')
        }
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        confirmLoading={suspend.isPending || disinfect.isPending || act.isPending}
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          {dialog === 'suspend' ? (
            <Form.Item name="reason" label={t('measures.reason')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : null}
          {dialog === 'disinfect' ? (
            <>
              <Form.Item name="scope" label={t('measures.scope')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="agent" label={t('measures.agent')} rules={[{ required: true }]}>
                <Input placeholder="含氯消毒剂" />
              </Form.Item>
              <Form.Item
                name="concentration"
                label={t('measures.concentration')}
                rules={[{ required: true }]}
              >
                <Input placeholder="500 mg/L" />
              </Form.Item>
            </>
          ) : null}
          {dialog !== null && typeof dialog === 'object' ? (
            <>
              <Form.Item name="operator" label={t('measures.operator')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="evaluation" label={t('measures.evaluation')} rules={[{ required: true }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </Card>
  );
}
