import {
  Alert,
  Button,
  Card,
  ColorPicker,
  DatePicker,
  Descriptions,
  Drawer,
  Input,
  Segmented,
  Select,
  Space,
  Statistic,
  Typography,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { classificationName } from '../dashboard/text.ts';
import { ChainGraph, type ChainGraphHandle, type ColourBy } from './ChainGraph.tsx';
import { ClusterTree } from './ClusterTree.tsx';
import { useChains, useEditCluster, type ChainFilter } from './queries.ts';

export function ChainsPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<ChainFilter>({});
  const [colourBy, setColourBy] = useState<ColourBy>('classification');
  const [selected, setSelected] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [colour, setColour] = useState('#1677ff');
  const graph = useRef<ChainGraphHandle>(null);
  const canEdit = useCan('clusters:write');
  const editCluster = useEditCluster();
  const chains = useChains(filter);
  const data = chains.data;
  const node = useMemo(() => data?.nodes.find((n) => n.id === selected) ?? null, [data, selected]);
  const cluster = data?.clusters.find((c) => c.key === filter.clusterId) ?? null;

  const exportPng = () => {
    const url = graph.current?.exportPng();
    if (!url) {
      return;
    }
    const link = document.createElement('a');
    link.href = url;
    link.download = `chains-${new Date().toISOString().slice(0, 10)}.png`;
    link.click();
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3}>{t('dashboard.chains')}</Typography.Title>
      <Space wrap>
        <DatePicker.RangePicker
          onChange={(range) =>
            setFilter((f) => ({
              ...f,
              from: range?.[0]?.format('YYYY-MM-DD'),
              to: range?.[1]?.format('YYYY-MM-DD'),
            }))
          }
        />
        <Select
          style={{ minWidth: 220 }}
          allowClear
          placeholder={t('dashboard.allClusters')}
          value={filter.clusterId}
          data-testid="cluster-select"
          onChange={(value: string | undefined) => {
            setFilter((f) => ({ ...f, clusterId: value }));
            const c = data?.clusters.find((x) => x.key === value);
            setName(c?.name ?? '');
            setColour(c?.colour ?? '#1677ff');
          }}
          options={(data?.clusters ?? []).map((c) => ({
            value: c.key,
            label: `${c.name}（${c.caseCount}/${c.nodeCount}）`,
          }))}
        />
        <Segmented
          value={colourBy}
          onChange={(value) => setColourBy(value === 'cluster' ? 'cluster' : 'classification')}
          options={[
            { value: 'classification', label: t('dashboard.byClassification') },
            { value: 'cluster', label: t('dashboard.byCluster') },
          ]}
        />
        <Button onClick={exportPng} data-testid="export-png" disabled={!data}>
          {t('dashboard.exportPng')}
        </Button>
      </Space>
      {chains.error ? <Alert type="error" message={chains.error.message} /> : null}
      {data ? (
        <>
          <Space size="large" wrap>
            <Statistic title={t('dashboard.nodes')} value={data.nodes.length} />
            <Statistic title={t('dashboard.edges')} value={data.edges.length} />
            <Statistic
              title={t('dashboard.serialInterval')}
              value={
                data.serialInterval.mean === null
                  ? '—'
                  : `${data.serialInterval.mean.toFixed(1)} (n=${data.serialInterval.count})`
              }
            />
            <Statistic
              title={t('dashboard.onsetBeforeSource')}
              value={data.checks.onsetBeforeSource.length}
            />
            <Statistic title={t('dashboard.longGaps')} value={data.checks.longGaps.length} />
          </Space>
          <ChainGraph ref={graph} data={data} colourBy={colourBy} onSelect={setSelected} />
          {cluster ? (
            <Card title={`${t('dashboard.tree')}：${cluster.name}`} size="small">
              {canEdit ? (
                <Space style={{ marginBottom: 8 }}>
                  <Input
                    value={name}
                    onChange={(e) => setName(e.target.value)}
                    placeholder={t('dashboard.name')}
                  />
                  <ColorPicker value={colour} onChange={(value) => setColour(value.toHexString())} />
                  <Button
                    loading={editCluster.isPending}
                    onClick={() =>
                      editCluster.mutate({ key: cluster.key, name, colour, version: cluster.version })
                    }
                  >
                    {t('dashboard.save')}
                  </Button>
                </Space>
              ) : null}
              <ClusterTree data={data} clusterKey={cluster.key} />
            </Card>
          ) : null}
        </>
      ) : (
        <Card loading />
      )}
      <Drawer
        open={node !== null}
        onClose={() => setSelected(null)}
        title={node?.label}
        data-testid="node-drawer"
      >
        {node ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('dashboard.classification')}>
              {classificationName(t, node.classification)}
            </Descriptions.Item>
            {node.status ? (
              <Descriptions.Item label={t('dashboard.status')}>{node.status}</Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('dashboard.onset')}>{node.onset ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('dashboard.cluster')}>
              {data?.clusters.find((c) => c.key === node.cluster)?.name ?? node.cluster}
            </Descriptions.Item>
            <Descriptions.Item label={t('dashboard.generation')}>{node.generation ?? '—'}</Descriptions.Item>
            {node.kind === 'case' ? (
              <Descriptions.Item label="">
                <Link to={`/cases/${node.recordId}`}>{t('dashboard.openRecord')}</Link>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        ) : null}
      </Drawer>
    </Space>
  );
}
