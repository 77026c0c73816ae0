import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { pathEdgeKeys } from '../core/graphModel.ts';
import { todayIso } from '../core/time.ts';
import { formatState, parseState, type AppState, type ViewMode } from '../core/urlState.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { ExportMenu, type ViewExporters } from './ExportMenu.tsx';
import { useMessages } from './messages.ts';
import { SearchBox, type SearchHit } from './SearchBox.tsx';
import { SessionBar } from './SessionBar.tsx';
import { SidePanel } from './SidePanel.tsx';
import { TerritorySelect, useTerritories } from './TerritorySelect.tsx';
import { TimeBar } from './TimeBar.tsx';
import { useGraphData } from './useGraphData.ts';
import { useModule } from './useModule.ts';
import type { FlyTo, PngExporter } from './viewTypes.ts';

// La carte (MapLibre) et le réseau (sigma) sont chargés à la demande, chacun dans son fichier.
const loadMapView = () => import('../map/MapView.tsx');
const loadNetworkView = () => import('../network/NetworkView.tsx');

/** Les changements qui méritent une entrée d'historique (bouton Précédent). */
function isNavigation(prev: AppState, next: AppState): boolean {
  return prev.selected !== next.selected || prev.territory?.code !== next.territory?.code || prev.view !== next.view;
}

type Patch = Partial<AppState> | ((prev: AppState) => Partial<AppState>);

function useAppState(): [AppState, (patch: Patch) => void] {
  const [state, setState] = useState<AppState>(() => parseState(window.location.search));
  const current = useRef(state);
  useEffect(() => {
    const onPop = () => {
      const next = parseState(window.location.search);
      current.current = next;
      setState(next);
    };
    window.addEventListener('popstate', onPop);
    return () => {
      window.removeEventListener('popstate', onPop);
    };
  }, []);
  const update = useCallback((patch: Patch) => {
    const prev = current.current;
    const next = { ...prev, ...(typeof patch === 'function' ? patch(prev) : patch) };
    current.current = next;
    const url = `${window.location.pathname}${formatState(next)}`;
    if (isNavigation(prev, next)) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
    setState(next);
  }, []);
  return [state, update];
}

