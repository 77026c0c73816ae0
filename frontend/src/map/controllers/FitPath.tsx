import { useEffect } from 'react';
import type { FeatureCollection, LineFeature } from '../../core/mapLinks.ts';
import { geometryBounds } from '../../core/mapModel.ts';
import { useMap } from '../mapContext.ts';

/** Un chemin trouvé : la carte le cadre. */
export function FitPath({ path }: { readonly path: FeatureCollection<LineFeature> }) {
  const map = useMap();
  useEffect(() => {
    const bounds = geometryBounds(path.features.map((f) => f.geometry));
    if (bounds !== null) map.fitBounds(bounds, { padding: 80, maxZoom: 11, duration: 700 });
  }, [map, path]);
  return null;
}
