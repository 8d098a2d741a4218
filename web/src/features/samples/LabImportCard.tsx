import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { mappingKeys, type MappingKey } from '../../../../src/core/lab/lab-row.ts';
import type { RowError } from '../../../../src/server/samples/lab-import.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useImportLabFile } from './mutations.ts';
import { guessMapping, headerOf } from './csv-header.ts';
import { errorText } from '../../api/client.ts';

const mapLabels: Record<MappingKey, MessageKey> = {
  code: 'samples.map.code',
  testedAt: 'samples.map.testedAt',
  lab: 'samples.map.lab',
  orf1abCt: 'samples.map.orf1abCt',
  orf1abResult: 'samples.map.orf1abResult',
  nCt: 'samples.map.nCt',
  nResult: 'samples.map.nResult',
  result: 'samples.map.result',
  igm: 'samples.map.igm',
  igg: 'samples.map.igg',
};

/** A lab's result file: choose the columns, import, and read every bad row by line, column and reason. */
export function LabImportCard() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<string[]>([]);
  const [form] = Form.useForm<Partial<Record<MappingKey, string>>>();
  const upload = useImportLabFile();
  const result = upload.data;

  const choose = async (chosen: File) => {
    setFile(chosen);
    upload.reset();
    const head = headerOf(await chosen.slice(0, 64 * 1024).text());
    setHeader(head);
    form.resetFields();
    form.setFieldsValue(guessMapping(head));
  };

  const start = (values: Partial<Record<MappingKey, string>>) => {
    if (!file) {
      return;
    }
    const mapping: Record<string, string> = {};
    for (const key of mappingKeys) {
      const column = values[key];
      if (column) {
        mapping[key] = column;
      }
    }
    upload.mutate({ file, mapping });
  };

  return (
    <Card title={t('samples.import.title')} size="small" data-testid="lab-import">
      <Typography.Paragraph type="secondary">{t('samples.import.help')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,text/csv"
        maxCount={1}
        beforeUpload={(f) => {
          void choose(f);
          return false;
        }}
        onRemove={() => {
          setFile(null);
          setHeader([]);
        }}
        data-testid="lab-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{t('samples.import.file')}</p>
      </Upload.Dragger>
      {header.length > 0 ? (
        <Form form={form} layout="vertical" onFinish={start} style={{ marginTop: 16 }}>
          <div className="samples-mapping">
            {mappingKeys.map((key) => (
              <Form.Item
                key={key}
                name={key}
                label={t(mapLabels[key])}
                rules={key === 'code' || key === 'testedAt' ? [{ required: true }] : []}
              >
                <Select
                  allowClear
                  data-testid={`map-${key}`}
                  placeholder={t('samples.import.unmapped')}
                  options={header.map((h) => ({ value: h, label: h }))}
                />
              </Form.Item>
            ))}
          </div>
          <Button type="primary" htmlType="submit" loading={upload.isPending} data-testid="start-lab-import">
            {t('samples.import.start')}
          </Button>
        </Form>
      ) : null}
      {upload.isError ? (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorText(upload.error)} />
      ) : null}
      {result ? (
        <div style={{ marginTop: 16 }} data-testid="import-result">
          <Descriptions size="small" column={{ xs: 2, sm: 3, md: 5 }} bordered>
            <Descriptions.Item label={t('samples.import.rows')}>{result.rows}</Descriptions.Item>
            <Descriptions.Item label={t('samples.import.imported')}>
              <span data-testid="import-imported">{result.imported}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('samples.import.bad')}>{result.badRows.length}</Descriptions.Item>
            <Descriptions.Item label={t('samples.import.positivePools')}>
              {result.pools.positive}
            </Descriptions.Item>
            <Descriptions.Item label={t('samples.import.retests')}>
              <span data-testid="import-retests">{result.retests}</span>
            </Descriptions.Item>
          </Descriptions>
          {result.badRows.length > 0 ? (
            <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
              <Alert
                type="warning"
                showIcon
                title={t('samples.import.badNote', { n: result.badRows.length })}
              />
              <Table<RowError>
                rowKey={(r) => `${r.line}-${r.field}`}
                size="small"
                pagination={false}
                dataSource={result.badRows}
                data-testid="bad-rows"
                columns={[
                  { title: t('samples.import.line'), dataIndex: 'line', width: 70 },
                  {
                    title: t('samples.import.field'),
                    dataIndex: 'field',
                    width: 160,
                    render: (field: string) => {
                      const key = mappingKeys.find((k) => k === field);
                      return key === undefined ? field : t(mapLabels[key]);
                    },
                  },
                  {
                    title: t('samples.import.value'),
                    dataIndex: 'value',
                    render: (v: string | null) => v ?? '—',
                  },
                  { title: t('samples.import.reason'), dataIndex: 'message' },
                ]}
              />
            </Space>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
