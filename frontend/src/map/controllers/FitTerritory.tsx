import { useEffect } from 'react';
import { geometryBounds } from '../../core/mapModel.ts';
import type { TerritoryRef } from '../../core/urlState.ts';
import { useMap } from '../mapContext.ts';

/** Territoire choisi : la carte le cadre (dès que ses contours sont chargés). */
export function FitTerritory({ territory }: { readonly territory: TerritoryRef | null }) {
  const map = useMap();
  useEffect(() => {
    if (territory === null) return undefined;
    const source = territory.kind === 'REGION' ? 'regions' : 'departements';
    const fit = () => {
      const features = map.querySourceFeatures(source).filter((f) => f.properties['code'] === territory.code);
      const bounds = geometryBounds(features.map((f) => f.geometry));
      if (bounds !== null) map.fitBounds(bounds, { padding: 30, duration: 600 });
    };
    if (map.isSourceLoaded(source)) {
      fit();
      return undefined;
    }
    map.once('idle', fit);
    return () => {
      map.off('idle', fit);
    };
  }, [map, territory]);
  return null;
}
