import { InboxOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LabImportCard } from './LabImportCard.tsx';
import { useReceiveSamples } from './mutations.ts';
import { PoolsCard } from './PoolsCard.tsx';
import { errorText } from '../../api/client.ts';
import { ResultEntryCard } from './ResultEntryCard.tsx';

type Received = { code: string; text: string; at: number };

/**
 * Receiving tubes by scan: a sample code, or a pool code for all its members. A tube that could not be
 * received stays listed until dismissed, so that the answer to the next scan cannot hide it.
 */
function ReceiveCard() {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [last, setLast] = useState<Received | null>(null);
  const [failed, setFailed] = useState<Received[]>([]);
  const receive = useReceiveSamples();
  const submit = () => {
    const scanned = code.trim().toUpperCase();
    setCode('');
    if (scanned === '') {
      return;
    }
    // Each scan answers on its own promise: the callbacks given to `mutate` run for the latest call only.
    void receive.mutateAsync({ codes: [scanned] }).then(
      ({ received }) =>
        setLast({
          code: scanned,
          text: t('samples.lab.received', { code: scanned, n: received }),
          at: Date.now(),
        }),
      (error: unknown) =>
        setFailed((list) => [
          { code: scanned, text: `${scanned}: ${errorText(error)}`, at: Date.now() },
          ...list,
        ]),
    );
  };
  const dismiss = (gone: Received) => setFailed((list) => list.filter((f) => f !== gone));
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
      {last ? (
        <Alert
          key={last.at}
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          title={last.text}
          data-testid="receive-note"
        />
      ) : null}
      {failed.length > 0 ? (
        <Typography.Paragraph strong type="danger" style={{ margin: '12px 0 4px' }}>
          {t('samples.lab.notReceived', { n: failed.length })}
        </Typography.Paragraph>
      ) : null}
      {failed.map((f) => (
        <Alert
          key={`${f.at}-${f.code}`}
          style={{ marginTop: 4 }}
          type="error"
          showIcon
          closable={{ onClose: () => dismiss(f) }}
          title={f.text}
          data-testid="receive-failed"
        />
      ))}
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
