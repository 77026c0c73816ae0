import type { StyleSpecification } from 'maplibre-gl';
import { familyColorExpression } from '../core/categories.ts';

/**
 * Le style de la carte, construit ici : aucune tuile, police ni sprite
 * distants. Fond : les contours des régions et départements, en tuiles
 * vectorielles servies par Maillage (/tiles/boundaries). Un fond raster peut
 * être ajouté en fixant VITE_RASTER_TILE_URL à la construction (désactivé par
 * défaut).
 */
export const RASTER_TILE_URL: string = (import.meta.env['VITE_RASTER_TILE_URL'] as string | undefined) ?? '';

/** La profondeur des tuiles des contours (internal/boundarytiles : MaxZoom) ; au-delà, la carte les agrandit. */
export const BOUNDARIES_MAX_ZOOM = 10;

/** La profondeur des tuiles des sites (internal/sitetiles : MaxZoom) ; au-delà, la carte les agrandit. */
export const SITES_MAX_ZOOM = 14;

/** La mer : le fond de l'élément de la carte, et de son export PNG. */
export const SEA_COLOR = '#dbe7ef';

/** origin : l'adresse du serveur (les tuiles se demandent par une adresse complète). */
export function baseStyle(origin: string): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {
      // Deux couches par tuile : regions et departements (code, nom).
      boundaries: { type: 'vector', tiles: [`${origin}/tiles/boundaries/{z}/{x}/{y}.mvt`], maxzoom: BOUNDARIES_MAX_ZOOM },
    },
    // Pas de couche de fond : la mer (SEA_COLOR) est la couleur de l'élément sous
    // la carte, sans passe de dessin sur chaque pixel à chaque image.
    layers: [],
  };
  if (RASTER_TILE_URL !== '') {
    style.sources['raster'] = { type: 'raster', tiles: [RASTER_TILE_URL], tileSize: 256 };
    style.layers.push({ id: 'raster', type: 'raster', source: 'raster' });
  }
  // Les contours sont tracés par les couches de lignes : les surfaces n'ont pas
  // besoin de leur propre liseré (fill-antialias), un programme et une passe de moins.
  style.layers.push(
    { id: 'departements-fill', type: 'fill', source: 'boundaries', 'source-layer': 'departements', paint: { 'fill-color': '#f8fafc', 'fill-opacity': RASTER_TILE_URL === '' ? 1 : 0.15, 'fill-antialias': false } },
    {
      id: 'departements-selected',
      type: 'fill',
      source: 'boundaries', 'source-layer': 'departements',
      filter: ['==', ['get', 'code'], ''],
      paint: { 'fill-color': '#fef3c7', 'fill-opacity': 0.8, 'fill-antialias': false },
    },
    {
      id: 'regions-selected',
      type: 'fill',
      source: 'boundaries', 'source-layer': 'regions',
      filter: ['==', ['get', 'code'], ''],
      paint: { 'fill-color': '#fef3c7', 'fill-opacity': 0.8, 'fill-antialias': false },
    },
    { id: 'regions-hit', type: 'fill', source: 'boundaries', 'source-layer': 'regions', paint: { 'fill-color': '#000000', 'fill-opacity': 0 } },
    { id: 'departements-line', type: 'line', source: 'boundaries', 'source-layer': 'departements', paint: { 'line-color': '#94a3b8', 'line-width': 0.6 } },
    { id: 'regions-line', type: 'line', source: 'boundaries', 'source-layer': 'regions', paint: { 'line-color': '#475569', 'line-width': 1.4 } },
  );
  return style;
}

export const SITE_COLOR = familyColorExpression();
