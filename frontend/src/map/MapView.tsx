import { useEffect, useMemo, useRef, useState } from 'react';
import { FAMILY_COLORS, FAMILY_ORDER } from '../core/categories.ts';
import type { GraphData } from '../core/graphModel.ts';
import { pathGeometry, selectionGeometry } from '../core/mapLinks.ts';
import { graphPoints, sitesKey } from '../core/mapModel.ts';
import type { TerritoryRef } from '../core/urlState.ts';
import { useMessages } from '../app/messages.ts';
import type { FlyTo as FlyRequest, PngExporter } from '../app/viewTypes.ts';
import { Boundaries } from './controllers/Boundaries.tsx';
import { FitPath } from './controllers/FitPath.tsx';
import { FitTerritory } from './controllers/FitTerritory.tsx';
import { FlyTo } from './controllers/FlyTo.tsx';
import { GraphLayers, PATH_COLOR, SELECTION_COLOR } from './controllers/GraphLayers.tsx';
import { Interactions } from './controllers/Interactions.tsx';
import { PngExport } from './controllers/PngExport.tsx';
import { SitesLayer } from './controllers/SitesLayer.tsx';
import { MapContext } from './mapContext.ts';
import { SEA_COLOR } from './mapStyle.ts';
import { useMapLibre } from './useMapLibre.ts';

export interface MapViewProps {
  readonly asOf: string;
  /** Faux pendant l'animation : on ne recharge pas les 95 000 sites à chaque pas. */
  readonly settled: boolean;
  readonly territory: TerritoryRef | null;
  readonly graph: GraphData;
  readonly selected: string | null;
  readonly hovered: string | null;
  readonly path: GraphData | null;
  readonly started: ReadonlySet<string>;
  readonly flyTo: FlyRequest | null;
  readonly onSelect: (id: string | null) => void;
  readonly onTerritory: (territory: TerritoryRef | null) => void;
  readonly registerExport: (fn: PngExporter | null) => void;
  /** La carte est dessinée, sites compris, ou ne le sera pas (WebGL absent, API injoignable) : une fois. */
  readonly onSettled: () => void;
  /** Vue partagée avec le réseau : légende repliée au départ. */
  readonly compact: boolean;
}

interface SitesRequest {
  readonly key: string;
  readonly asOf: string;
  readonly territory: TerritoryRef | null;
}

/**
 * La carte : fond local, sites regroupés, organisations du graphe,
 * coopérations de la sélection, chemin. La carte est créée par useMapLibre ;
 * chaque préoccupation est un contrôleur sans rendu (src/map/controllers),
 * monté une fois le fond chargé, comme les contrôleurs du réseau.
 */
export default function MapView(props: MapViewProps) {
  const { asOf, settled, territory, graph, selected, path, started, flyTo, onSelect, onTerritory, registerExport, onSettled } = props;
  const m = useMessages();
  const { ref, map, failed, loadError } = useMapLibre();

  // Les sites suivent la date quand elle se pose (pas à chaque pas de l'animation) et le territoire.
  const wanted = sitesKey(asOf, territory);
  const [sites, setSites] = useState<SitesRequest | null>(null);
  if (settled && sites?.key !== wanted) setSites({ key: wanted, asOf, territory });
  const [sitesLoaded, setSitesLoaded] = useState<{ readonly key: string; readonly drawn: number } | null>(null);
  const sitesRequest = sites?.key ?? null;

  const selection = useMemo(() => selectionGeometry(graph, selected), [graph, selected]);
  const pathLines = useMemo(() => pathGeometry(path), [path]);
  const points = useMemo(() => graphPoints(graph, started), [graph, started]);

  const loaded = map !== null;
  const ready = loaded && sitesRequest !== null && sitesLoaded?.key === sitesRequest;
  const toldSettled = useRef(false);
  useEffect(() => {
    if ((ready || failed || loadError) && !toldSettled.current) {
      toldSettled.current = true;
      onSettled();
    }
  }, [ready, failed, loadError, onSettled]);
  return (
    <div
      className="map"
      data-testid="map"
      data-ready={ready ? 'true' : 'false'}
      data-base-ready={loaded ? 'true' : 'false'}
      data-sites-drawn={ready ? sitesLoaded.drawn : undefined}
      data-selection-links={selection.links.features.length}
      data-graph-points={points.features.length}
      data-path-segments={pathLines.features.length}
    >
      <div ref={ref} className="map__canvas" data-drawn={loaded ? 'true' : 'false'} style={{ background: SEA_COLOR }} />
      {map !== null && (
        <MapContext value={map}>
          <Boundaries territory={territory} />
          <GraphLayers points={points} selection={selection} path={pathLines} />
          {sites !== null && (
            <SitesLayer
              asOf={sites.asOf}
              territory={sites.territory}
              onLoaded={(drawn) => {
                if (sitesLoaded?.key !== sites.key || sitesLoaded.drawn !== drawn) setSitesLoaded({ key: sites.key, drawn });
              }}
            />
          )}
          <FitTerritory territory={territory} />
          <FitPath path={pathLines} />
          <FlyTo flyTo={flyTo} selected={selected} selection={selection} />
          <Interactions onSelect={onSelect} onTerritory={onTerritory} />
          <PngExport registerExport={registerExport} />
        </MapContext>
      )}
      {failed && <p className="notice notice--error">{m.map.unavailable}</p>}
      {!ready && !failed && !loadError && <p className="map__status status">{loaded ? m.map.sitesLoading : m.map.loading}</p>}
      {loadError && (
        <p className="map__status notice notice--error" role="alert">
          {m.map.loadError}
        </p>
      )}
      <details className="legend legend--map" open={!props.compact}>
        <summary>{m.map.legendTitle}</summary>
        <ul>
          {FAMILY_ORDER.map((f) => (
            <li key={f}>
              <span className="swatch" style={{ background: FAMILY_COLORS[f] }} />
              {m.map.families[f]}
            </li>
          ))}
          <li>
            <span className="swatch swatch--ring" />
            {m.map.graphSites}
          </li>
          <li>
            <span className="swatch swatch--line" style={{ background: SELECTION_COLOR }} />
            {m.map.selectionLinks}
          </li>
          <li>
            <span className="swatch swatch--line" style={{ background: PATH_COLOR }} />
            {m.map.path}
          </li>
        </ul>
      </details>
      <p className="map__hint">{m.territory.mapHint}</p>
    </div>
  );
}
