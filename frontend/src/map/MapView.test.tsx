import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { MessagesContext } from '../app/messages.ts';
import type { GraphData } from '../core/graphModel.ts';
import { selectionGeometry } from '../core/mapLinks.ts';
import { graphPoints } from '../core/mapModel.ts';
import type { TerritoryRef } from '../core/urlState.ts';
import type { PngExporter } from '../app/viewTypes.ts';
import { fr } from '../i18n/fr.ts';
import type { FakeLogEntry } from '../../test/fakeApi.ts';
import { Boundaries } from './controllers/Boundaries.tsx';
import { FitTerritory } from './controllers/FitTerritory.tsx';
import { GraphLayers } from './controllers/GraphLayers.tsx';
import { Interactions } from './controllers/Interactions.tsx';
import { PngExport } from './controllers/PngExport.tsx';
import { SitesLayer } from './controllers/SitesLayer.tsx';
import MapView, { type MapViewProps } from './MapView.tsx';
import { MapContext, useMap } from './mapContext.ts';
import { useMapLibre } from './useMapLibre.ts';

// Les vues se dessinent dans une boîte de taille fixe (app.css n'est pas chargé ici).
const style = document.createElement('style');
style.textContent = '.box { width: 640px; height: 420px; position: relative } .box .map, .box .map__canvas { width: 100%; height: 100% }';
document.head.append(style);

/** Les dates (et territoires) des tuiles de sites demandées, chacune une fois, dans l'ordre. */
async function sitesRequests(): Promise<string[]> {
  const log = (await (await fetch('/__fake/log')).json()) as FakeLogEntry[];
  const tiles = log.map((e) => e.operation).filter((op) => op.startsWith('GET /tiles/sites/'));
  return [...new Set(tiles.map((op) => new URL(op.slice(4), 'http://h').search))];
}

const graph: GraphData = {
  nodes: [
    { id: 'conv', kind: 'CONVENTION', label: 'Charte G4' },
    { id: 'bellevue', kind: 'SITE', label: 'Hôpital de Bellevue', longitude: 4.39, latitude: 45.43 },
    { id: 'forez', kind: 'SITE', label: 'CH du Forez', longitude: 4.07, latitude: 45.6 },
  ],
  edges: [
    { id: 'e1', source: 'bellevue', target: 'conv' },
    { id: 'e2', source: 'forez', target: 'conv' },
  ],
};

beforeEach(async () => {
  await fetch('/__fake/reset', { method: 'POST' });
});

describe('MapView', () => {
  const base: MapViewProps = {
    asOf: '2020-01-01',
    settled: true,
    territory: null,
    graph: { nodes: [], edges: [] },
    selected: null,
    hovered: null,
    path: null,
    started: new Set(),
    flyTo: null,
    onSelect: () => undefined,
    onTerritory: () => undefined,
    registerExport: () => undefined,
    onSettled: () => undefined,
    compact: false,
  };
  const view = (props: Partial<MapViewProps>) => (
    <MessagesContext value={fr}>
      <div className="box">
        <MapView {...base} {...props} />
      </div>
    </MessagesContext>
  );

  test('draws the base, then the sites of the date once it settles — not at each step of the animation', async () => {
    const screen = await render(view({}));
    const map = screen.getByTestId('map');
    await expect.element(map).toHaveAttribute('data-base-ready', 'true');
    await expect.element(map).toHaveAttribute('data-ready', 'true');
    expect(await sitesRequests()).toEqual(['?asOf=2020-01-01']);
    // Les trois sites de l'API de test sont en France : tous dessinés.
    await expect.element(map).toHaveAttribute('data-sites-drawn', '3');

    // L'animation passe par 2021 : les sites ne sont pas rechargés.
    await screen.rerender(view({ asOf: '2021-01-01', settled: false }));
    await new Promise((r) => setTimeout(r, 300));
    expect(await sitesRequests()).toHaveLength(1);
    await expect.element(map).toHaveAttribute('data-ready', 'true');

    // La date se pose : ils le sont.
    await screen.rerender(view({ asOf: '2021-01-01', settled: true }));
    await expect.poll(sitesRequests).toEqual(['?asOf=2020-01-01', '?asOf=2021-01-01']);
    await expect.element(map).toHaveAttribute('data-ready', 'true');
  });

  test('says once, when its sites are drawn, that it is settled (the network waits for it)', async () => {
    let settled = 0;
    const screen = await render(
      view({
        onSettled: () => {
          settled++;
        },
      }),
    );
    const map = screen.getByTestId('map');
    await expect.element(map).toHaveAttribute('data-ready', 'true');
    await expect.poll(() => settled).toBe(1);
    await screen.rerender(view({ onSettled: () => settled++, asOf: '2021-01-01' }));
    await expect.element(map).toHaveAttribute('data-ready', 'true');
    expect(settled).toBe(1);
  });

  test('asks the server for the sites of the territory chosen', async () => {
    const screen = await render(view({ territory: { kind: 'DEPARTMENT', code: '42' } }));
    await expect.element(screen.getByTestId('map')).toHaveAttribute('data-ready', 'true');
    expect(await sitesRequests()).toEqual(['?asOf=2020-01-01&territory=DEPARTMENT%3A42']);
  });

  test('the selection and its cooperations, as counted on the map element', async () => {
    const screen = await render(view({ graph, selected: 'conv' }));
    const map = screen.getByTestId('map');
    await expect.element(map).toHaveAttribute('data-graph-points', '2');
    await expect.element(map).toHaveAttribute('data-selection-links', '2');
    await expect.element(map).toHaveAttribute('data-path-segments', '0');
  });
});

