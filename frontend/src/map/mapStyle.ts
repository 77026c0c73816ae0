import type { StyleSpecification } from 'maplibre-gl';
import { familyColorExpression } from '../core/categories.ts';

/**
 * Le style de la carte, construit ici : aucune tuile, police ni sprite
 * distants. Fond : les contours des régions et départements servis par
 * Maillage. Un fond raster peut être ajouté en fixant VITE_RASTER_TILE_URL
 * à la construction (désactivé par défaut).
 */
export const RASTER_TILE_URL: string = (import.meta.env['VITE_RASTER_TILE_URL'] as string | undefined) ?? '';

export const DEPARTEMENTS_URL = '/api/boundaries/departements.geojson';

/** La profondeur des tuiles des sites (internal/sitetiles : MaxZoom) ; au-delà, la carte les agrandit. */
export const SITES_MAX_ZOOM = 14;

export function baseStyle(): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {
      regions: { type: 'geojson', data: '/api/boundaries/regions.geojson' },
      // Les départements (contours détaillés, plus lourds) arrivent juste après
      // le premier affichage : voir DEPARTEMENTS_URL.
      departements: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#dbe7ef' } },
    ],
  };
  if (RASTER_TILE_URL !== '') {
    style.sources['raster'] = { type: 'raster', tiles: [RASTER_TILE_URL], tileSize: 256 };
    style.layers.push({ id: 'raster', type: 'raster', source: 'raster' });
  }
  style.layers.push(
    { id: 'departements-fill', type: 'fill', source: 'departements', paint: { 'fill-color': '#f8fafc', 'fill-opacity': RASTER_TILE_URL === '' ? 1 : 0.15 } },
    {
      id: 'departements-selected',
      type: 'fill',
      source: 'departements',
      filter: ['==', ['get', 'code'], ''],
      paint: { 'fill-color': '#fef3c7', 'fill-opacity': 0.8 },
    },
    {
      id: 'regions-selected',
      type: 'fill',
      source: 'regions',
      filter: ['==', ['get', 'code'], ''],
      paint: { 'fill-color': '#fef3c7', 'fill-opacity': 0.8 },
    },
    { id: 'regions-hit', type: 'fill', source: 'regions', paint: { 'fill-color': '#000000', 'fill-opacity': 0 } },
    { id: 'departements-line', type: 'line', source: 'departements', paint: { 'line-color': '#94a3b8', 'line-width': 0.6 } },
    { id: 'regions-line', type: 'line', source: 'regions', paint: { 'line-color': '#475569', 'line-width': 1.4 } },
  );
  return style;
}

export const SITE_COLOR = familyColorExpression();
