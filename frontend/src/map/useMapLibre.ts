import * as maplibregl from 'maplibre-gl';
import type { LngLatBoundsLike } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useCallback, useState } from 'react';
import { baseStyle } from './mapStyle.ts';

maplibregl.setWorkerUrl(workerUrl);
// Le worker (son script, sa compilation) démarre dès le chargement du module,
// pendant que React monte la carte, plutôt qu'à la création de la carte.
maplibregl.prewarm();

const FRANCE: LngLatBoundsLike = [
  [-5.2, 41.3],
  [9.6, 51.1],
];

export interface MapLibreState {
  /** À poser sur l'élément qui reçoit la carte. */
  readonly ref: (container: HTMLDivElement | null) => (() => void) | undefined;
  /** La carte, une fois le fond chargé (null avant). */
  readonly map: maplibregl.Map | null;
  /** WebGL indisponible : pas de carte. */
  readonly failed: boolean;
  /** Une source n'a pas pu être chargée (API injoignable). */
  readonly loadError: boolean;
}

/** Crée la carte sur son élément (une fois) : fond local, contrôles, clavier ; la détruit avec lui. */
export function useMapLibre(): MapLibreState {
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [failed, setFailed] = useState(false);
  const [loadError, setLoadError] = useState(false);
  const ref = useCallback((container: HTMLDivElement | null) => {
    if (container === null) return undefined;
    let instance: maplibregl.Map;
    try {
      instance = new maplibregl.Map({
        container,
        style: baseStyle(window.location.origin),
        bounds: FRANCE,
        attributionControl: false,
        canvasContextAttributes: { preserveDrawingBuffer: true },
        dragRotate: false,
        pitchWithRotate: false,
      });
    } catch {
      // WebGL indisponible : on le dit, une fois, au lieu de la carte.
      setFailed(true);
      return undefined;
    }
    instance.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    instance.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    instance.keyboard.enable();
    instance.on('load', () => {
      setMap(instance);
    });
    instance.on('error', (e) => {
      // Une couche qui ne charge pas (API injoignable) : message visible, pas d'erreur console.
      console.warn('carte :', e.error.message);
      if ('sourceId' in e) setLoadError(true);
    });
    return () => {
      setMap(null);
      instance.remove();
    };
  }, []);
  return { ref, map, failed, loadError };
}
