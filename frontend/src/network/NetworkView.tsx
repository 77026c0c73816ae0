import { ControlsContainer, FullScreenControl, SigmaContainer, useRegisterEvents, useSetSettings, useSigma, ZoomControl } from '@react-sigma/core';
import '@react-sigma/core/lib/style.css';
import { toBlob } from '@sigma/export-image';
import { createNodeBorderProgram } from '@sigma/node-border';
import Graph from 'graphology';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { useEffect, useMemo, useRef, useState } from 'react';
import { degrees, GROUPING_COLORS, KIND_COLORS, labelThreshold, neighbours, nodeStyle, partners, type GraphData } from '../core/graphModel.ts';
import { useMessages } from '../app/messages.ts';
import type { FlyTo, PngExporter } from '../app/viewTypes.ts';

export interface NetworkViewProps {
  readonly graph: GraphData;
  readonly selected: string | null;
  readonly hovered: string | null;
  readonly onHover: (id: string | null) => void;
  readonly pathKeys: ReadonlySet<string>;
  readonly pathNodes: ReadonlySet<string> | null;
  readonly started: ReadonlySet<string>;
  readonly loading: boolean;
  readonly hasScope: boolean;
  readonly truncated: { shown: number; total: number } | null;
  readonly flyTo: FlyTo | null;
  readonly onSelect: (id: string | null) => void;
  readonly onExpand: (id: string) => void;
  readonly onHide: (id: string) => void;
  readonly registerExport: (fn: PngExporter | null) => void;
  /** Vue partagée avec la carte : légende repliée au départ. */
  readonly compact: boolean;
}

interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: string;
  hub: boolean;
  type: string;
  forceLabel?: boolean;
}

type LayoutState = 'idle' | 'running' | 'done';

const DIM = '#e2e8f0';
const PATH = '#dc2626';
const STARTED = '#84cc16';

// Un anneau de la couleur du type autour d'un centre blanc.
const HubProgram = createNodeBorderProgram({
  borders: [
    { size: { value: 0.38 }, color: { attribute: 'color' } },
    { size: { fill: true }, color: { value: '#ffffff' } },
  ],
});

/** Durée de la disposition ForceAtlas2 (dans un web worker) selon la taille du graphe. */
function layoutDuration(order: number): number {
  return Math.min(1000, 200 + order * 0.5);
}

/** Charge le graphe dans sigma en gardant la place des nœuds déjà là, puis lance la disposition. */
function GraphLoader({ graph, onLayout }: { readonly graph: GraphData; readonly onLayout: (state: LayoutState) => void }) {
  const sigma = useSigma<NodeAttrs>();
  useEffect(() => {
    const g = sigma.getGraph();
    const wanted = new Set(graph.nodes.map((n) => n.id));
    for (const id of g.nodes()) if (!wanted.has(id)) g.dropNode(id);
    const deg = degrees(graph);
    const spread = Math.max(10, Math.sqrt(graph.nodes.length) * 10);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    let added = 0;
    for (const n of graph.nodes) {
      const style = nodeStyle(n, deg.get(n.id) ?? 0);
      // Les objets de coopération sont des anneaux, les organisations des disques pleins.
      const attrs = { size: style.size, color: style.color, label: n.label, kind: n.kind, hub: style.hub, type: style.hub ? 'hub' : 'circle' };
      if (g.hasNode(n.id)) {
        g.mergeNodeAttributes(n.id, attrs);
      } else {
        // Un nouveau nœud naît près d'un voisin déjà placé, sinon au hasard.
        const anchor = graph.edges.find((e) => (e.source === n.id && g.hasNode(e.target)) || (e.target === n.id && g.hasNode(e.source)));
        const other = anchor === undefined ? undefined : anchor.source === n.id ? anchor.target : anchor.source;
        const base = other === undefined ? { x: 0, y: 0, r: spread } : { x: g.getNodeAttribute(other, 'x'), y: g.getNodeAttribute(other, 'y'), r: 5 };
        g.addNode(n.id, { ...attrs, x: base.x + (Math.random() - 0.5) * base.r, y: base.y + (Math.random() - 0.5) * base.r });
        added++;
      }
    }
    g.clearEdges();
    for (const e of graph.edges) {
      if (byId.has(e.source) && byId.has(e.target) && !g.hasEdge(e.id)) {
        g.addEdgeWithKey(e.id, e.source, e.target, { size: 1, color: '#cbd5e1', role: e.role ?? '' });
      }
    }
    if (g.order === 0 || added === 0) {
      onLayout(g.order === 0 ? 'idle' : 'done');
      sigma.refresh();
      return undefined;
    }
    const settings = forceAtlas2.inferSettings(g);
    const layout = new FA2Layout(g, { settings: { ...settings, barnesHutOptimize: g.order > 400, adjustSizes: false, gravity: 1, scalingRatio: 8, slowDown: 2 } });
    onLayout('running');
    layout.start();
    const timer = window.setTimeout(() => {
      layout.stop();
      layout.kill();
      sigma.refresh();
      onLayout('done');
    }, layoutDuration(g.order));
    return () => {
      window.clearTimeout(timer);
      layout.kill();
    };
  }, [graph, sigma, onLayout]);
  return null;
}

