/**
 * Les coopérations de la sélection dessinées sur la carte : des segments
 * entre sites. Pour un objet de coopération (GHT, convention…), une étoile
 * depuis le barycentre de ses participants ; pour une organisation, un
 * segment vers chaque partenaire.
 */
import { isOrganisation, neighbours, partners, type GNode, type GraphData } from './graphModel.ts';

export interface LineFeature {
  readonly type: 'Feature';
  readonly geometry: { readonly type: 'LineString'; readonly coordinates: [number, number][] };
  readonly properties: { readonly from: string; readonly to: string; readonly kind: string };
}

export interface PointFeature {
  readonly type: 'Feature';
  readonly geometry: { readonly type: 'Point'; readonly coordinates: [number, number] };
  readonly properties: { readonly id: string; readonly label: string; readonly kind: string; readonly role: string };
}

export interface FeatureCollection<F> {
  readonly type: 'FeatureCollection';
  readonly features: F[];
}

function position(node: GNode | undefined): [number, number] | null {
  if (node?.latitude === null || node?.latitude === undefined) return null;
  if (node.longitude === null || node.longitude === undefined) return null;
  return [node.longitude, node.latitude];
}

export interface SelectionGeometry {
  readonly links: FeatureCollection<LineFeature>;
  readonly points: FeatureCollection<PointFeature>;
  /** Emprise [ouest, sud, est, nord] des points, pour cadrer la carte. */
  readonly bounds: [number, number, number, number] | null;
}

export function selectionGeometry(graph: GraphData, selected: string | null): SelectionGeometry {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const links: LineFeature[] = [];
  const points: PointFeature[] = [];
  const self = selected === null ? undefined : byId.get(selected);
  if (selected !== null && self !== undefined) {
    const others = [...(isOrganisation(self.kind) ? partners(graph, selected) : neighbours(graph, selected))]
      .map((id) => byId.get(id))
      .filter((n): n is GNode => n !== undefined && position(n) !== null);
    let origin = position(self);
    if (origin === null && others.length > 0) {
      const sum = others.reduce<[number, number]>(
        (acc, n) => {
          const p = position(n) ?? [0, 0];
          return [acc[0] + p[0], acc[1] + p[1]];
        },
        [0, 0],
      );
      origin = [sum[0] / others.length, sum[1] / others.length];
    }
    if (origin !== null) {
      points.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: origin },
        properties: { id: self.id, label: self.label, kind: self.kind, role: 'selected' },
      });
      for (const other of others) {
        const p = position(other);
        if (p === null) continue;
        points.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: p },
          properties: { id: other.id, label: other.label, kind: other.kind, role: 'partner' },
        });
        links.push({
          type: 'Feature',
          geometry: { type: 'LineString', coordinates: arc(origin, p) },
          properties: { from: self.id, to: other.id, kind: self.kind },
        });
      }
    }
  }
  return { links: { type: 'FeatureCollection', features: links }, points: { type: 'FeatureCollection', features: points }, bounds: boundsOf(points.map((p) => p.geometry.coordinates)) };
}

/** Un chemin (nœuds dans l'ordre) en ligne brisée entre les organisations placées. */
export function pathGeometry(path: GraphData | null): FeatureCollection<LineFeature> {
  if (path === null) return { type: 'FeatureCollection', features: [] };
  const placed = path.nodes.filter((n) => isOrganisation(n.kind)).map((n) => ({ n, p: position(n) }));
  const features: LineFeature[] = [];
  for (let i = 1; i < placed.length; i++) {
    const a = placed[i - 1];
    const b = placed[i];
    if (a?.p === null || b?.p === null || a === undefined || b === undefined) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [a.p, b.p] },
      properties: { from: a.n.id, to: b.n.id, kind: 'PATH' },
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Un arc entre deux points (courbe de Bézier quadratique) : les liens qui
 * partent d'un même point restent lisibles quand ils se superposent.
 */
export function arc(a: [number, number], b: [number, number], bend = 0.18, segments = 16): [number, number][] {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  if (dx === 0 && dy === 0) return [a, b];
  const control: [number, number] = [(a[0] + b[0]) / 2 - dy * bend, (a[1] + b[1]) / 2 + dx * bend];
  const points: [number, number][] = [];
  for (let i = 0; i <= segments; i++) {
    const t = i / segments;
    const u = 1 - t;
    points.push([u * u * a[0] + 2 * u * t * control[0] + t * t * b[0], u * u * a[1] + 2 * u * t * control[1] + t * t * b[1]]);
  }
  return points;
}

export function boundsOf(coords: readonly [number, number][]): [number, number, number, number] | null {
  if (coords.length === 0) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of coords) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return [w, s, e, n];
}
