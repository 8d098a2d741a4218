import { CheckCircleFilled, CloseCircleFilled, ScanOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, type InputRef, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ListedSample } from '../../../../src/server/samples/sample-list.ts';
import type { Pool } from '../../../../src/server/samples/samples.schema.ts';
import { errorText } from '../../api/client.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useSampleLabel } from './labels.ts';
import { useCreatePool, useRegisterSample } from './mutations.ts';

type Scan = { code: string; ok: boolean; text: string; at: number };

/**
 * Registration by scanning: a keyboard-wedge scanner types the code and Enter into a box that keeps the
 * focus; each code is registered as collected now by the user. The registered tubes can then go into one
 * pooled tube (混采).
 */
export function RegisterPage() {
  const { t } = useI18n();
  const label = useSampleLabel();
  const input = useRef<InputRef>(null);
  const [code, setCode] = useState('');
  const [registered, setRegistered] = useState<ListedSample[]>([]);
  const [selected, setSelected] = useState<number[]>([]);
  const [last, setLast] = useState<Scan | null>(null);
  const [pools, setPools] = useState<Pool[]>([]);
  const register = useRegisterSample();
  const pool = useCreatePool();

  const focus = () => input.current?.focus();
  useEffect(focus, []);

  const submit = () => {
    const scanned = code.trim().toUpperCase();
    setCode('');
    if (scanned === '') {
      return;
    }
    // Each scan answers on its own promise: a scanner sends the next code before this one is answered,
    // and the callbacks given to `mutate` run for the latest call only, which lost the earlier tubes.
    void register
      .mutateAsync({ code: scanned })
      .then(
        (sample) => {
          setRegistered((list) => [sample, ...list]);
          setSelected((ids) => [...ids, sample.id]);
          setLast({
            code: scanned,
            ok: true,
            text: `${sample.name} · ${t('samples.register.ok')}`,
            at: Date.now(),
          });
        },
        (error: unknown) => setLast({ code: scanned, ok: false, text: errorText(error), at: Date.now() }),
      )
      .finally(focus);
  };

  const unpooled = registered.filter((s) => s.poolId === null);
  const chosen = unpooled.filter((s) => selected.includes(s.id));
  const makePool = () => {
    pool.mutate(
      { codes: chosen.map((s) => s.code) },
      {
        onSuccess: (created) => {
          setPools((list) => [created, ...list]);
          const members = new Set(created.members.map((m) => m.id));
          setRegistered((list) =>
            list.map((s) => (members.has(s.id) ? { ...s, poolId: created.id, poolCode: created.code } : s)),
          );
          setSelected([]);
          setLast(null);
        },
        onSettled: focus,
      },
    );
  };

  return (
    <>
      <Typography.Title level={3}>{t('samples.register.title')}</Typography.Title>
      <Card className={last && !last.ok ? 'samples-scan samples-scan-error' : 'samples-scan'}>
        <Typography.Paragraph type="secondary">{t('samples.register.help')}</Typography.Paragraph>
        <Input
          ref={input}
          size="large"
          prefix={<ScanOutlined />}
          placeholder={t('samples.register.placeholder')}
          value={code}
          status={last && !last.ok ? 'error' : ''}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={submit}
          onBlur={() => {
            // A scanner types into whatever has focus: give it back unless the user chose another control.
            setTimeout(() => {
              const active = document.activeElement;
              if (active === null || active === document.body) {
                focus();
              }
            }, 0);
          }}
          autoComplete="off"
          data-testid="scan-input"
        />
        {last ? (
          <div
            key={last.at}
            className={last.ok ? 'samples-scan-result ok' : 'samples-scan-result error'}
            data-testid={last.ok ? 'scan-ok' : 'scan-error'}
            role="status"
          >
            {last.ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
            <span className="samples-scan-code">{last.code}</span>
            <span>{last.text}</span>
          </div>
        ) : null}
      </Card>
      <Card
        size="small"
        title={t('samples.register.list', { n: registered.length })}
        style={{ marginTop: 16 }}
        extra={
          <Space>
            <Typography.Text type="secondary">
              {t('samples.register.chosen', { n: chosen.length })}
            </Typography.Text>
            <Button
              type="primary"
              disabled={chosen.length === 0}
              loading={pool.isPending}
              onClick={makePool}
              data-testid="pool-these"
            >
              {t('samples.register.pool')}
            </Button>
          </Space>
        }
      >
        {pool.isError ? (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(pool.error)} />
        ) : null}
        <Table<ListedSample>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={registered}
          data-testid="registered-list"
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(Number)),
            getCheckboxProps: (s) => ({ disabled: s.poolId !== null }),
          }}
          columns={[
            { title: t('samples.code'), dataIndex: 'code', render: (v: string) => <code>{v}</code> },
            { title: t('samples.name'), dataIndex: 'name' },
            {
              title: t('samples.specimen'),
              dataIndex: 'specimen',
              render: (v: string) => label('specimen', v),
            },
            { title: t('samples.plan'), dataIndex: 'label', render: (v: string | null) => v ?? '—' },
            {
              title: t('samples.collectedAt'),
              dataIndex: 'collectedAt',
              render: (v: string | null) => formatInstant(v),
            },
            {
              title: t('samples.pool'),
              dataIndex: 'poolCode',
              render: (v: string | null) => (v ? <Tag color="blue">{v}</Tag> : '—'),
            },
          ]}
        />
      </Card>
      {pools.map((p) => (
        <Card key={p.id} size="small" style={{ marginTop: 16 }} data-testid="pool-created">
          <Space wrap>
            <Tag color="blue" className="samples-pool-code">
              {p.code}
            </Tag>
            <span>{t('samples.register.pooled', { n: p.size })}</span>
          </Space>
        </Card>
      ))}
    </>
  );
}
