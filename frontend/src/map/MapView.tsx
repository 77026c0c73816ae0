import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, LngLatBoundsLike, MapGeoJSONFeature } from 'maplibre-gl';
import type * as GeoJSON from 'geojson';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { FAMILY_COLORS, FAMILY_ORDER } from '../core/categories.ts';
import { isOrganisation, type GraphData } from '../core/graphModel.ts';
import { pathGeometry, selectionGeometry } from '../core/mapLinks.ts';
import type { TerritoryRef } from '../core/urlState.ts';
import { useMessages } from '../app/messages.ts';
import type { FlyTo, PngExporter } from '../app/viewTypes.ts';
import { baseStyle, DEPARTEMENTS_URL, SITE_COLOR, sitesUrl } from './mapStyle.ts';

maplibregl.setWorkerUrl(workerUrl);

const FRANCE: LngLatBoundsLike = [
  [-5.2, 41.3],
  [9.6, 51.1],
];

export interface MapViewProps {
  readonly asOf: string;
  /** Faux pendant l'animation : on ne recharge pas les 95 000 sites à chaque pas. */
  readonly settled: boolean;
  readonly territory: TerritoryRef | null;
  readonly graph: GraphData;
  readonly selected: string | null;
  readonly hovered: string | null;
  readonly path: GraphData | null;
  readonly started: ReadonlySet<string>;
  readonly flyTo: FlyTo | null;
  readonly onSelect: (id: string | null) => void;
  readonly onTerritory: (territory: TerritoryRef | null) => void;
  readonly registerExport: (fn: PngExporter | null) => void;
  /** Vue partagée avec le réseau : légende repliée au départ. */
  readonly compact: boolean;
}

type Collection = GeoJSON.FeatureCollection;
const EMPTY: Collection = { type: 'FeatureCollection', features: [] };

function territoryFilter(territory: TerritoryRef | null): maplibregl.FilterSpecification | undefined {
  if (territory === null) return undefined;
  const property = territory.kind === 'REGION' ? 'region' : territory.kind === 'COMMUNE' ? 'commune' : 'department';
  return ['==', ['get', property], territory.code];
}

function graphPoints(graph: GraphData, started: ReadonlySet<string>): Collection {
  const features: GeoJSON.Feature[] = [];
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

function addSitesSource(map: maplibregl.Map, asOf: string, territory: TerritoryRef | null): void {
  const filter = territoryFilter(territory);
  map.addSource('sites', {
    type: 'geojson',
    data: sitesUrl(asOf),
    cluster: true,
    clusterRadius: 38,
    clusterMaxZoom: 9,
    ...(filter === undefined ? {} : { filter }),
  });
  const before = map.getLayer('graph-links') === undefined ? undefined : 'graph-links';
  map.addLayer(
    {
      id: 'clusters',
      type: 'circle',
      source: 'sites',
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#0e7490',
        'circle-opacity': 0.35,
        'circle-stroke-color': '#0e7490',
        'circle-stroke-width': 1,
        'circle-radius': ['step', ['get', 'point_count'], 8, 50, 12, 300, 17, 1500, 23, 6000, 30],
      },
    },
    before,
  );
  map.addLayer(
    {
      id: 'sites',
      type: 'circle',
      source: 'sites',
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': SITE_COLOR as maplibregl.ExpressionSpecification,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 2.5, 12, 5],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 0.6,
      },
    },
    before,
  );
}

function removeSitesSource(map: maplibregl.Map): void {
  for (const layer of ['clusters', 'sites']) if (map.getLayer(layer) !== undefined) map.removeLayer(layer);
  if (map.getSource('sites') !== undefined) map.removeSource('sites');
}

