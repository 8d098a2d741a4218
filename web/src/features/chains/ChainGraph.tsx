import Graph from 'graphology';
import Sigma from 'sigma';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { classificationColours } from '../dashboard/text.ts';
import { clusterLayout } from './layout.ts';
import type { ChainsResponse } from './queries.ts';

export type ColourBy = 'classification' | 'cluster';
export type ChainGraphHandle = { exportPng: () => string | null };

const edgeColours: Record<string, string> = {
  exposure: '#8c8c8c',
  conversion: '#cf1322',
  co_exposure: '#d3adf7',
};

/**
 * The chains on WebGL (sigma 3 over a graphology graph): 10k nodes and 20k edges pan and zoom smoothly.
 * Clicking a node hands its id to the page, which opens the record in a drawer.
 */
export const ChainGraph = forwardRef<
  ChainGraphHandle,
  { data: ChainsResponse; colourBy: ColourBy; onSelect: (id: string) => void }
>(function ChainGraph({ data, colourBy, onSelect }, ref) {
  const container = useRef<HTMLDivElement>(null);
  const sigmaRef = useRef<Sigma | null>(null);
  const graphRef = useRef<Graph | null>(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

  useEffect(() => {
    const element = container.current;
    if (!element) {
      return undefined;
    }
    const started = performance.now();
    element.dataset.startedAt = String(Math.round(started));
    const clusterColour = new Map(data.clusters.map((c) => [c.key, c.colour]));
    const positions = clusterLayout(data);
    element.dataset.layoutMs = String(Math.round(performance.now() - started));
    const graph = new Graph({ multi: false, type: 'mixed' });
    for (const node of data.nodes) {
      const at = positions.get(node.id) ?? { x: 0, y: 0 };
      graph.addNode(node.id, {
        x: at.x,
        y: at.y,
        size: node.kind === 'case' ? 5 : 2.5,
        label: node.label,
        color:
          colourBy === 'cluster'
            ? (clusterColour.get(node.cluster) ?? '#999999')
            : (classificationColours[node.classification] ?? '#999999'),
      });
    }
    const renderer = new Sigma(graph, element, {
      renderLabels: data.nodes.length <= 2000,
      labelRenderedSizeThreshold: 8,
      defaultEdgeType: 'line',
      // Without a GPU (software WebGL) redrawing 20k edges per frame stalls panning; edges return when it stops.
      hideEdgesOnMove: data.edges.length > 5000,
      hideLabelsOnMove: true,
    });
    renderer.on('clickNode', ({ node }) => selectRef.current(node));
    sigmaRef.current = renderer;
    graphRef.current = graph;
    element.dataset.renderMs = String(Math.round(performance.now() - started));
    element.dataset.nodes = String(graph.order);
    // Drawn in two stages: the nodes' first frame, then the edges. Under software WebGL the 20k edges of a
    // city's chains would otherwise hold the first picture back.
    const addEdges = () => {
      const edgesStarted = performance.now();
      for (const edge of data.edges) {
        if (
          graph.hasNode(edge.source) &&
          graph.hasNode(edge.target) &&
          !graph.hasEdge(edge.source, edge.target)
        ) {
          graph.addEdge(edge.source, edge.target, {
            size: edge.kind === 'co_exposure' ? 0.5 : 1,
            color: edgeColours[edge.kind] ?? '#bfbfbf',
          });
        }
      }
      element.dataset.edgesMs = String(Math.round(performance.now() - edgesStarted));
      element.dataset.edges = String(graph.size);
    };
    // Sigma drew the nodes in its constructor; the next animation frame puts them on screen, and the edges
    // are added after it, so they never hold the first picture back.
    let stage: number | undefined;
    const frame = window.requestAnimationFrame(() => {
      element.dataset.drawnAt = String(Math.round(performance.now()));
      stage = window.setTimeout(addEdges, 0);
    });
    return () => {
      window.cancelAnimationFrame(frame);
      window.clearTimeout(stage);
      renderer.kill();
      sigmaRef.current = null;
      graphRef.current = null;
    };
  }, [data, colourBy]);

  useImperativeHandle(ref, () => ({
    /** Draws the current view onto a 2D canvas (WebGL buffers are not kept for reading back). */
    exportPng: () => {
      const renderer = sigmaRef.current;
      const graph = graphRef.current;
      const element = container.current;
      if (!renderer || !graph || !element) {
        return null;
      }
      const canvas = document.createElement('canvas');
      canvas.width = element.clientWidth;
      canvas.height = element.clientHeight;
      const context = canvas.getContext('2d');
      if (!context) {
        return null;
      }
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      const scale = 1 / Math.max(0.2, renderer.getCamera().getState().ratio);
      graph.forEachEdge((_edge, attributes, source, target) => {
        const a = renderer.graphToViewport(graph.getNodeAttributes(source) as { x: number; y: number });
        const b = renderer.graphToViewport(graph.getNodeAttributes(target) as { x: number; y: number });
        context.strokeStyle = String(attributes.color ?? '#bfbfbf');
        context.lineWidth = 0.5;
        context.beginPath();
        context.moveTo(a.x, a.y);
        context.lineTo(b.x, b.y);
        context.stroke();
      });
      graph.forEachNode((_node, attributes) => {
        const p = renderer.graphToViewport({ x: Number(attributes.x), y: Number(attributes.y) });
        context.fillStyle = String(attributes.color ?? '#999999');
        context.beginPath();
        context.arc(p.x, p.y, Math.max(1, Number(attributes.size ?? 2) * Math.min(scale, 3)), 0, 2 * Math.PI);
        context.fill();
      });
      return canvas.toDataURL('image/png');
    },
  }));

  return (
    <div
      ref={container}
      style={{ height: 560, width: '100%', border: '1px solid #f0f0f0' }}
      data-testid="chain-graph"
    />
  );
});
