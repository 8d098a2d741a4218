import { DownloadOutlined, FileAddOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Modal,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { reportKinds, type ReportKind } from '../../../../src/core/report/types.ts';
import type { Case } from '../../../../src/server/cases/cases.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { labelKey } from '../cases/labels.ts';
import { useGenerateReport, useSubmitReport } from './mutations.ts';
import { useReportPreview, useReportVersions, type ReportVersion } from './queries.ts';
import { ReportPreview } from './ReportPreview.tsx';

/** The 流调报告 of a case: live preview, immutable versions with their .docx, and submission. */
export function ReportPanel({ record }: { record: Case }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<ReportKind>('initial');
  const preview = useReportPreview(record.id, kind);
  const versions = useReportVersions(record.id);
  const generate = useGenerateReport(record.id);
  const submit = useSubmitReport(record.id);
  const canWrite = useCan('reports:write');
  const canSubmit = useCan('reports:submit');
  const [submitting, setSubmitting] = useState<ReportVersion | null>(null);
  // null sends none, so the server uses the configured recipients.
  const [recipients, setRecipients] = useState<string[] | null>(null);

  return (
    <Row gutter={16}>
      <Col span={24}>
        <Card
          size="small"
          title={t('reports.versions')}
          style={{ marginBottom: 16 }}
          extra={
            canWrite ? (
              <Button
                type="primary"
                icon={<FileAddOutlined />}
                loading={generate.isPending}
                onClick={() => generate.mutate({ kind })}
                data-testid="generate-report"
              >
                {t('reports.generate', { kind: t(labelKey('kind', kind)) })}
              </Button>
            ) : null
          }
        >
          {versions.isError ? <Alert type="error" showIcon title={versions.error.message} /> : null}
          <Table<ReportVersion>
            rowKey="id"
            size="small"
            pagination={false}
            loading={versions.isPending}
            dataSource={versions.data?.items ?? []}
            data-testid="report-versions"
            columns={[
              { title: '#', dataIndex: 'number', width: 40 },
              {
                title: t('reports.kind'),
                dataIndex: 'kind',
                render: (value: string) => t(labelKey('kind', value)),
              },
              {
                title: t('reports.author'),
                key: 'author',
                render: (_, v) => (
                  <>
                    <div>{v.authorName}</div>
                    <Typography.Text type="secondary">{formatInstant(v.createdAt)}</Typography.Text>
                  </>
                ),
              },
              {
                title: t('reports.submissions'),
                key: 'submissions',
                render: (_, v) =>
                  v.submissions.length === 0
                    ? '—'
                    : v.submissions.map((s) => (
                        <div key={s.id}>
                          <Tag color="green">{formatInstant(s.submittedAt)}</Tag>
                          {`${s.recipients.join('、')} · ${s.submittedBy}`}
                        </div>
                      )),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, v) => (
                  <Space wrap size="small">
                    <Button
                      size="small"
                      icon={<DownloadOutlined />}
                      href={v.docxUrl}
                      data-testid="download-docx"
                    >
                      .docx
                    </Button>
                    {canSubmit ? (
                      <Button
                        size="small"
                        icon={<SendOutlined />}
                        onClick={() => setSubmitting(v)}
                        data-testid="submit-report"
                      >
                        {t('reports.submit')}
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card
          size="small"
          title={t('reports.preview')}
          extra={
            <Segmented<ReportKind>
              value={kind}
              onChange={setKind}
              options={reportKinds.map((value) => ({ value, label: t(labelKey('kind', value)) }))}
            />
          }
        >
          {preview.isPending ? <Spin /> : null}
          {preview.isError ? <Alert type="error" showIcon title={preview.error.message} /> : null}
          {preview.data ? <ReportPreview document={preview.data} /> : null}
        </Card>
      </Col>
      <Modal
        open={submitting !== null}
        title={t('reports.submitTitle', { number: submitting?.number ?? '' })}
        onCancel={() => setSubmitting(null)}
        okText={t('reports.submit')}
        okButtonProps={{ loading: submit.isPending }}
        onOk={() =>
          submitting &&
          submit.mutate({ id: submitting.id, recipients }, { onSuccess: () => setSubmitting(null) })
        }
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('reports.submitHint')}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('reports.recipients')}>
            <Select
              mode="tags"
              value={recipients ?? []}
              onChange={(values: string[]) => setRecipients(values.length > 0 ? values : null)}
              placeholder={t('reports.defaultRecipients')}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}
