import type { MapGeoJSONFeature, MapLayerMouseEvent, MapMouseEvent, PointLike } from 'maplibre-gl';
import type * as GeoJSON from 'geojson';
import { useEffect, useEffectEvent, useState } from 'react';
import { hoverText, territoryLayerAt } from '../../core/mapModel.ts';
import type { TerritoryRef } from '../../core/urlState.ts';
import { useMap } from '../mapContext.ts';

const INTERACTIVE = ['selection-points', 'graph-sites', 'sites', 'clusters'];

export interface InteractionsProps {
  readonly onSelect: (id: string) => void;
  readonly onTerritory: (territory: TerritoryRef) => void;
}

/**
 * Clic : un site ou une organisation se choisit, un groupe s'ouvre, le fond
 * choisit un territoire. Survol : curseur et bulle.
 */
export function Interactions({ onSelect, onTerritory }: InteractionsProps) {
  const map = useMap();
  const [tooltip, setTooltip] = useState<{ x: number; y: number; text: string } | null>(null);
  const select = useEffectEvent(onSelect);
  const chooseTerritory = useEffectEvent(onTerritory);
  useEffect(() => {
    const pick = (point: PointLike): MapGeoJSONFeature | undefined =>
      map.queryRenderedFeatures(point, { layers: INTERACTIVE.filter((l) => map.getLayer(l) !== undefined) })[0];
    const onClick = (e: MapMouseEvent) => {
      const feature = pick(e.point);
      if (feature !== undefined) {
        if (feature.layer.id === 'clusters') {
          // Un groupe du serveur couvre un huitième de tuile : deux crans plus près, il se divise.
          map.easeTo({ center: (feature.geometry as GeoJSON.Point).coordinates as [number, number], zoom: map.getZoom() + 2 });
          return;
        }
        const id: unknown = feature.properties['id'];
        if (typeof id === 'string') select(id);
        return;
      }
      const target = territoryLayerAt(map.getZoom());
      const hit = map.queryRenderedFeatures(e.point, { layers: [target.layer] })[0];
      const code: unknown = hit?.properties['code'];
      if (typeof code === 'string') chooseTerritory({ kind: target.kind, code });
    };
    const onMove = (e: MapLayerMouseEvent | MapMouseEvent) => {
      const feature = pick(e.point);
      map.getCanvas().style.cursor = feature === undefined ? '' : 'pointer';
      setTooltip(feature === undefined ? null : { x: e.point.x, y: e.point.y, text: hoverText(feature.layer.id, feature.properties) });
    };
    const onOut = () => {
      setTooltip(null);
    };
    map.on('click', onClick);
    map.on('mousemove', onMove);
    map.on('mouseout', onOut);
    return () => {
      map.off('click', onClick);
      map.off('mousemove', onMove);
      map.off('mouseout', onOut);
    };
  }, [map]);
  if (tooltip === null) return null;
  return (
    <div className="tooltip" style={{ left: tooltip.x + 12, top: tooltip.y + 12 }} role="presentation">
      {tooltip.text}
    </div>
  );
}
