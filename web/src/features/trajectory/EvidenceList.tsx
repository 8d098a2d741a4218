import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Form, Input, List, Select, Space, Tag, Upload } from 'antd';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import type { EvidenceInput, TrajectoryEntry } from '../../../../src/server/trajectory/trajectory.schema.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useState } from 'react';
import { labelKey } from '../cases/labels.ts';
import { useTrajectoryOptions } from './labels.ts';
import { useAddEvidence, useRemoveEvidence, useUploadEvidence } from './mutations.ts';

const confidenceColor: Record<string, string> = { high: 'green', medium: 'gold', low: 'default' };

/** The evidence items of a saved entry: add one (with a file if there is one: photo, payment record, …) or remove one. */
export function EvidenceList({
  caseId,
  entry,
  editable,
}: {
  caseId: number;
  entry: TrajectoryEntry;
  editable: boolean;
}) {
  const { t } = useI18n();
  const options = useTrajectoryOptions();
  const add = useAddEvidence(caseId);
  const upload = useUploadEvidence(caseId);
  const remove = useRemoveEvidence(caseId);
  const [form] = Form.useForm<EvidenceInput>();
  const [file, setFile] = useState<File | null>(null);
  // The evidence item being removed: it is archived with the reason given here, never deleted.
  const [removing, setRemoving] = useState<number | null>(null);

  return (
    <>
      <List
        size="small"
        dataSource={entry.evidence}
        locale={{ emptyText: t('traj.noEvidence') }}
        renderItem={(item) => (
          <List.Item
            actions={
              editable
                ? [
                    <Button
                      key="remove"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('traj.removeEvidence')}
                      onClick={() => setRemoving(item.id)}
                    />,
                  ]
                : []
            }
          >
            <Space wrap>
              <Tag>{t(labelKey('source', item.source))}</Tag>
              <span>{item.reference ?? '—'}</span>
              <Tag color={confidenceColor[item.confidence]}>
                {t('traj.confidenceIs', { level: t(labelKey('confidence', item.confidence)) })}
              </Tag>
              {item.attachment ? (
                <a href={item.attachment.url} target="_blank" rel="noreferrer">
                  <PaperClipOutlined /> {item.attachment.name}
                </a>
              ) : null}
            </Space>
          </List.Item>
        )}
      />
      <ReasonModal
        open={removing !== null}
        title={t('traj.removeEvidence')}
        placeholder={t('traj.removeEvidenceReason')}
        danger
        minLength={2}
        loading={remove.isPending}
        testId="remove-evidence-reason"
        onCancel={() => setRemoving(null)}
        onSubmit={(reason) => {
          if (removing !== null) {
            remove.mutate(
              { entryId: entry.id, evidenceId: removing, reason },
              { onSuccess: () => setRemoving(null) },
            );
          }
        }}
      />
      {editable ? (
        <Form<EvidenceInput>
          form={form}
          layout="inline"
          initialValues={{ source: 'self_report', confidence: 'medium' }}
          onFinish={(values) => {
            const done = {
              onSuccess: () => {
                form.resetFields();
                setFile(null);
              },
            };
            if (file) {
              upload.mutate({ entryId: entry.id, ...values, file }, done);
              return;
            }
            add.mutate({ entryId: entry.id, ...values }, done);
          }}
          style={{ marginTop: 8 }}
        >
          <Form.Item name="source">
            <Select style={{ width: 130 }} options={options.source} />
          </Form.Item>
          <Form.Item name="reference">
            <Input placeholder={t('traj.reference')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="confidence">
            <Select style={{ width: 90 }} options={options.confidence} />
          </Form.Item>
          <Upload
            maxCount={1}
            accept=".pdf,.jpg,.jpeg,.png,.webp,.mp4"
            beforeUpload={(selected) => {
              setFile(selected);
              // Held until the evidence item is saved with it.
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>{t('traj.attach')}</Button>
          </Upload>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending || upload.isPending}>
            {t('traj.addEvidence')}
          </Button>
        </Form>
      ) : null}
    </>
  );
}
