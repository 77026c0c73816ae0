import type * as GeoJSON from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect } from 'react';
import type { FeatureCollection, LineFeature, SelectionGeometry } from '../../core/mapLinks.ts';
import type { GraphPointFeature } from '../../core/mapModel.ts';
import { removeLayers, useMap } from '../mapContext.ts';

export const SELECTION_COLOR = '#7c3aed';
export const PATH_COLOR = '#dc2626';

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
const SOURCES = ['graph', 'links', 'selection', 'path'] as const;
/** De bas en haut ; les sites regroupés passent dessous (voir SitesLayer). */
export const GRAPH_LAYERS = ['graph-links', 'path-line', 'graph-sites', 'selection-points'] as const;

export interface GraphLayersProps {
  readonly points: FeatureCollection<GraphPointFeature>;
  readonly selection: SelectionGeometry;
  readonly path: FeatureCollection<LineFeature>;
}

/** Les organisations du graphe, les coopérations de la sélection et le chemin, par-dessus les sites. */
export function GraphLayers({ points, selection, path }: GraphLayersProps) {
  const map = useMap();
  useEffect(() => {
    for (const source of SOURCES) map.addSource(source, { type: 'geojson', data: EMPTY });
    map.addLayer({ id: 'graph-links', type: 'line', source: 'links', paint: { 'line-color': SELECTION_COLOR, 'line-width': 2, 'line-opacity': 0.75 } });
    map.addLayer({ id: 'path-line', type: 'line', source: 'path', paint: { 'line-color': PATH_COLOR, 'line-width': 4, 'line-dasharray': [2, 1] } });
    map.addLayer({
      id: 'graph-sites',
      type: 'circle',
      source: 'graph',
      paint: {
        'circle-radius': 5,
        'circle-color': ['case', ['get', 'started'], '#16a34a', '#ffffff'],
        'circle-stroke-color': ['case', ['get', 'started'], '#166534', '#0e7490'],
        'circle-stroke-width': 2,
      },
    });
    map.addLayer({
      id: 'selection-points',
      type: 'circle',
      source: 'selection',
      paint: {
        'circle-radius': ['case', ['==', ['get', 'role'], 'selected'], 9, 5],
        'circle-color': ['case', ['==', ['get', 'role'], 'selected'], '#facc15', '#ffffff'],
        'circle-stroke-color': ['case', ['==', ['get', 'role'], 'selected'], '#1e1b4b', '#6d28d9'],
        'circle-stroke-width': ['case', ['==', ['get', 'role'], 'selected'], 2, 3],
      },
    });
    return () => {
      removeLayers(map, GRAPH_LAYERS, SOURCES);
    };
  }, [map]);
  useEffect(() => {
    void map.getSource<GeoJSONSource>('graph')?.setData(points);
    void map.getSource<GeoJSONSource>('links')?.setData(selection.links);
    void map.getSource<GeoJSONSource>('selection')?.setData(selection.points);
    void map.getSource<GeoJSONSource>('path')?.setData(path);
  }, [map, points, selection, path]);
  return null;
}
