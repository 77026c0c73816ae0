import * as maplibregl from 'maplibre-gl';
import { useEffect, useEffectEvent } from 'react';
import { territoryFilter } from '../../core/mapModel.ts';
import type { TerritoryRef } from '../../core/urlState.ts';
import { removeLayers, useMap } from '../mapContext.ts';
import { SITE_COLOR, sitesUrl } from '../mapStyle.ts';

export interface SitesLayerProps {
  readonly asOf: string;
  readonly territory: TerritoryRef | null;
  /** Les sites sont chargés et dessinés. */
  readonly onLoaded: () => void;
}

/**
 * Tous les sites en vigueur à une date (95 000 points), regroupés ; lus par
 * MapLibre dans son worker. Une date ou un territoire : une instance (clé).
 */
export function SitesLayer({ asOf, territory, onLoaded }: SitesLayerProps) {
  const map = useMap();
  const loaded = useEffectEvent(onLoaded);
  useEffect(() => {
    const filter = territoryFilter(territory);
    map.addSource('sites', {
      type: 'geojson',
      data: sitesUrl(asOf),
      cluster: true,
      clusterRadius: 38,
      clusterMaxZoom: 9,
      ...(filter === null ? {} : { filter }),
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
    const onSourceData = (e: maplibregl.MapSourceDataEvent) => {
      if (e.sourceId === 'sites' && e.isSourceLoaded && map.getSource('sites') !== undefined) {
        loaded();
        updateCounts();
      }
    };
    map.on('moveend', updateCounts);
    map.on('sourcedata', onSourceData);
    return () => {
      map.off('moveend', updateCounts);
      map.off('sourcedata', onSourceData);
      for (const marker of counts.values()) marker.remove();
      removeLayers(map, ['clusters', 'sites'], ['sites']);
    };
  }, [map, asOf, territory]);
  return null;
}
