import { useQueries, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMe } from '../auth/queries.ts';
import { sampleKeys, type Division } from './queries.ts';

async function childrenOf(parent: string): Promise<Division[]> {
  const page = await api<{ items: Division[] }>('GET', `/api/v1/jurisdictions?parent=${parent}`);
  return page.items;
}

/** A village or street inside the user's jurisdiction, opened level by level. */
export function DivisionPicker({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (code: string | null) => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const root = me.data?.user.jurisdictionCode ?? '';
  const rootName = me.data?.user.jurisdictionName ?? '';
  const [expanded, setExpanded] = useState<string[]>([]);
  const parents = root === '' ? [] : [root, ...expanded.filter((code) => code !== root)];
  const children = useQueries({
    queries: parents.map((parent) => ({
      queryKey: sampleKeys.divisions(parent),
      queryFn: () => childrenOf(parent),
      staleTime: 600_000,
    })),
  });
  const nodes = [
    ...(root === '' ? [] : [{ id: root, pId: null, value: root, title: rootName || root, isLeaf: false }]),
    ...parents.flatMap((parent, i) =>
      (children[i]?.data ?? []).map((d) => ({
        id: d.code,
        pId: parent,
        value: d.code,
        title: d.name,
        isLeaf: d.level === 'village' || d.hasChildren === false,
      })),
    ),
  ];

  const load = async (parent: string) => {
    await queryClient.fetchQuery({
      queryKey: sampleKeys.divisions(parent),
      queryFn: () => childrenOf(parent),
      staleTime: 600_000,
    });
    setExpanded((list) => (list.includes(parent) ? list : [...list, parent]));
  };

  return (
    <TreeSelect
      data-testid="division-picker"
      style={{ minWidth: 220 }}
      allowClear
      placeholder={t('samples.division')}
      value={value ?? undefined}
      treeDataSimpleMode
      treeData={nodes}
      treeDefaultExpandedKeys={root === '' ? [] : [root]}
      loadData={(node) => (typeof node.value === 'string' ? load(node.value) : Promise.resolve())}
      onChange={(code?: string) => onChange(code ?? null)}
    />
  );
}
