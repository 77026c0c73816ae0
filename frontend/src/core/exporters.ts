/**
 * Exports du graphe affiché : CSV (nœuds et arêtes), GeoJSON (organisations
 * placées et liens), GEXF (pour Gephi). Les formats viennent de
 * bibliothèques éprouvées : papaparse pour le CSV, graphology-gexf.
 */
import Graph from 'graphology';
import writeGexf from 'graphology-gexf/browser/writer.js';
import Papa from 'papaparse';
import { isOrganisation, type GraphData } from './graphModel.ts';

/**
 * Une table par ligne : les nœuds puis les arêtes, dans un seul fichier
 * lisible par un tableur (colonne `type` = node ou edge).
 */
export function toCsv(graph: GraphData): string {
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const rows = [
    ...graph.nodes.map((n) => ({
      type: 'node',
      id: n.id,
      kind: n.kind,
      label: n.label,
      finess: n.finess ?? '',
      code: n.code ?? '',
      category: n.category ?? '',
      departement: n.departmentCode ?? '',
      region: n.regionCode ?? '',
      latitude: n.latitude ?? '',
      longitude: n.longitude ?? '',
      source: '',
      target: '',
      role: '',
      validFrom: '',
      validTo: '',
    })),
    ...graph.edges.map((e) => ({
      type: 'edge',
      id: e.id,
      kind: '',
      label: `${labels.get(e.source) ?? e.source} → ${labels.get(e.target) ?? e.target}`,
      finess: '',
      code: '',
      category: '',
      departement: '',
      region: '',
      latitude: '',
      longitude: '',
      source: e.source,
      target: e.target,
      role: e.role ?? '',
      validFrom: e.validFrom ?? '',
      validTo: e.validTo ?? '',
    })),
  ];
  return Papa.unparse(rows, { newline: '\r\n' });
}

/** Organisations placées en points, participations en segments vers le barycentre de leur objet. */
export function toGeoJson(graph: GraphData): string {
  const placed = new Map<string, [number, number]>();
  for (const n of graph.nodes) {
    if (n.latitude !== null && n.latitude !== undefined && n.longitude !== null && n.longitude !== undefined) {
      placed.set(n.id, [n.longitude, n.latitude]);
    }
  }
  // Un objet de coopération n'a pas de lieu : on le place au barycentre de ses participants.
  const sums = new Map<string, { x: number; y: number; k: number }>();
  for (const e of graph.edges) {
    const p = placed.get(e.source);
    if (p === undefined) continue;
    const s = sums.get(e.target) ?? { x: 0, y: 0, k: 0 };
    sums.set(e.target, { x: s.x + p[0], y: s.y + p[1], k: s.k + 1 });
  }
  const where = (id: string): [number, number] | undefined => {
    const p = placed.get(id);
    if (p !== undefined) return p;
    const s = sums.get(id);
    return s === undefined ? undefined : [s.x / s.k, s.y / s.k];
  };
  const features: unknown[] = [];
  for (const n of graph.nodes) {
    const p = where(n.id);
    if (p === undefined) continue;
    features.push({
      type: 'Feature',
      id: n.id,
      geometry: { type: 'Point', coordinates: p },
      properties: {
        id: n.id,
        kind: n.kind,
        label: n.label,
        finess: n.finess ?? null,
        code: n.code ?? null,
        category: n.category ?? null,
        placement: isOrganisation(n.kind) ? 'register' : 'centroid',
      },
    });
  }
  for (const e of graph.edges) {
    const a = where(e.source);
    const b = where(e.target);
    if (a === undefined || b === undefined) continue;
    features.push({
      type: 'Feature',
      id: e.id,
      geometry: { type: 'LineString', coordinates: [a, b] },
      properties: { id: e.id, source: e.source, target: e.target, role: e.role ?? null, validFrom: e.validFrom ?? null, validTo: e.validTo ?? null },
    });
  }
  return JSON.stringify({ type: 'FeatureCollection', features });
}

export function toGraphology(graph: GraphData): Graph {
  const g = new Graph({ multi: true, type: 'undirected' });
  for (const n of graph.nodes) {
    g.addNode(n.id, {
      label: n.label,
      kind: n.kind,
      finess: n.finess ?? '',
      code: n.code ?? '',
      category: n.category ?? '',
      latitude: n.latitude ?? '',
      longitude: n.longitude ?? '',
    });
  }
  for (const e of graph.edges) {
    if (g.hasNode(e.source) && g.hasNode(e.target)) {
      g.addEdgeWithKey(e.id, e.source, e.target, { role: e.role ?? '', validFrom: e.validFrom ?? '', validTo: e.validTo ?? '' });
    }
  }
  return g;
}

export function toGexf(graph: GraphData): string {
  return writeGexf(toGraphology(graph), { version: '1.3' });
}

/** Nom de fichier : maillage-<contexte>-<date>.<ext>, sans caractères gênants. */
export function exportFileName(context: string, asOf: string, extension: string): string {
  const slug = context
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `maillage-${slug === '' ? 'graphe' : slug}-${asOf}.${extension}`;
}
