import { useState, type RefObject } from 'react';
import type { GraphData } from '../core/graphModel.ts';
import { useMessages } from './messages.ts';
import type { PngExporter } from './viewTypes.ts';

export interface ViewExporters {
  map: PngExporter | null;
  network: PngExporter | null;
}

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

/** Exports du graphe affiché (CSV, GeoJSON, GEXF) et des vues (PNG) ; copie du lien. */
export function ExportMenu({
  graph,
  context,
  asOf,
  exporters,
  view,
}: {
  readonly view: 'split' | 'map' | 'network';
  readonly graph: GraphData;
  readonly context: string;
  readonly asOf: string;
  readonly exporters: RefObject<ViewExporters>;
}) {
  const m = useMessages();
  const [message, setMessage] = useState<string | null>(null);
  const empty = graph.nodes.length === 0;

  const run = async (format: 'csv' | 'geojson' | 'gexf') => {
    // Les formats ne sont chargés qu'au moment d'exporter.
    const exporters = await import('../core/exporters.ts');
    const name = exporters.exportFileName(context, asOf, format);
    if (format === 'csv') download(new Blob(['\uFEFF', exporters.toCsv(graph)], { type: 'text/csv;charset=utf-8' }), name);
    if (format === 'geojson') download(new Blob([exporters.toGeoJson(graph)], { type: 'application/geo+json' }), name);
    if (format === 'gexf') download(new Blob([exporters.toGexf(graph)], { type: 'application/xml' }), name);
  };

  const png = async (which: 'map' | 'network') => {
    const exporter = exporters.current[which];
    if (exporter === null) return;
    const { exportFileName } = await import('../core/exporters.ts');
    download(await exporter(), exportFileName(`${which === 'map' ? 'carte' : 'reseau'}-${context}`, asOf, 'png'));
  };

  return (
    <details className="menu" data-testid="export-menu">
      <summary className="button button--small">{m.exports.label}</summary>
      <div className="menu__list" role="group" aria-label={m.exports.label}>
        {empty && <p className="menu__note">{m.exports.nothing}</p>}
        <button type="button" data-testid="export-csv" disabled={empty} onClick={() => void run('csv')}>
          {m.exports.csv}
        </button>
        <button type="button" data-testid="export-geojson" disabled={empty} onClick={() => void run('geojson')}>
          {m.exports.geojson}
        </button>
        <button type="button" data-testid="export-gexf" disabled={empty} onClick={() => void run('gexf')}>
          {m.exports.gexf}
        </button>
        {view !== 'map' && (
          <button type="button" data-testid="export-network-png" onClick={() => void png('network')}>
            {m.exports.networkPng}
          </button>
        )}
        {view !== 'network' && (
          <button type="button" data-testid="export-map-png" onClick={() => void png('map')}>
            {m.exports.mapPng}
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard.writeText(window.location.href).then(() => {
              setMessage(m.exports.copied);
            });
          }}
        >
          {m.exports.copyLink}
        </button>
        {message !== null && (
          <p className="menu__note" role="status">
            {message}
          </p>
        )}
      </div>
    </details>
  );
}