/** La carte réelle, ses contrôleurs choisis, et la carte donnée au test une fois chargée. */
function Harness({ children, onMap }: { readonly children: ReactNode; readonly onMap: (map: MapLibreMap) => void }) {
  const { ref, map } = useMapLibre();
  return (
    <div className="box">
      <div ref={ref} className="map__canvas" />
      {map !== null && (
        <MapContext value={map}>
          <Expose onMap={onMap} />
          {children}
        </MapContext>
      )}
    </div>
  );
}
function Expose({ onMap }: { readonly onMap: (map: MapLibreMap) => void }) {
  const map = useMap();
  useEffect(() => {
    onMap(map);
  }, [map, onMap]);
  return null;
}

async function mounted(ui: (onMap: (map: MapLibreMap) => void) => ReactNode): Promise<{ map: MapLibreMap; screen: Awaited<ReturnType<typeof render>> }> {
  let resolveMap: (map: MapLibreMap) => void = () => undefined;
  const ready = new Promise<MapLibreMap>((resolve) => {
    resolveMap = resolve;
  });
  const screen = await render(<MessagesContext value={fr}>{ui(resolveMap)}</MessagesContext>);
  return { map: await ready, screen };
}

const idle = (map: MapLibreMap) =>
  new Promise<void>((resolve) => {
    map.once('idle', () => {
      resolve();
    });
    map.triggerRepaint();
  });