/** La carte : fond local, sites regroupés, organisations du graphe, coopérations de la sélection, chemin. */
export default function MapView(props: MapViewProps) {
  const { asOf, settled, territory, graph, selected, path, started, flyTo, onSelect, onTerritory, registerExport } = props;
  const m = useMessages();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [sitesReady, setSitesReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const [loadError, setLoadError] = useState(false);
  const [tooltip, setTooltip] = useState<{ x: number; y: number; text: string } | null>(null);
  const sitesKey = useRef<string>('');
  const clearCounts = useRef<() => void>(() => undefined);
  const [baseReady, setBaseReady] = useState(false);
  const callbacks = useRef({ onSelect, onTerritory, registerExport });
  useEffect(() => {
    callbacks.current = { onSelect, onTerritory, registerExport };
  });

  // Création de la carte (une fois).
  useEffect(() => {
    if (container.current === null) return undefined;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container: container.current,
        style: baseStyle(),
        bounds: FRANCE,
        attributionControl: false,
        canvasContextAttributes: { preserveDrawingBuffer: true },
        dragRotate: false,
        pitchWithRotate: false,
      });
    } catch {
      // WebGL indisponible : on le dit, une fois, au lieu de la carte.
      // eslint-disable-next-line react-hooks/set-state-in-effect -- échec de création, à montrer
      setFailed(true);
      return undefined;
    }
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    map.keyboard.enable();
    map.on('load', () => {
      void map.getSource<GeoJSONSource>('departements')?.setData(DEPARTEMENTS_URL);
      map.addSource('graph', { type: 'geojson', data: EMPTY });
      map.addSource('links', { type: 'geojson', data: EMPTY });
      map.addSource('selection', { type: 'geojson', data: EMPTY });
      map.addSource('path', { type: 'geojson', data: EMPTY });
      map.addLayer({ id: 'graph-links', type: 'line', source: 'links', paint: { 'line-color': '#7c3aed', 'line-width': 2, 'line-opacity': 0.75 } });
      map.addLayer({ id: 'path-line', type: 'line', source: 'path', paint: { 'line-color': '#dc2626', 'line-width': 4, 'line-dasharray': [2, 1] } });
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
      setLoaded(true);
      setBaseReady(true);
    });
    // Nombre de sites de chaque groupe, en HTML (pas de police de glyphes à charger).
    let counts = new Map<number, maplibregl.Marker>();
    const updateCounts = () => {
      const next = new Map<number, maplibregl.Marker>();
      if (map.getSource('sites') !== undefined && map.isSourceLoaded('sites')) {
        for (const f of map.querySourceFeatures('sites')) {
          const props = f.properties as Record<string, unknown>;
          const id = props['cluster_id'];
          if (typeof id !== 'number' || next.has(id) || f.geometry.type !== 'Point') continue;
          let marker = counts.get(id);
          if (marker === undefined) {
            const el = document.createElement('div');
            el.className = 'cluster-count';
            const label = props['point_count_abbreviated'];
            el.textContent = typeof label === 'string' || typeof label === 'number' ? String(label) : '';
            marker = new maplibregl.Marker({ element: el }).setLngLat(f.geometry.coordinates as [number, number]).addTo(map);
          }
          next.set(id, marker);
        }
      }
      for (const [id, marker] of counts) if (!next.has(id)) marker.remove();
      counts = next;
    };
    clearCounts.current = () => {
      for (const marker of counts.values()) marker.remove();
      counts = new Map();
    };
    map.on('moveend', updateCounts);
    map.on('sourcedata', (e) => {
      if (e.sourceId === 'sites' && e.isSourceLoaded && map.getSource('sites') !== undefined) {
        setSitesReady(true);
        updateCounts();
      }
    });
    map.on('error', (e) => {
      // Une couche qui ne charge pas (API injoignable) : message visible, pas d'erreur console.
      console.warn('carte :', e.error.message);
      if ('sourceId' in e) setLoadError(true);
    });

    const interactive = ['selection-points', 'graph-sites', 'sites', 'clusters'];
    const pick = (point: maplibregl.PointLike): MapGeoJSONFeature | undefined =>
      map.queryRenderedFeatures(point, { layers: interactive.filter((l) => map.getLayer(l) !== undefined) })[0];

    map.on('click', (e) => {
      const feature = pick(e.point);
      if (feature !== undefined) {
        if (feature.layer.id === 'clusters') {
          const source = map.getSource<GeoJSONSource>('sites');
          const clusterId = feature.properties['cluster_id'] as number;
          void source?.getClusterExpansionZoom(clusterId).then((zoom) => {
            map.easeTo({ center: (feature.geometry as GeoJSON.Point).coordinates as [number, number], zoom });
          });
          return;
        }
        const id: unknown = feature.properties['id'];
        if (typeof id === 'string') callbacks.current.onSelect(id);
        return;
      }
      // Un clic sur le fond choisit un territoire : région en vue large, département au-delà.
      const department = map.getZoom() >= 6.5;
      const hit = map.queryRenderedFeatures(e.point, { layers: [department ? 'departements-fill' : 'regions-hit'] })[0];
      const code: unknown = hit?.properties['code'];
      if (typeof code === 'string') callbacks.current.onTerritory({ kind: department ? 'DEPARTMENT' : 'REGION', code });
    });
    map.on('mousemove', (e) => {
      const feature = pick(e.point);
      map.getCanvas().style.cursor = feature === undefined ? '' : 'pointer';
      if (feature === undefined) {
        setTooltip(null);
        return;
      }
      const props = feature.properties;
      const text =
        feature.layer.id === 'clusters'
          ? `${String(props['point_count'])} sites`
          : [props['label'], props['finess'], props['category']].filter((x) => typeof x === 'string' && x !== '').join(' · ');
      setTooltip({ x: e.point.x, y: e.point.y, text });
    });
    map.on('mouseout', () => {
      setTooltip(null);
    });

    callbacks.current.registerExport(
      () =>
        new Promise<Blob>((resolve, reject) => {
          map.once('render', () => {
            map.getCanvas().toBlob((blob) => {
              if (blob === null) reject(new Error('export PNG impossible'));
              else resolve(blob);
            }, 'image/png');
          });
          map.triggerRepaint();
        }),
    );
    return () => {
      callbacks.current.registerExport(null);
      mapRef.current = null;
      sitesKey.current = '';
      setLoaded(false);
      map.remove();
    };
  }, []);

  // Sites : (re)chargés quand la date se pose ou que le territoire change.
  useEffect(() => {
    const map = mapRef.current;
    if (map === null || !loaded || !settled) return;
    const key = `${asOf}|${territory?.kind ?? ''}:${territory?.code ?? ''}`;
    if (key === sitesKey.current) return;
    sitesKey.current = key;
    setSitesReady(false);
    clearCounts.current();
    removeSitesSource(map);
    addSitesSource(map, asOf, territory);
  }, [loaded, asOf, territory, settled]);

  // Territoire choisi : surbrillance et cadrage.
  useEffect(() => {
    const map = mapRef.current;
    if (map === null || !loaded) return;
    map.setFilter('departements-selected', ['==', ['get', 'code'], territory?.kind === 'DEPARTMENT' ? territory.code : '']);
    map.setFilter('regions-selected', ['==', ['get', 'code'], territory?.kind === 'REGION' ? territory.code : '']);
    if (territory === null) return;
    const source = territory.kind === 'REGION' ? 'regions' : 'departements';
    const fit = () => {
      const features = map.querySourceFeatures(source).filter((f) => f.properties['code'] === territory.code);
      const bounds = new maplibregl.LngLatBounds();
      for (const f of features) extendBounds(bounds, f.geometry);
      if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 30, duration: 600 });
    };
    if (map.isSourceLoaded(source)) fit();
    else map.once('idle', fit);
  }, [loaded, territory]);

  const selection = useMemo(() => selectionGeometry(graph, selected), [graph, selected]);
  const pathLines = useMemo(() => pathGeometry(path), [path]);
  const points = useMemo(() => graphPoints(graph, started), [graph, started]);

  // Un chemin trouvé : la carte le cadre.
  useEffect(() => {
    const map = mapRef.current;
    if (map === null || !loaded || pathLines.features.length === 0) return;
    const bounds = new maplibregl.LngLatBounds();
    for (const f of pathLines.features) for (const c of f.geometry.coordinates) bounds.extend(c);
    map.fitBounds(bounds, { padding: 80, maxZoom: 11, duration: 700 });
  }, [loaded, pathLines]);

  useEffect(() => {
    const map = mapRef.current;
    if (map === null || !loaded) return;
    void map.getSource<GeoJSONSource>('graph')?.setData(points);
    void map.getSource<GeoJSONSource>('links')?.setData(selection.links);
    void map.getSource<GeoJSONSource>('selection')?.setData(selection.points);
    void map.getSource<GeoJSONSource>('path')?.setData(pathLines);
  }, [loaded, points, selection, pathLines]);

  // Cadrage demandé par la recherche : sur la sélection dès que ses coopérations sont là.
  const pendingFly = useRef<FlyTo | null>(null);
  useEffect(() => {
    pendingFly.current = flyTo;
  }, [flyTo]);
  useEffect(() => {
    const map = mapRef.current;
    const request = pendingFly.current;
    if (map === null || !loaded || request === null) return;
    if (request.center !== undefined) {
      map.flyTo({ center: request.center, zoom: request.zoom ?? 10 });
      pendingFly.current = null;
      return;
    }
    if (request.selection !== undefined && request.selection === selected && selection.bounds !== null) {
      const [w, s, e, n] = selection.bounds;
      if (w === e && s === n) map.flyTo({ center: [w, s], zoom: 11 });
      else map.fitBounds([w, s, e, n], { padding: 60, maxZoom: 11, duration: 700 });
      pendingFly.current = null;
    }
  }, [loaded, flyTo, selection, selected]);

  const ready = loaded && sitesReady;
  return (
    <div
      className="map"
      data-testid="map"
      data-ready={ready ? 'true' : 'false'}
      data-base-ready={baseReady ? 'true' : 'false'}
      data-selection-links={selection.links.features.length}
      data-graph-points={points.features.length}
      data-path-segments={pathLines.features.length}
    >
      <div ref={container} className="map__canvas" />
      {failed && <p className="notice notice--error">{m.map.unavailable}</p>}
      {!ready && !failed && !loadError && <p className="map__status status">{loaded ? m.map.sitesLoading : m.map.loading}</p>}
      {loadError && (
        <p className="map__status notice notice--error" role="alert">
          {m.map.loadError}
        </p>
      )}
      {tooltip !== null && (
        <div className="tooltip" style={{ left: tooltip.x + 12, top: tooltip.y + 12 }} role="presentation">
          {tooltip.text}
        </div>
      )}
      <details className="legend legend--map" open={!props.compact}>
        <summary>{m.map.legendTitle}</summary>
        <ul>
          {FAMILY_ORDER.map((f) => (
            <li key={f}>
              <span className="swatch" style={{ background: FAMILY_COLORS[f] }} />
              {m.map.families[f]}
            </li>
          ))}
          <li>
            <span className="swatch swatch--ring" />
            {m.map.graphSites}
          </li>
          <li>
            <span className="swatch swatch--line" style={{ background: '#7c3aed' }} />
            {m.map.selectionLinks}
          </li>
          <li>
            <span className="swatch swatch--line" style={{ background: '#dc2626' }} />
            {m.map.path}
          </li>
        </ul>
      </details>
      <p className="map__hint">{m.territory.mapHint}</p>
    </div>
  );
}

function extendBounds(bounds: maplibregl.LngLatBounds, geometry: GeoJSON.Geometry): void {
  const visit = (coords: unknown): void => {
    if (Array.isArray(coords) && typeof coords[0] === 'number' && typeof coords[1] === 'number') {
      bounds.extend([coords[0], coords[1]]);
    } else if (Array.isArray(coords)) {
      for (const c of coords) visit(c);
    }
  };
  if ('coordinates' in geometry) visit(geometry.coordinates);
}
