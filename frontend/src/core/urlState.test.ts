import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, formatState, isIsoDate, parseState, type AppState } from './urlState.ts';

describe('parseState', () => {
  const cases: readonly { name: string; search: string; expected: Partial<AppState> }[] = [
    { name: 'empty', search: '', expected: {} },
    { name: 'view', search: '?view=network', expected: { view: 'network' } },
    { name: 'unknown view', search: '?view=3d', expected: {} },
    { name: 'département', search: '?territory=dep:42', expected: { territory: { kind: 'DEPARTMENT', code: '42' } } },
    { name: 'Corse', search: '?territory=dep:2A', expected: { territory: { kind: 'DEPARTMENT', code: '2A' } } },
    { name: 'région', search: '?territory=region:84', expected: { territory: { kind: 'REGION', code: '84' } } },
    { name: 'bad territory', search: '?territory=pays:FR', expected: {} },
    { name: 'commune', search: '?territory=commune:42218', expected: { territory: { kind: 'COMMUNE', code: '42218' } } },
    { name: 'commune of Corsica', search: '?territory=commune:2A004', expected: { territory: { kind: 'COMMUNE', code: '2A004' } } },
    { name: 'commune code of a département', search: '?territory=commune:42', expected: {} },
    { name: 'date', search: '?date=2015-06-01', expected: { asOf: '2015-06-01' } },
    { name: 'impossible date', search: '?date=2015-02-30', expected: {} },
    { name: 'selection', search: '?sel=25769813485', expected: { selected: '25769813485' } },
    { name: 'bad selection', search: '?sel=abc', expected: {} },
    { name: 'kinds', search: '?kinds=GROUPING,TEAM,FOO,TEAM', expected: { kinds: ['GROUPING', 'TEAM'] } },
    { name: 'hidden ids', search: '?hide=1,2,x,2', expected: { hidden: ['1', '2'] } },
    { name: 'path', search: '?from=12&to=34&tab=questions', expected: { pathFrom: '12', pathTo: '34', tab: 'questions' } },
    { name: 'level', search: '?level=SITE', expected: { level: 'SITE' } },
    { name: 'memberless structures', search: '?memberless=1', expected: { memberless: true } },
    { name: 'memberless, not 1', search: '?memberless=yes', expected: {} },
    { name: 'edit form', search: '?sel=12&edit=party:new:12&tab=history', expected: { selected: '12', edit: 'party:new:12', tab: 'history' } },
    { name: 'bad edit form', search: '?edit=party:drop:12', expected: {} },
    { name: 'team site form', search: '?edit=teamSite:new:7', expected: { edit: 'teamSite:new:7' } },
    { name: 'filière close form', search: '?edit=filiere:8:close', expected: { edit: 'filiere:8:close' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(parseState(c.search)).toEqual({ ...DEFAULT_STATE, ...c.expected });
    });
  }
});

describe('formatState round trip', () => {
  const states: readonly Partial<AppState>[] = [
    {},
    { view: 'map', territory: { kind: 'REGION', code: '84' }, asOf: '2015-01-01', since: '2010-01-01' },
    { selected: '1', expanded: ['2', '3'], hidden: ['4'], kinds: ['CONVENTION'], level: 'SITE', memberless: true },
    { pathFrom: '8589969672', pathTo: '8589969671', tab: 'questions' },
    { selected: '5', edit: 'convention:5:close' },
  ];
  for (const partial of states) {
    it(JSON.stringify(partial), () => {
      const state = { ...DEFAULT_STATE, ...partial };
      expect(parseState(formatState(state))).toEqual(state);
    });
  }
  it('writes nothing for the default state', () => {
    expect(formatState(DEFAULT_STATE)).toBe('');
  });
  it('keeps territory readable', () => {
    expect(formatState({ ...DEFAULT_STATE, territory: { kind: 'DEPARTMENT', code: '42' } })).toBe('?territory=dep:42');
  });
});

describe('isIsoDate', () => {
  const cases: readonly [string, boolean][] = [
    ['2016-01-01', true],
    ['2016-02-29', true],
    ['2015-02-29', false],
    ['2016-13-01', false],
    ['16-01-01', false],
    ['', false],
  ];
  for (const [value, ok] of cases) {
    it(`${value} → ${String(ok)}`, () => {
      expect(isIsoDate(value)).toBe(ok);
    });
  }
});
