import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect } from 'react';
import type { TerritoryRef } from '../../core/urlState.ts';
import { useMap } from '../mapContext.ts';
import { DEPARTEMENTS_URL } from '../mapStyle.ts';

/** Les contours : les départements (plus lourds) après le premier affichage ; le territoire choisi en surbrillance. */
export function Boundaries({ territory }: { readonly territory: TerritoryRef | null }) {
  const map = useMap();
  useEffect(() => {
    void map.getSource<GeoJSONSource>('departements')?.setData(DEPARTEMENTS_URL);
  }, [map]);
  useEffect(() => {
    map.setFilter('departements-selected', ['==', ['get', 'code'], territory?.kind === 'DEPARTMENT' ? territory.code : '']);
    map.setFilter('regions-selected', ['==', ['get', 'code'], territory?.kind === 'REGION' ? territory.code : '']);
  }, [map, territory]);
  return null;
}
