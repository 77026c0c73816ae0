import { describe, expect, it } from 'vitest';
import { degrees, labelThreshold, mergeGraphs, nodeStyle, partners, pathEdgeKeys, visibleGraph, type GraphData } from './graphModel.ts';

const site = (id: string) => ({ id, kind: 'SITE', label: `site ${id}` });
const hub = (id: string, kind = 'CONVENTION') => ({ id, kind, label: `hub ${id}` });
const edge = (id: string, source: string, target: string) => ({ id, source, target });

const g4: GraphData = {
  nodes: [hub('1'), site('a'), site('b'), site('c'), hub('9', 'GROUPING')],
  edges: [edge('e1', 'a', '1'), edge('e2', 'b', '1'), edge('e3', 'c', '1'), edge('e4', 'a', '9')],
};

describe('mergeGraphs', () => {
  const cases: readonly { name: string; graphs: (GraphData | null)[]; nodes: number; edges: number }[] = [
    { name: 'nothing', graphs: [], nodes: 0, edges: 0 },
    { name: 'one', graphs: [g4], nodes: 5, edges: 4 },
    { name: 'same twice', graphs: [g4, g4, null], nodes: 5, edges: 4 },
    {
      name: 'dangling edge dropped',
      graphs: [{ nodes: [site('x')], edges: [edge('e9', 'x', 'missing')] }],
      nodes: 1,
      edges: 0,
    },
    { name: 'union', graphs: [g4, { nodes: [site('d'), hub('1')], edges: [edge('e5', 'd', '1')] }], nodes: 6, edges: 5 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const merged = mergeGraphs(c.graphs);
      expect([merged.nodes.length, merged.edges.length]).toEqual([c.nodes, c.edges]);
    });
  }
});

describe('visibleGraph', () => {
  const cases: readonly { name: string; hidden: string[]; keep?: string[]; nodes: string[] }[] = [
    { name: 'all', hidden: [], nodes: ['1', 'a', 'b', 'c', '9'] },
    { name: 'hide a site', hidden: ['b'], nodes: ['1', 'a', 'c', '9'] },
    { name: 'hub left alone disappears', hidden: ['a'], nodes: ['1', 'b', 'c'] },
    { name: 'kept hub stays', hidden: ['a'], keep: ['9'], nodes: ['1', 'b', 'c', '9'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(visibleGraph(g4, c.hidden, c.keep).nodes.map((n) => n.id)).toEqual(c.nodes);
    });
  }
  it('an object without participation on the day is not drawn', () => {
    expect(visibleGraph({ nodes: [hub('1')], edges: [] }, []).nodes).toEqual([]);
  });
});

describe('degrees and partners', () => {
  it('counts edges at both ends', () => {
    expect(Object.fromEntries(degrees(g4))).toEqual({ '1': 3, a: 2, b: 1, c: 1, '9': 1 });
  });
  const cases: readonly [string, string[]][] = [
    ['1', ['a', 'b', 'c']],
    ['a', ['b', 'c']],
    ['9', ['a']],
    ['missing', []],
  ];
  for (const [id, expected] of cases) {
    it(`partners of ${id}`, () => {
      expect([...partners(g4, id)].sort()).toEqual(expected);
    });
  }
});

describe('nodeStyle', () => {
  const cases: readonly { name: string; kind: string; category?: string; degree: number; hub: boolean; color: string }[] = [
    { name: 'site', kind: 'SITE', degree: 4, hub: false, color: '#155e75' },
    { name: 'GHT', kind: 'GROUPING', category: 'GHT', degree: 10, hub: true, color: '#c2410c' },
    { name: 'CPTS', kind: 'GROUPING', category: 'CPTS', degree: 10, hub: true, color: '#db2777' },
    { name: 'convention', kind: 'CONVENTION', degree: 4, hub: true, color: '#7c3aed' },
    { name: 'filière', kind: 'FILIERE', degree: 4, hub: true, color: '#15803d' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const style = nodeStyle({ id: 'x', kind: c.kind, label: '', category: c.category }, c.degree);
      expect([style.hub, style.color]).toEqual([c.hub, c.color]);
    });
  }
  it('grows with degree, within bounds', () => {
    const small = nodeStyle(site('a'), 1).size;
    const big = nodeStyle(site('a'), 100).size;
    expect(big).toBeGreaterThan(small);
    expect(big).toBeLessThanOrEqual(18);
  });
});

describe('pathEdgeKeys', () => {
  it('both directions', () => {
    expect(pathEdgeKeys({ nodes: [], edges: [edge('p', 'a', '1')] })).toEqual(new Set(['a|1', '1|a']));
  });
  it('null path', () => {
    expect(pathEdgeKeys(null).size).toBe(0);
  });
});

describe('labelThreshold', () => {
  it.each([
    [5, 0],
    [60, 0],
    [61, 9],
    [900, 9],
  ])('%i nodes', (n, want) => {
    expect(labelThreshold(n)).toBe(want);
  });
});
