import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { VisitImport } from '../../../../src/server/visits/visit-imports.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useUploadVisits } from './mutations.ts';
import { useVisitImport, useVisitImports } from './queries.ts';

const statusColor = { running: 'processing', done: 'success', failed: 'error' } as const;

/** Upload of a visit log (.csv/.xlsx) with its optional persons reference, and the progress of the import. */
export function VisitImportPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [personsRef, setPersonsRef] = useState<File | null>(null);
  const [importId, setImportId] = useState<number | null>(null);
  const upload = useUploadVisits();
  const current = useVisitImport(importId);
  const list = useVisitImports();
  const state = current.data;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>
        <Link to="/places">{t('places.title')}</Link> / {t('imports.title')}
      </Typography.Title>
      <Card>
        <Typography.Paragraph type="secondary">{t('imports.help')}</Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Upload.Dragger
            accept=".csv,.xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
            data-testid="visit-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('imports.file')}</p>
          </Upload.Dragger>
          <Upload
            accept=".csv"
            maxCount={1}
            beforeUpload={(f) => {
              setPersonsRef(f);
              return false;
            }}
            onRemove={() => setPersonsRef(null)}
          >
            <Button data-testid="persons-ref">{t('imports.personsRef')}</Button>
          </Upload>
          <Button
            type="primary"
            disabled={file === null}
            loading={upload.isPending}
            data-testid="start-import"
            onClick={() => {
              if (file) {
                upload.mutate(
                  { file, personsRef: personsRef ?? undefined },
                  { onSuccess: (started) => setImportId(started.id) },
                );
              }
            }}
          >
            {t('imports.start')}
          </Button>
          {upload.isError ? <Alert type="error" showIcon title={upload.error.message} /> : null}
        </Space>
      </Card>
      {state ? (
        <Card title={`${t('imports.progress')} · ${state.fileName}`} data-testid="import-progress">
          <Progress
            percent={state.totalBytes > 0 ? Math.round((state.bytes / state.totalBytes) * 100) : 0}
            status={state.status === 'failed' ? 'exception' : state.status === 'done' ? 'success' : 'active'}
          />
          <Descriptions column={3} size="small">
            <Descriptions.Item label={t('imports.status')}>
              <Tag color={statusColor[state.status]} data-testid="import-status">
                {t(`imports.status.${state.status}` as MessageKey)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('imports.rows')}>{state.rows}</Descriptions.Item>
            <Descriptions.Item label={t('imports.badRows')}>{state.badRows}</Descriptions.Item>
          </Descriptions>
          {state.failure ? <Alert type="error" showIcon title={state.failure} /> : null}
          {state.badRows > 0 ? (
            <>
              <Table
                rowKey={(r) => `${r.line}-${r.field}`}
                size="small"
                pagination={false}
                dataSource={state.firstBadRows}
                columns={[
                  { title: t('imports.line'), dataIndex: 'line' },
                  { title: t('imports.field'), dataIndex: 'field' },
                  { title: t('imports.reason'), dataIndex: 'reason' },
                ]}
              />
              <Button type="link" href={`/api/v1/visit-imports/${state.id}/errors.csv`}>
                {t('imports.errorsCsv')}
              </Button>
            </>
          ) : null}
          {state.status === 'done' ? (
            <Link to="/places/discovery">
              <Button type="primary">{t('discovery.title')}</Button>
            </Link>
          ) : null}
        </Card>
      ) : null}
      <Card title={t('imports.recent')}>
        <Table<VisitImport>
          rowKey="id"
          size="small"
          pagination={false}
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          columns={[
            { title: t('imports.fileName'), dataIndex: 'fileName' },
            {
              title: t('imports.status'),
              dataIndex: 'status',
              render: (s: VisitImport['status']) => (
                <Tag color={statusColor[s]}>{t(`imports.status.${s}` as MessageKey)}</Tag>
              ),
            },
            { title: t('imports.rows'), dataIndex: 'rows' },
            { title: t('imports.badRows'), dataIndex: 'badRows' },
            {
              title: t('imports.startedAt'),
              dataIndex: 'startedAt',
              render: (v: string) => formatInstant(v),
            },
            { title: t('imports.user'), dataIndex: 'username' },
          ]}
        />
      </Card>
    </Space>
  );
}
