import { TreeChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChainsResponse } from './queries.ts';

echarts.use([TreeChart, TooltipComponent, CanvasRenderer]);

type TreeNode = { name: string; children: TreeNode[] };

/** One cluster as a tree from its index case along exposure and conversion edges (first path wins). */
export function clusterTree(data: ChainsResponse, clusterKey: string): TreeNode | null {
  const label = new Map(data.nodes.map((n) => [n.id, n.label]));
  const children = new Map<string, string[]>();
  for (const edge of data.edges) {
    if (edge.kind === 'co_exposure') {
      continue;
    }
    const list = children.get(edge.source) ?? [];
    list.push(edge.target);
    children.set(edge.source, list);
  }
  if (!label.has(clusterKey)) {
    return null;
  }
  const seen = new Set<string>([clusterKey]);
  const build = (id: string): TreeNode => ({
    name: label.get(id) ?? id,
    children: (children.get(id) ?? []).flatMap((child) => {
      if (seen.has(child)) {
        return [];
      }
      seen.add(child);
      return [build(child)];
    }),
  });
  return build(clusterKey);
}

export function ClusterTree({ data, clusterKey }: { data: ChainsResponse; clusterKey: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    const tree = clusterTree(data, clusterKey);
    if (!element || !tree) {
      return undefined;
    }
    const chart = echarts.init(element);
    chart.setOption({
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'tree',
          data: [tree],
          orient: 'LR',
          top: 20,
          bottom: 20,
          left: 120,
          right: 160,
          symbolSize: 8,
          initialTreeDepth: -1,
          label: { position: 'left', fontSize: 11 },
          leaves: { label: { position: 'right' } },
        },
      ],
    });
    return () => chart.dispose();
  }, [data, clusterKey]);
  return <div ref={ref} style={{ height: 420, width: '100%' }} data-testid="cluster-tree" />;
}
