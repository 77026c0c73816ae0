import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { exportFileName, toCsv, toGeoJson, toGexf } from './exporters.ts';
import type { GraphData } from './graphModel.ts';

const graph: GraphData = {
  nodes: [
    { id: '1', kind: 'CONVENTION', label: 'Charte « G4 », Loire', code: 'G4-LOIRE-2016' },
    { id: 'a', kind: 'SITE', label: 'CH DE FIRMINY', finess: '420000234', latitude: 45.39, longitude: 4.29 },
    { id: 'b', kind: 'SITE', label: 'CH DU FOREZ', finess: '420000226', latitude: 45.6, longitude: 4.07 },
    { id: 'c', kind: 'SITE', label: 'sans lieu' },
  ],
  edges: [
    { id: 'e1', source: 'a', target: '1', role: 'SIGNATORY', validFrom: '2016-01-01' },
    { id: 'e2', source: 'b', target: '1', role: 'SIGNATORY' },
    { id: 'e3', source: 'c', target: '1', role: 'SIGNATORY' },
  ],
};

describe('toCsv', () => {
  const parsed = Papa.parse<Record<string, string>>(toCsv(graph), { header: true }).data;
  const cases: readonly [string, (rows: Record<string, string>[]) => unknown, unknown][] = [
    ['one row per node and edge', (rows) => rows.length, 7],
    ['labels with quotes and commas survive', (rows) => rows[0]?.['label'], 'Charte « G4 », Loire'],
    ['FINESS kept as text', (rows) => rows[1]?.['finess'], '420000234'],
    ['edges name both ends', (rows) => rows[4]?.['label'], 'CH DE FIRMINY → Charte « G4 », Loire'],
    ['edge dates', (rows) => rows[4]?.['validFrom'], '2016-01-01'],
  ];
  for (const [name, pick, expected] of cases) {
    it(name, () => {
      expect(pick(parsed)).toEqual(expected);
    });
  }
});

describe('toGeoJson', () => {
  const fc = JSON.parse(toGeoJson(graph)) as { features: { geometry: { type: string; coordinates: unknown } }[] };
  it('places organisations, hubs at their centroid, drops unplaced ones', () => {
    const types = fc.features.map((f) => f.geometry.type);
    expect(types.filter((t) => t === 'Point')).toHaveLength(3);
    expect(types.filter((t) => t === 'LineString')).toHaveLength(2);
  });
  it('hub centroid', () => {
    const hub = fc.features[0]?.geometry.coordinates as [number, number];
    expect(hub[0]).toBeCloseTo(4.18);
  });
});

describe('toGexf', () => {
  const xml = toGexf(graph);
  it('is GEXF with every node and edge', () => {
    expect(xml).toContain('<gexf');
    expect(xml.match(/<node /g)?.length).toBe(4);
    expect(xml.match(/<edge /g)?.length).toBe(3);
  });
});

describe('exportFileName', () => {
  const cases: readonly [string, string, string, string][] = [
    ['Loire', '2016-01-01', 'csv', 'maillage-loire-2016-01-01.csv'],
    ['Auvergne-Rhône-Alpes', '2020-05-05', 'gexf', 'maillage-auvergne-rhone-alpes-2020-05-05.gexf'],
    ['', '2020-05-05', 'png', 'maillage-graphe-2020-05-05.png'],
  ];
  for (const [context, date, ext, expected] of cases) {
    it(expected, () => {
      expect(exportFileName(context, date, ext)).toBe(expected);
    });
  }
});
