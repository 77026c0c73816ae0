import { useEffect } from 'react';
import type { PngExporter } from '../../app/viewTypes.ts';
import { useMap } from '../mapContext.ts';
import { SEA_COLOR } from '../mapStyle.ts';

/**
 * L'export de la carte en PNG (au prochain rendu, le tampon étant conservé),
 * posé sur la mer : la carte la laisse transparente, l'élément dessous la peint.
 */
export function PngExport({ registerExport }: { readonly registerExport: (fn: PngExporter | null) => void }) {
  const map = useMap();
  useEffect(() => {
    registerExport(
      () =>
        new Promise<Blob>((resolve, reject) => {
          map.once('render', () => {
            const drawn = map.getCanvas();
            const out = document.createElement('canvas');
            out.width = drawn.width;
            out.height = drawn.height;
            const ctx = out.getContext('2d');
            if (ctx === null) {
              reject(new Error('export PNG impossible'));
              return;
            }
            ctx.fillStyle = SEA_COLOR;
            ctx.fillRect(0, 0, out.width, out.height);
            ctx.drawImage(drawn, 0, 0);
            out.toBlob((blob) => {
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