/** Survol, sélection, chemin et évolutions : mis en évidence par les réducteurs de sigma. */
function Highlighter(props: Pick<NetworkViewProps, 'selected' | 'hovered' | 'pathKeys' | 'pathNodes' | 'started' | 'graph'>) {
  const { selected, hovered, pathKeys, pathNodes, started, graph } = props;
  const setSettings = useSetSettings<NodeAttrs>();
  const focus = hovered ?? selected;
  // Autour du nœud survolé ou choisi : ses voisins directs et, pour une organisation, ses partenaires.
  const near = useMemo(() => (focus === null ? null : new Set([...neighbours(graph, focus), ...partners(graph, focus)])), [graph, focus]);
  useEffect(() => {
    setSettings({
      nodeReducer: (node, data) => {
        const res: Partial<NodeAttrs> & { highlighted?: boolean; zIndex?: number } = { ...data };
        if (started.has(node)) res.color = STARTED;
        if (pathNodes?.has(node) === true) {
          res.color = PATH;
          res.forceLabel = true;
          res.zIndex = 2;
        }
        if (focus !== null && near !== null) {
          if (node === focus) {
            res.highlighted = true;
            res.forceLabel = true;
            res.zIndex = 3;
          } else if (near.has(node)) {
            res.forceLabel = data.hub;
            res.zIndex = 1;
          } else if (!pathNodes?.has(node)) {
            res.color = DIM;
            res.label = '';
          }
        }
        if (node === selected) res.highlighted = true;
        return res;
      },
      edgeReducer: (edge, data) => {
        const res = { ...data } as Record<string, unknown>;
        const [source, target] = [graphSource(graph, edge), graphTarget(graph, edge)];
        if (pathKeys.size > 0 && pathKeys.has(`${source}|${target}`)) {
          res['color'] = PATH;
          res['size'] = 3;
          res['zIndex'] = 2;
          return res;
        }
        if (focus !== null && source !== focus && target !== focus) {
          res['color'] = '#f1f5f9';
        } else if (focus !== null) {
          res['color'] = '#64748b';
          res['size'] = 1.5;
        }
        return res;
      },
    });
  }, [setSettings, focus, near, selected, pathKeys, pathNodes, started, graph]);
  return null;
}

// Les extrémités d'une arête d'après son id (le graphe sigma les connaît aussi, mais sans passer par lui).
const endpointCache = new WeakMap<GraphData, Map<string, [string, string]>>();
function endpoints(graph: GraphData): Map<string, [string, string]> {
  let map = endpointCache.get(graph);
  if (map === undefined) {
    map = new Map(graph.edges.map((e) => [e.id, [e.source, e.target]]));
    endpointCache.set(graph, map);
  }
  return map;
}
function graphSource(graph: GraphData, edge: string): string | undefined {
  return endpoints(graph).get(edge)?.[0];
}
function graphTarget(graph: GraphData, edge: string): string | undefined {
  return endpoints(graph).get(edge)?.[1];
}

function Events({ onSelect, onExpand, onHover, onHide }: Pick<NetworkViewProps, 'onSelect' | 'onExpand' | 'onHover' | 'onHide'>) {
  const register = useRegisterEvents();
  useEffect(() => {
    register({
      clickNode: (e) => {
        onSelect(e.node);
      },
      doubleClickNode: (e) => {
        e.preventSigmaDefault();
        onExpand(e.node);
      },
      rightClickNode: (e) => {
        // Clic droit : masquer le nœud (réaffichable depuis le panneau).
        e.preventSigmaDefault();
        e.event.original.preventDefault();
        onHover(null);
        onHide(e.node);
      },
      enterNode: (e) => {
        onHover(e.node);
      },
      leaveNode: () => {
        onHover(null);
      },
    });
  }, [register, onSelect, onExpand, onHover, onHide]);
  return null;
}

/** Cadre la caméra sur la sélection demandée, une fois la disposition faite ; enregistre l'export PNG. */
function CameraAndExport({ flyTo, selected, layout, registerExport }: { readonly flyTo: FlyTo | null; readonly selected: string | null; readonly layout: LayoutState; readonly registerExport: (fn: PngExporter | null) => void }) {
  const sigma = useSigma();
  const done = useRef<number | null>(null);
  useEffect(() => {
    registerExport(() => toBlob(sigma, { format: 'png', backgroundColor: '#ffffff' }));
    return () => {
      registerExport(null);
    };
  }, [sigma, registerExport]);
  useEffect(() => {
    if (layout !== 'done' || flyTo?.selection === undefined || flyTo.selection !== selected || done.current === flyTo.key) return;
    const display = sigma.getNodeDisplayData(flyTo.selection);
    if (display === undefined) return;
    done.current = flyTo.key;
    void sigma.getCamera().animate({ x: display.x, y: display.y, ratio: 0.6 }, { duration: 500 });
  }, [layout, flyTo, selected, sigma]);
  return null;
}

