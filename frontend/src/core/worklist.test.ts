import { describe, expect, it } from 'vitest';
import { formatEditTarget, parseEditTarget } from './editForm.ts';
import { byUrgency, confirmTarget, fixStep, recordsToType, workTerritory, type Fix } from './worklist.ts';

const types: Record<string, string> = { '1': 'Membership', '2': 'ConventionParty', '3': 'Convention', '4': 'FiliereRole' };
const typeOf = (id: string) => types[id];

describe('fixStep', () => {
  it.each<[string, Fix, ReturnType<typeof fixStep>]>([
    ['add the missing support', { action: 'ADD_MEMBER', record: '9', role: 'SUPPORT' }, { kind: 'edit', target: 'membership:new:9:as:SUPPORT' }],
    ['add a named member to the one GHT', { action: 'ADD_MEMBER', record: '9', organisation: '7', role: 'MEMBER' }, { kind: 'edit', target: 'membership:new:9:with:7:as:MEMBER' }],
    ['join a GHT the editor chooses', { action: 'ADD_MEMBER', organisation: '7' }, { kind: 'select', id: '7' }],
    ['close a membership', { action: 'CLOSE', record: '1' }, { kind: 'edit', target: 'membership:1:close' }],
    ['close a party', { action: 'CLOSE', record: '2' }, { kind: 'edit', target: 'party:2:close' }],
    ['correct a convention', { action: 'UPDATE', record: '3' }, { kind: 'edit', target: 'convention:3' }],
    ['a filière role', { action: 'UPDATE', record: '4' }, { kind: 'edit', target: 'role:4' }],
    ['a record of unknown type: its fiche', { action: 'CLOSE', record: '5' }, { kind: 'select', id: '5' }],
    ['a convention to record', { action: 'CREATE_CONVENTION', organisation: '7' }, { kind: 'edit', target: 'convention:new:with:7' }],
    ['nothing named', { action: 'CLOSE' }, null],
  ])('%s', (_, fix, want) => {
    expect(fixStep(fix, typeOf)).toEqual(want);
  });
});

describe('every step is a form address the app reads', () => {
  it.each([
    [{ action: 'ADD_MEMBER', record: '9', organisation: '7', role: 'SUPPORT' }],
    [{ action: 'CREATE_CONVENTION', organisation: '7' }],
    [{ action: 'CLOSE', record: '1' }],
    [{ action: 'UPDATE', record: '4' }],
  ] as const)('%j', (fix) => {
    const step = fixStep(fix, typeOf);
    expect(step?.kind).toBe('edit');
    if (step?.kind === 'edit') expect(formatEditTarget(parseEditTarget(step.target) ?? { kind: 'convention', mode: 'create', id: null, parent: null })).toBe(step.target);
  });
  it('confirms a suggestion with the member proposed', () => {
    expect(parseEditTarget(confirmTarget('5', '6'))).toEqual({ kind: 'membership', mode: 'create', id: null, parent: '5', with: '6', as: null });
  });
});

describe('recordsToType', () => {
  it('asks the type of the records to close or correct only, once each', () => {
    expect(
      recordsToType([
        { fixes: [{ action: 'CLOSE', record: '1' }, { action: 'ADD_MEMBER', record: '9' }] },
        { fixes: [{ action: 'UPDATE', record: '1' }, { action: 'UPDATE', record: '3' }] },
      ]),
    ).toEqual(['1', '3']);
  });
});

describe('workTerritory', () => {
  const loire = { kind: 'DEPARTMENT', code: '42' } as const;
  const ara = { kind: 'REGION', code: '84' } as const;
  it.each([
    ['an editor without a choice: its token’s first territory', ['REGION:84'], null, false, ara],
    ['an editor choosing one of its own', ['REGION:84', 'DEPARTMENT:42'], loire, false, loire],
    ['an editor choosing elsewhere: its own', ['REGION:84'], loire, false, ara],
    ['a plain code is a région', ['84'], null, false, ara],
    ['an admin: the chosen territory', [], loire, true, loire],
    ['an admin without a choice: none', [], null, true, null],
  ] as const)('%s', (_, token, chosen, admin, want) => {
    expect(workTerritory(token, chosen, admin)).toEqual(want);
  });
});

describe('byUrgency', () => {
  it('puts errors first, then warnings, then notices', () => {
    const f = (severity: string, rule: string, message: string) => ({ severity, rule, message });
    expect(byUrgency([f('INFO', 'a', 'x'), f('WARNING', 'b', 'y'), f('ERROR', 'c', 'z'), f('WARNING', 'a', 'w')]).map((x) => x.message)).toEqual(['z', 'w', 'y', 'x']);
  });
});
