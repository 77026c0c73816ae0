/**
 * Ce que décide la carte, sans MapLibre : les organisations du graphe en
 * points, le filtre des sites d'un territoire, les emprises à cadrer, le
 * territoire visé par un clic, le texte de survol, le cadrage demandé.
 */
import { isOrganisation, type GraphData } from './graphModel.ts';
import { boundsOf, type FeatureCollection } from './mapLinks.ts';
import type { TerritoryRef } from './urlState.ts';

/** [ouest, sud, est, nord] */
export type Bounds = [number, number, number, number];

export interface GraphPointFeature {
  readonly type: 'Feature';
  readonly geometry: { readonly type: 'Point'; readonly coordinates: [number, number] };
  readonly properties: { readonly id: string; readonly label: string; readonly started: boolean };
}

/** Les organisations placées du graphe ; celles qui commencent depuis la date de comparaison sont marquées. */
export function graphPoints(graph: GraphData, started: ReadonlySet<string>): FeatureCollection<GraphPointFeature> {
  const features: GraphPointFeature[] = [];
  for (const n of graph.nodes) {
    if (!isOrganisation(n.kind) || n.latitude === null || n.latitude === undefined || n.longitude === null || n.longitude === undefined) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [n.longitude, n.latitude] },
      properties: { id: n.id, label: n.label, started: started.has(n.id) },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * L'adresse des tuiles des sites en vigueur à une date, dans un territoire ou
 * partout (le serveur filtre : ses groupes ne comptent que les sites du territoire).
 */
export function sitesTilesUrl(origin: string, asOf: string, territory: TerritoryRef | null): string {
  const query = new URLSearchParams({ asOf });
  if (territory !== null) query.set('territory', `${territory.kind}:${territory.code}`);
  return `${origin}/tiles/sites/{z}/{x}/{y}.mvt?${query.toString()}`;
}

/** Le nombre de sites d'un groupe, abrégé comme sur la carte (1,2k ; 12k). */
export function abbreviatedCount(count: number): string {
  if (count >= 10000) return `${String(Math.round(count / 1000))}k`;
  if (count >= 1000) return `${String(Math.round(count / 100) / 10)}k`;
  return String(count);
}

/** Ce qui identifie un chargement des sites : la date et le territoire. */
export function sitesKey(asOf: string, territory: TerritoryRef | null): string {
  return `${asOf}|${territory?.kind ?? ''}:${territory?.code ?? ''}`;
}

/** Les positions d'une géométrie GeoJSON, à toute profondeur. */
function collect(coords: unknown, out: [number, number][]): void {
  if (Array.isArray(coords) && typeof coords[0] === 'number' && typeof coords[1] === 'number') {
    out.push([coords[0], coords[1]]);
  } else if (Array.isArray(coords)) {
    for (const c of coords) collect(c, out);
  }
}

/** L'emprise de géométries GeoJSON (contours d'un territoire, lignes d'un chemin) ; null si vide. */
export function geometryBounds(geometries: readonly object[]): Bounds | null {
  const points: [number, number][] = [];
  for (const g of geometries) if ('coordinates' in g) collect(g.coordinates, points);
  return boundsOf(points);
}

/** Un clic sur le fond choisit un territoire : région en vue large, département au-delà. */
export function territoryLayerAt(zoom: number): { readonly layer: 'regions-hit' | 'departements-fill'; readonly kind: 'REGION' | 'DEPARTMENT' } {
  return zoom >= 6.5 ? { layer: 'departements-fill', kind: 'DEPARTMENT' } : { layer: 'regions-hit', kind: 'REGION' };
}

/** Le texte de survol d'un objet de la carte. */
export function hoverText(layer: string, properties: Readonly<Record<string, unknown>>): string {
  if (layer === 'clusters') return `${String(properties['point_count'])} sites`;
  return [properties['label'], properties['finess'], properties['category']].filter((x) => typeof x === 'string' && x !== '').join(' · ');
}

export interface FlyRequest {
  readonly selection?: string;
  readonly center?: [number, number];
  readonly zoom?: number;
}

export type FlyAction =
  | { readonly kind: 'center'; readonly center: [number, number]; readonly zoom: number }
  | { readonly kind: 'fit'; readonly bounds: Bounds };

/**
 * Le cadrage à faire pour une demande : sur un point tout de suite, sur la
 * sélection dès que ses coopérations sont là (null : pas encore).
 */
export function flyAction(request: FlyRequest, selected: string | null, selectionBounds: Bounds | null): FlyAction | null {
  if (request.center !== undefined) return { kind: 'center', center: request.center, zoom: request.zoom ?? 10 };
  if (request.selection === undefined || request.selection !== selected || selectionBounds === null) return null;
  const [w, s, e, n] = selectionBounds;
  if (w === e && s === n) return { kind: 'center', center: [w, s], zoom: 11 };
  return { kind: 'fit', bounds: selectionBounds };
}
