import { describe, expect, it } from 'vitest';
import type { GraphData } from './graphModel.ts';
import { flyAction, geometryBounds, graphPoints, hoverText, abbreviatedCount, sitesKey, sitesTilesUrl, territoryLayerAt, type FlyAction, type FlyRequest } from './mapModel.ts';
import type { TerritoryRef } from './urlState.ts';

describe('graphPoints', () => {
  const graph: GraphData = {
    nodes: [
      { id: 's', kind: 'SITE', label: 'Bellevue', longitude: 4.4, latitude: 45.4 },
      { id: 'e', kind: 'LEGAL_ENTITY', label: 'CHU', longitude: 4.3, latitude: 45.5 },
      { id: 'g', kind: 'GHT', label: 'GHT Loire', longitude: 4.0, latitude: 45.0 },
      { id: 'u', kind: 'SITE', label: 'sans coordonnées' },
      { id: 'n', kind: 'SITE', label: 'latitude nulle', longitude: 4, latitude: null },
    ],
    edges: [],
  };
  it('keeps placed organisations only, marking those that started', () => {
    const points = graphPoints(graph, new Set(['e']));
    expect(points.features.map((f) => [f.properties.id, f.properties.started, f.geometry.coordinates])).toEqual([
      ['s', false, [4.4, 45.4]],
      ['e', true, [4.3, 45.5]],
    ]);
  });
});

describe('sitesTilesUrl and sitesKey', () => {
  const cases: readonly { territory: TerritoryRef | null; url: string; key: string }[] = [
    { territory: null, url: 'http://h/tiles/sites/{z}/{x}/{y}.mvt?asOf=2020-01-01', key: '2020-01-01|:' },
    { territory: { kind: 'REGION', code: '84' }, url: 'http://h/tiles/sites/{z}/{x}/{y}.mvt?asOf=2020-01-01&territory=REGION%3A84', key: '2020-01-01|REGION:84' },
    { territory: { kind: 'DEPARTMENT', code: '2A' }, url: 'http://h/tiles/sites/{z}/{x}/{y}.mvt?asOf=2020-01-01&territory=DEPARTMENT%3A2A', key: '2020-01-01|DEPARTMENT:2A' },
    { territory: { kind: 'COMMUNE', code: '42218' }, url: 'http://h/tiles/sites/{z}/{x}/{y}.mvt?asOf=2020-01-01&territory=COMMUNE%3A42218', key: '2020-01-01|COMMUNE:42218' },
  ];
  for (const c of cases) {
    it(c.key, () => {
      expect(sitesTilesUrl('http://h', '2020-01-01', c.territory)).toBe(c.url);
      expect(sitesKey('2020-01-01', c.territory)).toBe(c.key);
    });
  }
  it('abbreviates counts', () => {
    expect([7, 999, 1000, 1249, 1250, 9999, 10000, 12499].map(abbreviatedCount)).toEqual(['7', '999', '1k', '1.2k', '1.3k', '10k', '10k', '12k']);
  });
});

describe('geometryBounds', () => {
  it('spans polygons, multipolygons and lines together', () => {
    expect(
      geometryBounds([
        { coordinates: [[[4, 45], [5, 45], [5, 46], [4, 45]]] },
        { coordinates: [[[[-1, 44], [0, 44], [0, 47], [-1, 44]]]] },
        { coordinates: [[2, 43], [3, 48]] },
      ]),
    ).toEqual([-1, 43, 5, 48]);
  });
  it('null when there is nothing to frame', () => {
    expect(geometryBounds([])).toBeNull();
    expect(geometryBounds([{}, { coordinates: [] }])).toBeNull();
  });
});

describe('territoryLayerAt', () => {
  const cases: readonly [number, string][] = [
    [5, 'REGION'],
    [6.49, 'REGION'],
    [6.5, 'DEPARTMENT'],
    [9, 'DEPARTMENT'],
  ];
  for (const [zoom, kind] of cases) {
    it(`zoom ${zoom}: ${kind}`, () => {
      expect(territoryLayerAt(zoom).kind).toBe(kind);
    });
  }
});

describe('hoverText', () => {
  it('a cluster: its count of sites', () => {
    expect(hoverText('clusters', { point_count: 1234 })).toBe('1234 sites');
  });
  it('a site: label, FINESS and category, skipping what is missing', () => {
    expect(hoverText('sites', { label: 'Hôpital Nord', finess: '420000000', category: 'CH' })).toBe('Hôpital Nord · 420000000 · CH');
    expect(hoverText('graph-sites', { label: 'CHU', finess: '', id: 'x' })).toBe('CHU');
  });
});

describe('flyAction', () => {
  const cases: readonly { name: string; request: FlyRequest; selected: string | null; bounds: [number, number, number, number] | null; want: FlyAction | null }[] = [
    { name: 'a point: at once, zoom 10 by default', request: { center: [4, 45] }, selected: null, bounds: null, want: { kind: 'center', center: [4, 45], zoom: 10 } },
    { name: 'a point with its zoom', request: { center: [4, 45], zoom: 11 }, selected: 'x', bounds: [0, 0, 1, 1], want: { kind: 'center', center: [4, 45], zoom: 11 } },
    { name: 'the selection, not yet loaded: wait', request: { selection: 'a' }, selected: 'a', bounds: null, want: null },
    { name: 'another selection since: wait', request: { selection: 'a' }, selected: 'b', bounds: [0, 0, 1, 1], want: null },
    { name: 'the selection and its partners: fit', request: { selection: 'a' }, selected: 'a', bounds: [4, 45, 5, 46], want: { kind: 'fit', bounds: [4, 45, 5, 46] } },
    { name: 'the selection alone: centre on it', request: { selection: 'a' }, selected: 'a', bounds: [4, 45, 4, 45], want: { kind: 'center', center: [4, 45], zoom: 11 } },
    { name: 'nothing asked', request: {}, selected: 'a', bounds: [4, 45, 5, 46], want: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(flyAction(c.request, c.selected, c.bounds)).toEqual(c.want);
    });
  }
});
