import { Alert, Input, Modal, Typography } from 'antd';
import { useState, type ReactNode } from 'react';

/**
 * Asks for the written reason an action needs (a dismissal, an archive, a reveal): OK stays disabled until
 * the reason has `minLength` characters, and `onSubmit` gets it trimmed. The text starts empty each time
 * the modal opens. `error` is shown under the text, e.g. the server's answer to the last try.
 */
export function ReasonModal({
  open,
  title,
  placeholder,
  hint,
  okText,
  danger = false,
  minLength = 1,
  loading,
  error,
  testId,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: ReactNode;
  placeholder: string;
  hint?: ReactNode;
  okText?: ReactNode;
  danger?: boolean;
  minLength?: number;
  loading: boolean;
  error?: string | null;
  testId: string;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, disabled: reason.trim().length < minLength, loading }}
      onCancel={onCancel}
      onOk={() => onSubmit(reason.trim())}
      afterOpenChange={(opened) => {
        if (!opened) {
          setReason('');
        }
      }}
      destroyOnHidden
    >
      {hint ? <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph> : null}
      <Input.TextArea
        rows={3}
        value={reason}
        placeholder={placeholder}
        onChange={(e) => setReason(e.target.value)}
        data-testid={testId}
      />
      {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} /> : null}
    </Modal>
  );
}