describe('map controllers', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('GraphLayers stacks its layers and draws the organisations; Interactions selects the one clicked and names the one hovered', async () => {
    const onSelect = vi.fn<(id: string) => void>();
    const points = graphPoints(graph, new Set());
    const selection = selectionGeometry(graph, null);
    const { map, screen } = await mounted((onMap) => (
      <Harness onMap={onMap}>
        <GraphLayers points={points} selection={selection} path={{ type: 'FeatureCollection', features: [] }} />
        <Interactions onSelect={onSelect} onTerritory={() => undefined} />
      </Harness>
    ));
    const layers = map.getStyle().layers.map((l) => l.id);
    expect(layers.slice(-4)).toEqual(['graph-links', 'path-line', 'graph-sites', 'selection-points']);
    map.jumpTo({ center: [4.39, 45.43], zoom: 9 });
    await idle(map);
    const at = map.project([4.39, 45.43]);
    const canvas = screen.container.querySelector('canvas');
    if (canvas === null) throw new Error('pas de canvas');
    await userEvent.hover(canvas, { position: { x: at.x, y: at.y } });
    await expect.element(screen.getByText('Hôpital de Bellevue')).toBeVisible();
    await userEvent.click(canvas, { position: { x: at.x, y: at.y } });
    expect(onSelect).toHaveBeenCalledWith('bellevue');
  });

  test('SitesLayer draws the tiles\' sites; Interactions opens the one clicked', async () => {
    const onSelect = vi.fn<(id: string) => void>();
    const drawn = vi.fn<(n: number) => void>();
    const { map, screen } = await mounted((onMap) => (
      <Harness onMap={onMap}>
        <SitesLayer asOf="2020-01-01" territory={null} onLoaded={drawn} />
        <Interactions onSelect={onSelect} onTerritory={() => undefined} />
      </Harness>
    ));
    map.jumpTo({ center: [4.39, 45.43], zoom: 11 });
    await idle(map);
    await expect.poll(() => drawn.mock.lastCall).toEqual([1]);
    const at = map.project([4.39, 45.43]);
    const canvas = screen.container.querySelector('canvas');
    if (canvas === null) throw new Error('pas de canvas');
    await userEvent.hover(canvas, { position: { x: at.x, y: at.y } });
    await expect.element(screen.getByText('Hôpital de Bellevue · 420782559 · CH')).toBeVisible();
    await userEvent.click(canvas, { position: { x: at.x, y: at.y } });
    expect(onSelect).toHaveBeenCalledWith('site-420782559');
  });

  test('a click on the background chooses the région under it', async () => {
    const onTerritory = vi.fn<(t: TerritoryRef) => void>();
    const { map, screen } = await mounted((onMap) => (
      <Harness onMap={onMap}>
        <Interactions onSelect={() => undefined} onTerritory={onTerritory} />
      </Harness>
    ));
    map.jumpTo({ center: [4.5, 45.3], zoom: 5 });
    await idle(map);
    const at = map.project([4.5, 45.3]);
    const canvas = screen.container.querySelector('canvas');
    if (canvas === null) throw new Error('pas de canvas');
    await userEvent.click(canvas, { position: { x: at.x, y: at.y } });
    await expect.poll(() => onTerritory.mock.calls).toEqual([[{ kind: 'REGION', code: '84' }]]);
  });

  test('PngExport paints the sea under the map, which the map leaves transparent', async () => {
    const exporters: PngExporter[] = [];
    const { map } = await mounted((onMap) => (
      <Harness onMap={onMap}>
        <PngExport
          registerExport={(fn) => {
            if (fn !== null) exporters.push(fn);
          }}
        />
      </Harness>
    ));
    map.jumpTo({ center: [4.25, 45.75], zoom: 6 }); // la Loire (3,7–4,8 E ; 45,2–46,3 N) au centre
    await idle(map);
    const exporter = exporters.at(-1);
    if (exporter === undefined) throw new Error('export non enregistré');
    const image = await createImageBitmap(await exporter());
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d');
    if (ctx === null) throw new Error('pas de 2D');
    ctx.drawImage(image, 0, 0);
    const at = (x: number, y: number) => [...ctx.getImageData(x, y, 1, 1).data];
    const land = map.project([4.25, 45.75]);
    expect(at(2, 2)).toEqual([0xdb, 0xe7, 0xef, 255]); // la mer, opaque
    expect(at(Math.round(land.x), Math.round(land.y))).toEqual([0xf8, 0xfa, 0xfc, 255]); // un département
  });

  test('Boundaries highlights the chosen territory and FitTerritory frames it', async () => {
    const region: TerritoryRef = { kind: 'REGION', code: '11' };
    const { map } = await mounted((onMap) => (
      <Harness onMap={onMap}>
        <Boundaries territory={region} />
        <FitTerritory territory={region} />
      </Harness>
    ));
    expect(map.getFilter('regions-selected')).toEqual(['==', ['get', 'code'], '11']);
    // Île-de-France (1,5–3,5 E ; 48–49,2 N) remplit la vue.
    await expect
      .poll(() => {
        const b = map.getBounds();
        return b.getWest() > 0.5 && b.getEast() < 4.5 && b.getSouth() > 47 && b.getNorth() < 50 && b.contains([2.5, 48.6]);
      }, { timeout: 5000 })
      .toBe(true);
  });
});
