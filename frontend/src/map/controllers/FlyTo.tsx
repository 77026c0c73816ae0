import { useEffect, useRef } from 'react';
import type { SelectionGeometry } from '../../core/mapLinks.ts';
import { flyAction } from '../../core/mapModel.ts';
import type { FlyTo as FlyRequest } from '../../app/viewTypes.ts';
import { useMap } from '../mapContext.ts';

export interface FlyToProps {
  readonly flyTo: FlyRequest | null;
  readonly selected: string | null;
  readonly selection: SelectionGeometry;
}

/** Cadrage demandé par la recherche : sur un point, ou sur la sélection dès que ses coopérations sont là ; une fois par demande. */
export function FlyTo({ flyTo, selected, selection }: FlyToProps) {
  const map = useMap();
  const done = useRef<number | null>(null);
  useEffect(() => {
    if (flyTo === null || done.current === flyTo.key) return;
    const action = flyAction(flyTo, selected, selection.bounds);
    if (action === null) return;
    done.current = flyTo.key;
    if (action.kind === 'center') map.flyTo({ center: action.center, zoom: action.zoom });
    else map.fitBounds(action.bounds, { padding: 60, maxZoom: 11, duration: 700 });
  }, [map, flyTo, selected, selection.bounds]);
  return null;
}
