import { useEffect } from 'react';
import type { TerritoryRef } from '../../core/urlState.ts';
import { useMap } from '../mapContext.ts';

/** Le territoire choisi en surbrillance sur les contours. */
export function Boundaries({ territory }: { readonly territory: TerritoryRef | null }) {
  const map = useMap();
  useEffect(() => {
    map.setFilter('departements-selected', ['==', ['get', 'code'], territory?.kind === 'DEPARTMENT' ? territory.code : '']);
    map.setFilter('regions-selected', ['==', ['get', 'code'], territory?.kind === 'REGION' ? territory.code : '']);
  }, [map, territory]);
  return null;
}