const LEGEND: readonly [string, string][] = [
  ['SITE', KIND_COLORS['SITE'] ?? ''],
  ['LEGAL_ENTITY', KIND_COLORS['LEGAL_ENTITY'] ?? ''],
  ['GHT', GROUPING_COLORS['GHT'] ?? ''],
  ['GCS', GROUPING_COLORS['GCS'] ?? ''],
  ['CPTS', GROUPING_COLORS['CPTS'] ?? ''],
  ['CONVENTION', KIND_COLORS['CONVENTION'] ?? ''],
  ['FILIERE', KIND_COLORS['FILIERE'] ?? ''],
  ['TEAM', KIND_COLORS['TEAM'] ?? ''],
];

/** Les noms de tous les nœuds d'un petit réseau, des pivots d'un grand. */
function LabelThreshold({ nodeCount }: { readonly nodeCount: number }) {
  const setSettings = useSetSettings();
  const threshold = labelThreshold(nodeCount);
  useEffect(() => {
    setSettings({ labelRenderedSizeThreshold: threshold });
  }, [setSettings, threshold]);
  return null;
}

export default function NetworkView(props: NetworkViewProps) {
  const { graph, selected, loading, hasScope, truncated } = props;
  const m = useMessages();
  const [layout, setLayout] = useState<LayoutState>('idle');
  const selectedPresent = selected !== null && graph.nodes.some((n) => n.id === selected);
  const selectedDegree = selected === null ? 0 : neighbours(graph, selected).size;
  const settings = useMemo(
    () => ({
      renderEdgeLabels: false,
      labelDensity: 0.5,
      labelGridCellSize: 90,
      labelRenderedSizeThreshold: 9,
      zIndex: true,
      defaultEdgeColor: '#cbd5e1',
      labelFont: 'system-ui, sans-serif',
      labelSize: 12,
      allowInvalidContainer: true,
      stagePadding: 40,
      nodeProgramClasses: { hub: HubProgram },
    }),
    [],
  );
  const graphInstance = useMemo(() => new Graph({ multi: true, type: 'undirected', allowSelfLoops: false }), []);

  return (
    <div
      className="network"
      data-testid="network"
      data-layout={graph.nodes.length === 0 ? 'idle' : layout}
      data-nodes={graph.nodes.length}
      data-edges={graph.edges.length}
      data-loading={loading ? 'true' : 'false'}
      data-selected-present={selectedPresent ? 'true' : 'false'}
      data-selected-degree={selectedDegree}
    >
      {/* sigma (ses contextes WebGL) n'est créé que pour un réseau à dessiner. */}
      {graph.nodes.length > 0 ? (
        <SigmaContainer graph={graphInstance} settings={settings} className="network__canvas">
          <GraphLoader graph={graph} onLayout={setLayout} />
          <LabelThreshold nodeCount={graph.nodes.length} />
          <Highlighter {...props} />
          <Events onSelect={props.onSelect} onExpand={props.onExpand} onHover={props.onHover} onHide={props.onHide} />
          <ControlsContainer position="top-right">
            <ZoomControl labels={{ zoomIn: m.network.zoomIn, zoomOut: m.network.zoomOut, reset: m.network.fit }} />
            <FullScreenControl labels={{ enter: m.network.fullScreen, exit: m.network.exitFullScreen }} />
          </ControlsContainer>
          <CameraAndExport flyTo={props.flyTo} selected={selected} layout={layout} registerExport={props.registerExport} />
        </SigmaContainer>
      ) : (
        <div className="network__canvas" />
      )}
      <div className="network__bar">
        <span className="muted" data-testid="network-counts">
          {m.network.counts(graph.nodes.length, graph.edges.length)}
        </span>
        {layout === 'running' && <span className="status">{m.network.layout}</span>}
        {loading && <span className="status">{m.panel.loading}</span>}
      </div>
      {truncated !== null && <p className="notice network__notice">{m.network.truncated(truncated.shown, truncated.total)}</p>}
      {graph.nodes.length === 0 && !loading && (
        <p className="network__empty" data-testid="network-empty">
          {hasScope ? m.network.noData : m.network.empty}
        </p>
      )}
      <details className="legend legend--network" open={!props.compact}>
        <summary>{m.network.legendTitle}</summary>
        <ul>
          {LEGEND.map(([key, color]) => (
            <li key={key}>
              <span className={key === 'SITE' || key === 'LEGAL_ENTITY' ? 'swatch' : 'swatch swatch--hub'} style={{ borderColor: color, background: key === 'SITE' || key === 'LEGAL_ENTITY' ? color : '#fff' }} />
              {m.network.legend[key]}
            </li>
          ))}
          <li>
            <span className="swatch" style={{ background: PATH }} />
            {m.network.legend['path']}
          </li>
          <li>
            <span className="swatch" style={{ background: STARTED }} />
            {m.network.legend['started']}
          </li>
        </ul>
        <p className="legend__hint">{m.network.legend['size']}</p>
        <p className="legend__hint">{m.network.gestures}</p>
      </details>
    </div>
  );
}
