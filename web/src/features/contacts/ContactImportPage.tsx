import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  importFields,
  requiredImportFields,
  type ImportField,
} from '../../../../src/server/contacts/contact-columns.ts';
import type { ImportError, ImportReport } from '../../../../src/server/contacts/contacts-import.ts';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { contactLabel } from './labels.ts';
import { useImportContacts } from './mutations.ts';

type Mapping = Partial<Record<ImportField, string>>;

/**
 * A workbook of a case's contacts: the columns are mapped to fields (guessed from the headers), every row is
 * checked, and the file is imported whole once no row has a problem (docs/decisions/006).
 */
export function ContactImportPage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const caseId = Number(search.get('caseId') ?? '') || null;
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Mapping | undefined>(undefined);
  const [report, setReport] = useState<ImportReport | null>(null);
  const upload = useImportContacts(caseId ?? 0);

  const run = (chosen: File, commit: boolean, map: Mapping | undefined) => {
    upload.mutate(
      { file: chosen, mapping: map, commit },
      {
        onSuccess: (result) => {
          setReport(result);
          setMapping(result.mapping);
        },
        onError: () => setReport(null),
      },
    );
  };
  const required = new Set<string>(requiredImportFields);

  return (
    <>
      <Breadcrumb
        items={[{ title: <Link to="/contacts">{t('contacts.title')}</Link> }, { title: t('cimport.title') }]}
      />
      <Typography.Title level={3} style={{ marginTop: 12 }}>
        {t('cimport.title')}
      </Typography.Title>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('cimport.rule')} />
      <Space style={{ marginBottom: 16 }} align="center">
        <span>{t('cimport.case')}</span>
        <InputNumber
          min={1}
          value={caseId}
          onChange={(value) => setSearch(value ? { caseId: String(value) } : {}, { replace: true })}
          data-testid="import-case"
        />
        {caseId ? <Link to={`/cases/${caseId}?tab=contacts`}>{t('cimport.openCase')}</Link> : null}
      </Space>
      <Upload.Dragger
        accept=".xlsx"
        height={150}
        maxCount={1}
        disabled={caseId === null}
        showUploadList={false}
        beforeUpload={(chosen) => {
          setFile(chosen);
          setMapping(undefined);
          run(chosen, false, undefined);
          return false;
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{file ? file.name : t('cimport.drop')}</p>
      </Upload.Dragger>
      {upload.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title={upload.error.message}
          description={
            upload.error instanceof ApiError
              ? upload.error.details.map((d) => (
                  <div key={`${d.field ?? ''}${d.code}`}>{`${d.field ?? ''}: ${d.message ?? d.code}`}</div>
                ))
              : null
          }
        />
      ) : null}
      {report?.committed ? (
        <Result
          status="success"
          title={t('cimport.done', { created: report.created, added: report.exposuresAdded })}
          extra={
            <Link to={`/cases/${caseId ?? 0}?tab=contacts`}>
              <Button type="primary">{t('cimport.openCase')}</Button>
            </Link>
          }
          data-testid="import-done"
        />
      ) : null}
      {report && !report.committed && file ? (
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} xl={9}>
            <Card size="small" title={t('cimport.mapping')}>
              <Table
                rowKey="field"
                size="small"
                pagination={false}
                dataSource={importFields.map((field) => ({ field }))}
                columns={[
                  {
                    title: t('cimport.field'),
                    dataIndex: 'field',
                    render: (field: ImportField) => (
                      <>
                        {t(contactLabel('grid', field))}
                        {required.has(field) ? <Typography.Text type="danger"> *</Typography.Text> : null}
                      </>
                    ),
                  },
                  {
                    title: t('cimport.column'),
                    key: 'column',
                    render: (_, { field }: { field: ImportField }) => (
                      <Select
                        allowClear
                        size="small"
                        style={{ width: 180 }}
                        value={mapping?.[field]}
                        options={report.headers.filter((h) => h !== '').map((h) => ({ value: h, label: h }))}
                        onChange={(column?: string) => setMapping({ ...mapping, [field]: column })}
                      />
                    ),
                  },
                ]}
              />
              <Button
                style={{ marginTop: 12 }}
                loading={upload.isPending}
                onClick={() => run(file, false, mapping)}
              >
                {t('cimport.recheck')}
              </Button>
            </Card>
          </Col>
          <Col xs={24} xl={15}>
            <Card
              size="small"
              title={t('cimport.report', { rows: report.rows })}
              extra={
                report.errors.length === 0 ? (
                  <Button
                    type="primary"
                    loading={upload.isPending}
                    onClick={() => run(file, true, mapping)}
                    data-testid="import-commit"
                  >
                    {t('cimport.commit', { rows: report.rows })}
                  </Button>
                ) : (
                  <Tag color="red">{t('cimport.blocked', { n: report.errors.length })}</Tag>
                )
              }
            >
              {report.errors.length === 0 ? (
                <Alert
                  type="success"
                  showIcon
                  title={t('cimport.clean', { created: report.created, added: report.exposuresAdded })}
                />
              ) : (
                <Table<ImportError>
                  rowKey={(e) => `${e.line}-${e.field}-${e.code}`}
                  size="small"
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  dataSource={report.errors}
                  data-testid="import-errors"
                  columns={[
                    { title: t('cimport.line'), dataIndex: 'line', width: 70 },
                    {
                      title: t('cimport.field'),
                      dataIndex: 'field',
                      render: (field: string) =>
                        importFields.some((f) => f === field) ? t(contactLabel('grid', field)) : field,
                    },
                    {
                      title: t('cimport.column'),
                      dataIndex: 'column',
                      render: (v: string | null) => v ?? '—',
                    },
                    { title: t('cimport.reason'), dataIndex: 'message' },
                  ]}
                />
              )}
            </Card>
          </Col>
        </Row>
      ) : null}
    </>
  );
}
