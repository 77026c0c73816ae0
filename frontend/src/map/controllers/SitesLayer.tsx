import * as maplibregl from 'maplibre-gl';
import { useEffect, useEffectEvent } from 'react';
import { abbreviatedCount, sitesTilesUrl } from '../../core/mapModel.ts';
import type { TerritoryRef } from '../../core/urlState.ts';
import { removeLayers, useMap } from '../mapContext.ts';
import { SITE_COLOR, SITES_MAX_ZOOM } from '../mapStyle.ts';

export interface SitesLayerProps {
  readonly asOf: string;
  readonly territory: TerritoryRef | null;
  /** Les sites de la vue sont dessinés ; drawn : combien (un groupe compte ses sites). */
  readonly onLoaded: (drawn: number) => void;
}

const LAYERS = ['clusters', 'sites'];

/**
 * Tous les sites en vigueur à une date (95 000 points), en tuiles vectorielles
 * servies par Maillage (/tiles/sites) : groupés par le serveur en vue large
 * (point_count), un à un de près. Une date ou un territoire : une instance (clé).
 */
export function SitesLayer({ asOf, territory, onLoaded }: SitesLayerProps) {
  const map = useMap();
  const loaded = useEffectEvent(onLoaded);
  useEffect(() => {
    map.addSource('sites', {
      type: 'vector',
      tiles: [sitesTilesUrl(window.location.origin, asOf, territory)],
      maxzoom: SITES_MAX_ZOOM,
    });
    const before = map.getLayer('graph-links') === undefined ? undefined : 'graph-links';
    map.addLayer(
      {
        id: 'clusters',
        type: 'circle',
        source: 'sites',
        'source-layer': 'sites',
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
        'source-layer': 'sites',
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

    // Nombre de sites de chaque groupe dessiné, en HTML (pas de police de glyphes à charger).
    let counts = new Map<number, maplibregl.Marker>();
    const update = () => {
      if (map.getSource('sites') === undefined || !map.isSourceLoaded('sites')) return;
      const next = new Map<number, maplibregl.Marker>();
      let drawn = 0;
      for (const f of map.queryRenderedFeatures({ layers: LAYERS })) {
        const props = f.properties as Record<string, unknown>;
        const count = props['point_count'];
        const id = props['cluster_id'];
        if (typeof count !== 'number' || typeof id !== 'number') {
          drawn += 1;
          continue;
        }
        if (next.has(id) || f.geometry.type !== 'Point') continue;
        drawn += count;
        let marker = counts.get(id);
        if (marker === undefined) {
          const el = document.createElement('div');
          el.className = 'cluster-count';
          el.textContent = abbreviatedCount(count);
          marker = new maplibregl.Marker({ element: el }).setLngLat(f.geometry.coordinates as [number, number]).addTo(map);
        }
        next.set(id, marker);
      }
      for (const [id, marker] of counts) if (!next.has(id)) marker.remove();
      counts = next;
      // La vue dessinée, pour les tests de bout en bout (où cliquer un site).
      const c = map.getCenter();
      map.getContainer().dataset['view'] = `${c.lng.toFixed(6)},${c.lat.toFixed(6)},${map.getZoom().toFixed(4)}`;
      loaded(drawn);
    };
    // Les tuiles des sites arrivent : la première image dessinée une fois toutes là
    // les montre (sans attendre « idle », qui attend aussi les contours).
    let arrived = false;
    const onSourceData = (e: maplibregl.MapSourceDataEvent) => {
      if (e.sourceId === 'sites') arrived = true;
    };
    const onRender = () => {
      if (arrived && map.getSource('sites') !== undefined && map.isSourceLoaded('sites')) {
        arrived = false;
        update();
      }
    };
    map.on('sourcedata', onSourceData);
    map.on('render', onRender);
    map.on('moveend', update);
    map.on('idle', update);
    return () => {
      map.off('sourcedata', onSourceData);
      map.off('render', onRender);
      map.off('moveend', update);
      map.off('idle', update);
      for (const marker of counts.values()) marker.remove();
      removeLayers(map, LAYERS, ['sites']);
    };
  }, [map, asOf, territory]);
  return null;
}