export function App() {
  const m = useMessages();
  const [state, update] = useAppState();
  const today = useMemo(() => todayIso(), []);
  const asOf = state.asOf ?? today;
  const data = useGraphData(state, asOf);
  const territories = useTerritories();
  // Une adresse partagée avec une sélection cadre les vues dessus dès l'ouverture.
  const [flyTo, setFlyTo] = useState<FlyTo | null>(() => (state.selected === null ? null : { selection: state.selected, key: 0 }));
  const [hovered, setHovered] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const exporters = useRef<ViewExporters>({ map: null, network: null });

  const registerMapExport = useCallback((fn: PngExporter | null) => {
    exporters.current.map = fn;
  }, []);
  const registerNetworkExport = useCallback((fn: PngExporter | null) => {
    exporters.current.network = fn;
  }, []);
  const expand = useCallback(
    (id: string) => {
      update((prev) => (prev.expanded.includes(id) ? {} : { expanded: [...prev.expanded, id] }));
    },
    [update],
  );
  const hide = useCallback(
    (id: string) => {
      update((prev) => ({ hidden: [...prev.hidden, id], selected: prev.selected === id ? null : prev.selected }));
    },
    [update],
  );
  const onTerritory = useCallback(
    (territory: AppState['territory']) => {
      update({ territory });
    },
    [update],
  );

  const select = useCallback(
    (id: string | null) => {
      update({ selected: id, tab: 'details' });
    },
    [update],
  );

  const onSearch = (hit: SearchHit) => {
    const node = hit.node;
    if (node.__typename === 'Territory' && (node.kind === 'REGION' || node.kind === 'DEPARTMENT')) {
      update({ territory: { kind: node.kind, code: node.code }, selected: null });
      return;
    }
    if (node.__typename === 'Territory') {
      // A commune: the cooperations of the organisations located there.
      if (node.kind === 'COMMUNE') update({ territory: { kind: 'COMMUNE', code: node.code, name: hit.label }, selected: null });
      if (node.latitude != null && node.longitude != null) {
        setFlyTo({ center: [node.longitude, node.latitude], zoom: 11, key: Date.now() });
      }
      return;
    }
    update({ selected: node.id, tab: 'details' });
    setFlyTo({ selection: node.id, key: Date.now() });
  };

  const view = state.view;
  const showMap = view !== 'network';
  const showNetwork = view !== 'map';
  const mapView = useModule(loadMapView, showMap);
  // Les deux vues côte à côte : le réseau (son code, son rendu) une fois la
  // carte dessinée, qui n'a pas à partager avec lui le processeur d'une
  // petite machine pendant son premier dessin.
  const [mapSettled, setMapSettled] = useState(false);
  const markMapSettled = useCallback(() => {
    setMapSettled(true);
  }, []);
  const networkView = useModule(loadNetworkView, showNetwork && (!showMap || mapSettled || mapView.status === 'failed'));
  const pathKeys = useMemo(() => pathEdgeKeys(data.path), [data.path]);
  const started = useMemo(() => {
    const ids = new Set<string>();
    const diff = data.diff.data;
    if (diff !== undefined) {
      for (const c of diff.cooperationDiff.changes) {
        if (c.kind === 'STARTED') {
          ids.add(c.source.id);
          ids.add(c.target.id);
        }
      }
    }
    return ids;
  }, [data.diff.data]);

  const territoryName =
    state.territory === null
      ? m.territory.all
      : (territories.byKey.get(`${state.territory.kind}:${state.territory.code}`)?.name ?? state.territory.name ?? state.territory.code);

  return (
    <div className="app" data-testid="app">
      <a className="skip-link" href="#main">
        {m.skipToContent}
      </a>
      <header className="topbar">
        <a className="brand" href="/" aria-label={m.appTitle}>
          <span className="brand__logo" aria-hidden="true">
            M
          </span>
          <span className="brand__name">{m.appTitleShort}</span>
        </a>
        <div className="topbar__search" role="search">
          <SearchBox label={m.search.label} onChoose={onSearch} testId="search" compact />
        </div>
        <TerritorySelect
          territories={territories}
          value={state.territory}
          onChange={(territory) => {
            update({ territory });
          }}
        />
        <div className="segmented" role="group" aria-label={m.views.label}>
          {(['split', 'map', 'network'] as const satisfies readonly ViewMode[]).map((v) => (
            <button
              key={v}
              type="button"
              className="segmented__button"
              aria-pressed={view === v}
              data-testid={`view-${v}`}
              onClick={() => {
                update({ view: v });
              }}
            >
              {m.views[v]}
            </button>
          ))}
        </div>
        <ExportMenu view={view} graph={data.visible} context={state.selected !== null ? (data.all.nodes.find((n) => n.id === state.selected)?.label ?? territoryName) : territoryName} asOf={asOf} exporters={exporters} />
        <a className="topbar__link" href="/graphiql">
          {m.graphiqlLink}
        </a>
        <SessionBar territories={territories} />
      </header>

      <TimeBar
        state={state}
        today={today}
        asOf={asOf}
        playing={playing}
        setPlaying={setPlaying}
        update={update}
        loading={data.loading}
        memberless={state.territory === null ? null : data.memberless}
      />

      <main id="main" className={`workspace workspace--${view}`}>
        <div className="views">
          {data.failure !== null && (
            <div className="views__error">
              <ErrorNotice failure={data.failure} />
            </div>
          )}
          {showMap && (
            <section className="view view--map" aria-label={m.map.label}>
              {mapView.status === 'loading' && <p className="status">{m.map.loading}</p>}
              {mapView.status === 'failed' && <p className="notice notice--error">{m.moduleFailed}</p>}
              {mapView.status === 'loaded' && (
                <mapView.module.default
                  asOf={asOf}
                  settled={!playing}
                  territory={state.territory}
                  graph={data.visible}
                  selected={state.selected}
                  hovered={hovered}
                  path={data.path}
                  started={started}
                  flyTo={flyTo}
                  onSelect={select}
                  onTerritory={onTerritory}
                  registerExport={registerMapExport}
                  onSettled={markMapSettled}
                  compact={view === 'split'}
                />
              )}
            </section>
          )}
          {showNetwork && (
            <section className="view view--network" aria-label={m.network.label}>
              {networkView.status === 'loading' && <p className="status">{m.panel.loading}</p>}
              {networkView.status === 'failed' && <p className="notice notice--error">{m.moduleFailed}</p>}
              {networkView.status === 'loaded' && (
                <networkView.module.default
                  graph={data.visible}
                  selected={state.selected}
                  hovered={hovered}
                  onHover={setHovered}
                  pathKeys={pathKeys}
                  pathNodes={data.path === null ? null : new Set(data.path.nodes.map((n) => n.id))}
                  started={started}
                  loading={data.loading}
                  hasScope={state.territory !== null || state.selected !== null || state.expanded.length > 0 || data.path !== null}
                  truncated={data.truncated}
                  flyTo={flyTo}
                  onSelect={select}
                  onExpand={expand}
                  onHide={hide}
                  registerExport={registerNetworkExport}
                  compact={view === 'split'}
                />
              )}
            </section>
          )}
        </div>
        <SidePanel
          territories={territories}
          state={state}
          asOf={asOf}
          update={update}
          data={data}
          territoryName={territoryName}
          onFocus={(id) => {
            update({ selected: id, tab: 'details' });
            setFlyTo({ selection: id, key: Date.now() });
          }}
        />
      </main>
    </div>
  );
}
