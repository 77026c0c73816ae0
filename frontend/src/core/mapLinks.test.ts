import { describe, expect, it } from 'vitest';
import type { GraphData } from './graphModel.ts';
import { arc, boundsOf, pathGeometry, selectionGeometry } from './mapLinks.ts';

const at = (id: string, lon: number, lat: number) => ({ id, kind: 'SITE', label: id, longitude: lon, latitude: lat });
const graph: GraphData = {
  nodes: [
    { id: '1', kind: 'CONVENTION', label: 'G4' },
    at('a', 4.0, 45.0),
    at('b', 4.2, 45.4),
    at('c', 4.4, 45.2),
    { id: 'd', kind: 'SITE', label: 'sans coordonnées' },
  ],
  edges: [
    { id: 'e1', source: 'a', target: '1' },
    { id: 'e2', source: 'b', target: '1' },
    { id: 'e3', source: 'c', target: '1' },
    { id: 'e4', source: 'd', target: '1' },
  ],
};

describe('selectionGeometry', () => {
  const cases: readonly { name: string; selected: string | null; links: number; points: number }[] = [
    { name: 'no selection', selected: null, links: 0, points: 0 },
    { name: 'unknown id', selected: 'zz', links: 0, points: 0 },
    { name: 'hub: a star from the centroid to placed members', selected: '1', links: 3, points: 4 },
    { name: 'site: a link to each partner', selected: 'a', links: 2, points: 3 },
    { name: 'unplaced site with placed partners: star from their centroid', selected: 'd', links: 3, points: 4 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const geometry = selectionGeometry(graph, c.selected);
      expect([geometry.links.features.length, geometry.points.features.length]).toEqual([c.links, c.points]);
    });
  }
  it('centroid of the hub', () => {
    const origin = selectionGeometry(graph, '1').points.features[0]?.geometry.coordinates;
    expect(origin?.[0]).toBeCloseTo(4.2);
    expect(origin?.[1]).toBeCloseTo(45.2);
  });
});

describe('pathGeometry', () => {
  it('links consecutive organisations, skipping the hub', () => {
    const path: GraphData = { nodes: [at('a', 4, 45), { id: '1', kind: 'CONVENTION', label: 'G4' }, at('b', 4.2, 45.4)], edges: [] };
    expect(pathGeometry(path).features.map((f) => f.geometry.coordinates)).toEqual([
      [
        [4, 45],
        [4.2, 45.4],
      ],
    ]);
  });
  it('null', () => {
    expect(pathGeometry(null).features).toEqual([]);
  });
});

describe('arc', () => {
  const cases: readonly { name: string; a: [number, number]; b: [number, number]; points: number }[] = [
    { name: 'east', a: [0, 0], b: [2, 0], points: 17 },
    { name: 'north', a: [1, 1], b: [1, 3], points: 17 },
    { name: 'same point', a: [1, 1], b: [1, 1], points: 2 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const line = arc(c.a, c.b);
      expect(line).toHaveLength(c.points);
      expect(line[0]).toEqual(c.a);
      expect(line.at(-1)?.[0]).toBeCloseTo(c.b[0]);
      expect(line.at(-1)?.[1]).toBeCloseTo(c.b[1]);
    });
  }
  it('bends to the left of the direction of travel', () => {
    const middle = arc([0, 0], [2, 0])[8];
    expect(middle?.[0]).toBeCloseTo(1);
    expect(middle?.[1]).toBeGreaterThan(0);
  });
});

describe('boundsOf', () => {
  const cases: readonly [[number, number][], [number, number, number, number] | null][] = [
    [[], null],
    [[[1, 2]], [1, 2, 1, 2]],
    [
      [
        [1, 2],
        [-1, 5],
      ],
      [-1, 2, 1, 5],
    ],
  ];
  for (const [coords, expected] of cases) {
    it(JSON.stringify(coords), () => {
      expect(boundsOf(coords)).toEqual(expected);
    });
  }
});
