import { InboxOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LabImportCard } from './LabImportCard.tsx';
import { useReceiveSamples } from './mutations.ts';
import { PoolsCard } from './PoolsCard.tsx';
import { errorText } from './RegisterPage.tsx';
import { ResultEntryCard } from './ResultEntryCard.tsx';

/** Receiving tubes by scan: a sample code, or a pool code for all its members. */
function ReceiveCard() {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const receive = useReceiveSamples();
  const submit = () => {
    const scanned = code.trim().toUpperCase();
    setCode('');
    if (scanned === '') {
      return;
    }
    receive.mutate(
      { codes: [scanned] },
      {
        onSuccess: ({ received }) =>
          setNote({ ok: true, text: t('samples.lab.received', { code: scanned, n: received }) }),
        onError: (error) => setNote({ ok: false, text: `${scanned}: ${errorText(error)}` }),
      },
    );
  };
  return (
    <Card size="small" title={t('samples.lab.receive')}>
      <Input
        size="large"
        prefix={<InboxOutlined />}
        placeholder={t('samples.lab.receivePlaceholder')}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        onPressEnter={submit}
        autoComplete="off"
        data-testid="receive-input"
      />
      {note ? (
        <Alert
          style={{ marginTop: 12 }}
          type={note.ok ? 'success' : 'error'}
          showIcon
          title={note.text}
          data-testid="receive-note"
        />
      ) : null}
    </Card>
  );
}

/** The lab bench: receive tubes, enter results, import a lab file, follow positive pools to their retests. */
export function LabPage() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={3}>{t('samples.lab.title')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <ReceiveCard />
        </Col>
        <Col xs={24} xl={15}>
          <ResultEntryCard />
        </Col>
        <Col xs={24}>
          <LabImportCard />
        </Col>
        <Col xs={24}>
          <PoolsCard />
        </Col>
      </Row>
    </>
  );
}
