import { useEffect } from 'react';
import type { PngExporter } from '../../app/viewTypes.ts';
import { useMap } from '../mapContext.ts';

/** L'export de la carte en PNG (au prochain rendu, le tampon étant conservé). */
export function PngExport({ registerExport }: { readonly registerExport: (fn: PngExporter | null) => void }) {
  const map = useMap();
  useEffect(() => {
    registerExport(
      () =>
        new Promise<Blob>((resolve, reject) => {
          map.once('render', () => {
            map.getCanvas().toBlob((blob) => {
              if (blob === null) reject(new Error('export PNG impossible'));
              else resolve(blob);
            }, 'image/png');
          });
          map.triggerRepaint();
        }),
    );
    return () => {
      registerExport(null);
    };
  }, [map, registerExport]);
  return null;
}
