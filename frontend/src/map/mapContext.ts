import type { Map as MapLibreMap } from 'maplibre-gl';
import { createContext, use } from 'react';

/** La carte MapLibre, une fois son style chargé : les contrôleurs de src/map/controllers la lisent. */
export const MapContext = createContext<MapLibreMap | null>(null);

export function useMap(): MapLibreMap {
  const map = use(MapContext);
  if (map === null) throw new Error('useMap hors de <MapContext>');
  return map;
}

/** Retire des couches puis leur source, si elles sont encore là (la carte a pu être détruite avant). */
export function removeLayers(map: MapLibreMap, layers: readonly string[], sources: readonly string[]): void {
  for (const layer of layers) if (map.getLayer(layer) !== undefined) map.removeLayer(layer);
  for (const source of sources) if (map.getSource(source) !== undefined) map.removeSource(source);
}
