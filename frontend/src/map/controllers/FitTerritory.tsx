import { useEffect } from 'react';
import type { TerritoryRef } from '../../core/urlState.ts';
import { useMap } from '../mapContext.ts';
import { territoryBounds } from '../territoryBounds.ts';

/** Territoire choisi : la carte le cadre. */
export function FitTerritory({ territory }: { readonly territory: TerritoryRef | null }) {
  const map = useMap();
  useEffect(() => {
    if (territory === null) return undefined;
    let current = true;
    void territoryBounds(territory).then((bounds) => {
      if (current && bounds !== null) map.fitBounds(bounds, { padding: 30, duration: 600 });
    });
    return () => {
      current = false;
    };
  }, [map, territory]);
  return null;
}
